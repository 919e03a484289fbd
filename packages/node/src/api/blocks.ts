// Block reads: headers, bodies, state updates, events.
import { rpcReceipt, rpcStateDiff } from '@starling/execution';
import type { BLOCK_ID, EVENT_FILTER, RESULT_PAGE_REQUEST } from '@starling/rpc';
import { StarknetRpcError } from '@starling/rpc';
import { preconfirmedHeaderJson, transactionJson } from '@starling/sequencer';
import { emptyStateDiff } from '@starling/state';
import { hex, type NodeContext, resolveBlock } from './context.js';

type Body = 'hashes' | 'txs' | 'receipts';

/**
 * A transaction as served under the response flags: INCLUDE_PROOF_FACTS adds `proof_facts` to INVOKE v3
 * transactions (empty: no transaction here carries proof facts); without it the field is left out.
 */
export function withFlags(tx: unknown, flags: readonly string[] | undefined): unknown {
  const t = tx as Record<string, unknown>;
  if (t.type !== 'INVOKE' || t.version !== '0x3') return tx;
  if (flags?.includes('INCLUDE_PROOF_FACTS') === true) return { ...t, proof_facts: t.proof_facts ?? [] };
  if (t.proof_facts === undefined) return tx;
  const { proof_facts: _, ...rest } = t;
  return rest;
}

/** A stored receipt with the finality its block has now. */
export function withFinality(c: NodeContext, receipt: unknown, block: number): Record<string, unknown> {
  const r = receipt as Record<string, unknown>;
  const status = c.finality.statusOf(block);
  return status === r.finality_status ? r : { ...r, finality_status: status };
}

/** A block with its body in one of the three RPC forms. */
export function getBlock(
  c: NodeContext,
  id: BLOCK_ID,
  body: Body,
  flags?: readonly string[],
): Record<string, unknown> {
  const r = resolveBlock(c, id);
  if (r.kind === 'pre') {
    const ctx = r.block?.context ?? c.sequencer.nextContext();
    const txs = r.block?.executed() ?? [];
    const items = txs.map((t) => {
      const transaction = { transaction_hash: hex(t.pooled.hash), ...transactionJson(t.pooled.tx) };
      if (body === 'hashes') return transaction.transaction_hash;
      if (body === 'txs') return withFlags(transaction, flags);
      const { ...receipt } = rpcReceipt(t.info as never, 'PRE_CONFIRMED');
      return { transaction: withFlags(transaction, flags), receipt };
    });
    return { ...preconfirmedHeaderJson(ctx), transactions: items };
  }
  const b = c.db.getBlock(r.n);
  const txs = c.db.getBlockTransactions(r.n);
  const items = txs.map((t) => {
    if (body === 'hashes') return hex(t.hash);
    if (body === 'txs') return withFlags(t.transaction, flags);
    return { transaction: withFlags(t.transaction, flags), receipt: withFinality(c, t.receipt, r.n) };
  });
  return { status: c.finality.statusOf(r.n), ...(b.header as Record<string, unknown>), transactions: items };
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

const PRE_TOKEN = 'pre:';

/** starknet_getEvents over stored blocks, then the pre-confirmed block when the range reaches it. */
export function events(c: NodeContext, f: EVENT_FILTER & RESULT_PAGE_REQUEST): Record<string, unknown> {
  if (f.chunk_size > 1024) throw new StarknetRpcError('PAGE_SIZE_TOO_BIG');
  if ((f.keys?.length ?? 0) > 16) throw new StarknetRpcError('TOO_MANY_KEYS_IN_FILTER');
  const latest = c.db.latestBlockNumber() ?? 0;
  const addresses = f.address === undefined ? [] : Array.isArray(f.address) ? f.address : [f.address];
  const wanted = new Set(addresses.map((a) => BigInt(a)));
  const keys = (f.keys ?? []).map((k) => k.map((x) => BigInt(x)));
  // A token of the pre-confirmed part skips the stored blocks; validated before anything is read.
  const token = f.continuation_token;
  let preOffset = 0;
  if (token?.startsWith(PRE_TOKEN) === true) {
    const n = Number(token.slice(PRE_TOKEN.length));
    if (!Number.isSafeInteger(n) || n < 0) throw new StarknetRpcError('INVALID_CONTINUATION_TOKEN');
    preOffset = n;
  }
  const toPre = f.to_block === 'pre_confirmed';
  const out: Record<string, unknown>[] = [];
  if (f.from_block !== 'pre_confirmed' && token?.startsWith(PRE_TOKEN) !== true) {
    let chunk: ReturnType<typeof c.db.getEvents>;
    try {
      chunk = c.db.getEvents({
        fromBlock: blockNumberOf(c, f.from_block, 0),
        toBlock: blockNumberOf(c, f.to_block, latest),
        ...(wanted.size === 1 ? { address: [...wanted][0] as bigint } : {}),
        keys,
        chunkSize: f.chunk_size,
        ...(token !== undefined ? { continuationToken: token } : {}),
      });
    } catch (e) {
      if ((e as { code?: string }).code === 'INVALID_CONTINUATION_TOKEN')
        throw new StarknetRpcError('INVALID_CONTINUATION_TOKEN');
      throw e;
    }
    const list = wanted.size > 1 ? chunk.events.filter((e) => wanted.has(e.fromAddress)) : chunk.events;
    for (const e of list)
      out.push({
        from_address: hex(e.fromAddress),
        keys: e.keys.map(hex),
        data: e.data.map(hex),
        ...(e.blockHash !== undefined ? { block_hash: hex(e.blockHash) } : {}),
        block_number: e.blockNumber,
        transaction_hash: hex(e.transactionHash),
        transaction_index: e.transactionIndex,
        event_index: e.eventIndex,
      });
    if (chunk.continuationToken !== undefined)
      return { events: out, continuation_token: chunk.continuationToken };
    // The stored part may end exactly at a full chunk: the pre-confirmed part starts with the next call.
    if (toPre && out.length >= f.chunk_size) return { events: out, continuation_token: `${PRE_TOKEN}0` };
  }
  if (!toPre && f.from_block !== 'pre_confirmed') return { events: out };
  const pre = preconfirmedEvents(c, wanted, keys);
  const room = f.chunk_size - out.length;
  out.push(...pre.slice(preOffset, preOffset + room));
  const next = preOffset + room;
  return next < pre.length ? { events: out, continuation_token: `${PRE_TOKEN}${next}` } : { events: out };
}

// The events of the pre-confirmed block matching the filter (no block hash yet).
function preconfirmedEvents(
  c: NodeContext,
  wanted: Set<bigint>,
  keys: bigint[][],
): Record<string, unknown>[] {
  const pre = c.sequencer.preconfirmed;
  if (pre === undefined) return [];
  const out: Record<string, unknown>[] = [];
  const blockNumber = Number(pre.context.blockNumber);
  pre.executed().forEach((t, transactionIndex) => {
    const receipt = rpcReceipt(t.info as never, 'PRE_CONFIRMED') as {
      events: { from_address: string; keys: string[]; data: string[] }[];
    };
    receipt.events.forEach((e, eventIndex) => {
      if (wanted.size > 0 && !wanted.has(BigInt(e.from_address))) return;
      const ok = keys.every((allowed, i) => {
        if (allowed.length === 0) return true;
        const k = e.keys[i];
        return k !== undefined && allowed.includes(BigInt(k));
      });
      if (!ok) return;
      out.push({
        ...e,
        block_number: blockNumber,
        transaction_hash: hex(t.pooled.hash),
        transaction_index: transactionIndex,
        event_index: eventIndex,
      });
    });
  });
  return out;
}
