// Block reads: headers, bodies, state updates, events.
import { rpcReceipt, rpcStateDiff } from '@starling/execution';
import type { BLOCK_ID, EVENT_FILTER, RESULT_PAGE_REQUEST } from '@starling/rpc';
import { StarknetRpcError } from '@starling/rpc';
import { preconfirmedHeaderJson, transactionJson } from '@starling/sequencer';
import { emptyStateDiff } from '@starling/state';
import { hex, type NodeContext, resolveBlock } from './context.js';

type Body = 'hashes' | 'txs' | 'receipts';

/** A block with its body in one of the three RPC forms. */
export function getBlock(c: NodeContext, id: BLOCK_ID, body: Body): Record<string, unknown> {
  const r = resolveBlock(c, id);
  if (r.kind === 'pre') {
    const ctx = r.block?.context ?? c.sequencer.nextContext();
    const txs = r.block?.executed() ?? [];
    const items = txs.map((t) => {
      const transaction = { transaction_hash: hex(t.pooled.hash), ...transactionJson(t.pooled.tx) };
      if (body === 'hashes') return transaction.transaction_hash;
      if (body === 'txs') return transaction;
      const { ...receipt } = rpcReceipt(t.info as never, 'PRE_CONFIRMED');
      return { transaction, receipt };
    });
    return { ...preconfirmedHeaderJson(ctx), transactions: items };
  }
  const b = c.db.getBlock(r.n);
  const txs = c.db.getBlockTransactions(r.n);
  const items = txs.map((t) => {
    if (body === 'hashes') return hex(t.hash);
    if (body === 'txs') return t.transaction;
    return { transaction: t.transaction, receipt: t.receipt };
  });
  return { status: 'ACCEPTED_ON_L2', ...(b.header as Record<string, unknown>), transactions: items };
}

/** Number of transactions of a block. */
export function transactionCount(c: NodeContext, id: BLOCK_ID): number {
  const r = resolveBlock(c, id);
  if (r.kind === 'pre') return r.block?.executed().length ?? 0;
  return c.db.getBlock(r.n).transactionCount;
}

/** starknet_getStateUpdate (optionally restricted to some contracts). */
export function stateUpdate(c: NodeContext, id: BLOCK_ID, contracts?: string[]): Record<string, unknown> {
  const r = resolveBlock(c, id);
  const only = contracts === undefined ? undefined : new Set(contracts.map((a) => BigInt(a)));
  const keep = <T>(l: T[], addr: (x: T) => bigint) =>
    only === undefined ? l : l.filter((x) => only.has(addr(x)));
  const filter = (d: ReturnType<typeof emptyStateDiff>) => ({
    ...d,
    storageDiffs: keep(d.storageDiffs, (s) => s.address),
    nonces: keep(d.nonces, (s) => s.address),
    deployedContracts: keep(d.deployedContracts, (s) => s.address),
    replacedClasses: keep(d.replacedClasses, (s) => s.address),
  });
  if (r.kind === 'pre') {
    const latest = c.db.latestBlockNumber();
    const oldRoot = latest === undefined ? 0n : c.db.getRoots(latest).stateRoot;
    const diff = r.block?.state.layerDiff(0) ?? emptyStateDiff();
    return { old_root: hex(oldRoot), state_diff: rpcStateDiff(filter(diff)) };
  }
  const b = c.db.getBlock(r.n);
  const oldRoot = r.n === 0 ? 0n : c.db.getRoots(r.n - 1).stateRoot;
  return {
    block_hash: hex(b.blockHash ?? 0n),
    old_root: hex(oldRoot),
    new_root: hex(b.stateRoot),
    state_diff: rpcStateDiff(filter(c.db.getStateDiff(r.n))),
  };
}

const blockNumberOf = (c: NodeContext, id: BLOCK_ID | undefined, fallback: number): number => {
  if (id === undefined) return fallback;
  const r = resolveBlock(c, id);
  return r.kind === 'pre' ? (c.db.latestBlockNumber() ?? 0) : r.n;
};

/** starknet_getEvents over stored blocks. */
export function events(c: NodeContext, f: EVENT_FILTER & RESULT_PAGE_REQUEST): Record<string, unknown> {
  if (f.chunk_size > 1024) throw new StarknetRpcError('PAGE_SIZE_TOO_BIG');
  if ((f.keys?.length ?? 0) > 16) throw new StarknetRpcError('TOO_MANY_KEYS_IN_FILTER');
  const latest = c.db.latestBlockNumber() ?? 0;
  const addresses = f.address === undefined ? [] : Array.isArray(f.address) ? f.address : [f.address];
  const wanted = new Set(addresses.map((a) => BigInt(a)));
  let chunk: ReturnType<typeof c.db.getEvents>;
  try {
    chunk = c.db.getEvents({
      fromBlock: blockNumberOf(c, f.from_block, 0),
      toBlock: blockNumberOf(c, f.to_block, latest),
      ...(wanted.size === 1 ? { address: [...wanted][0] as bigint } : {}),
      keys: (f.keys ?? []).map((k) => k.map((x) => BigInt(x))),
      chunkSize: f.chunk_size,
      ...(f.continuation_token !== undefined ? { continuationToken: f.continuation_token } : {}),
    });
  } catch (e) {
    if ((e as { code?: string }).code === 'INVALID_CONTINUATION_TOKEN')
      throw new StarknetRpcError('INVALID_CONTINUATION_TOKEN');
    throw e;
  }
  const list = wanted.size > 1 ? chunk.events.filter((e) => wanted.has(e.fromAddress)) : chunk.events;
  return {
    events: list.map((e) => ({
      from_address: hex(e.fromAddress),
      keys: e.keys.map(hex),
      data: e.data.map(hex),
      ...(e.blockHash !== undefined ? { block_hash: hex(e.blockHash) } : {}),
      block_number: e.blockNumber,
      transaction_hash: hex(e.transactionHash),
      transaction_index: e.transactionIndex,
      event_index: e.eventIndex,
    })),
    ...(chunk.continuationToken !== undefined ? { continuation_token: chunk.continuationToken } : {}),
  };
}
