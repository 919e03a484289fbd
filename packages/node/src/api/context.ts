import type { BlockContext } from '@starling/execution';
import { PATRICIA_KEY_BOUND } from '@starling/felt';
import type { Gateway } from '@starling/mempool';
import type { StateReader } from '@starling/protocol';
import type { BLOCK_ID } from '@starling/rpc';
import { RpcError, StarknetRpcError } from '@starling/rpc';
import type { DatabaseChain, PreconfirmedBlock, Sequencer } from '@starling/sequencer';
import type { StateDatabase } from '@starling/state';
import type { L1Finality } from '../finality.js';
import type { LatestReads } from './latest-reads.js';

/** What the API implementations read: the components a node wires together. */
export interface NodeContext {
  db: StateDatabase;
  chain: DatabaseChain;
  gateway: Gateway;
  sequencer: Sequencer;
  chainId: bigint;
  /** The context of block `n` at `timestamp`. */
  blockContext(n: bigint, timestamp: bigint): BlockContext;
  /** Gas prices of the blocks to come (devnet_setGasPrice changes them). */
  gasPrices: BlockContext['gasPrices'];
  /** Blocks accepted on L1 (devnet_acceptOnL1). */
  finality: L1Finality;
  /** Storage reads at `latest`, valid until the next block. */
  latestReads: LatestReads;
  /** L2→L1 message hash → copies consumed through the devnet postman. */
  consumedMessages: Map<string, number>;
}

/** A resolved block id: a stored block, or the pre-confirmed one (maybe not opened yet). */
export type ResolvedBlock =
  | { kind: 'stored'; n: number }
  | { kind: 'pre'; block: PreconfirmedBlock | undefined };

export const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** Resolves a BLOCK_ID; unknown blocks throw BLOCK_NOT_FOUND. */
export function resolveBlock(c: NodeContext, id: BLOCK_ID): ResolvedBlock {
  const latest = c.db.latestBlockNumber();
  if (id === 'pre_confirmed') return { kind: 'pre', block: c.sequencer.preconfirmed };
  if (latest === undefined) throw new StarknetRpcError('BLOCK_NOT_FOUND');
  if (id === 'latest') return { kind: 'stored', n: latest };
  if (id === 'l1_accepted') {
    const n = c.finality.latest;
    if (n === undefined) throw new StarknetRpcError('BLOCK_NOT_FOUND');
    return { kind: 'stored', n };
  }
  if ('block_number' in id) {
    if (!Number.isSafeInteger(id.block_number) || id.block_number < 0 || id.block_number > latest)
      throw new StarknetRpcError('BLOCK_NOT_FOUND');
    return { kind: 'stored', n: id.block_number };
  }
  const n = c.db.getBlockNumberByHash(BigInt(id.block_hash));
  if (n === undefined) throw new StarknetRpcError('BLOCK_NOT_FOUND');
  return { kind: 'stored', n };
}

/** The state after a block id (the pre-confirmed block's state for `pre_confirmed`). */
export function stateAt(c: NodeContext, id: BLOCK_ID): StateReader {
  const r = resolveBlock(c, id);
  if (r.kind === 'pre') return r.block?.state ?? c.chain.latestState();
  return c.chain.stateAt(r.n);
}

/** The execution context for calls and estimates on top of a block id. */
export function contextAfter(c: NodeContext, id: BLOCK_ID): BlockContext {
  const r = resolveBlock(c, id);
  if (r.kind === 'pre') return r.block?.context ?? c.sequencer.nextContext();
  const info = c.chain.blockInfo(r.n);
  return c.blockContext(BigInt(r.n) + 1n, info.timestamp);
}

/** A contract address or storage key parameter: below 2^251, else INVALID_PARAMS. */
export function keyParam(s: string, what: string): bigint {
  const v = BigInt(s);
  if (v >= PATRICIA_KEY_BOUND) throw new RpcError('INVALID_PARAMS', `${what} must be below 2^251`);
  return v;
}
