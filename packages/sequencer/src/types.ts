import type { BlockContext, TransactionExecutionInfo } from '@starling/execution';
import type { PooledTransaction } from '@starling/mempool';
import type { StateReader } from '@starling/protocol';
import type { BlockInput, StoredBlock } from '@starling/state';

/** The chain the sequencer extends; the node implements it over the state database. */
export interface SequencerChain {
  /** Number of the last stored block, undefined before genesis. */
  latestBlockNumber(): number | undefined;
  /** Hash and timestamp of a stored block. */
  blockInfo(n: number): { hash: bigint; timestamp: bigint };
  /** A reader of the latest committed state (classes included). */
  latestState(): StateReader;
  /** Stores one block atomically. */
  commitBlock(input: BlockInput): StoredBlock;
}

/** Where transactions come from: the pool behind the gateway. */
export interface TransactionSource {
  take(max: number, nonceOf: (sender: bigint) => bigint): PooledTransaction[];
  unstage(hashes: Iterable<bigint>): void;
  /** Removes included or rejected transactions (from the store too). */
  remove(hashes: readonly bigint[], reason?: string): Promise<unknown>;
}

/** Status of a transaction in the pre-confirmed block. */
export type PreconfirmedStatus = 'CANDIDATE' | 'PRE_CONFIRMED';

/** A transaction of the pre-confirmed block. */
export interface PreconfirmedTransaction {
  pooled: PooledTransaction;
  status: PreconfirmedStatus;
  /** Set once executed. */
  info?: TransactionExecutionInfo;
}

/** A block just stored. */
export interface ClosedBlock {
  blockNumber: number;
  blockHash: bigint;
  /** The RPC header document stored with it. */
  header: Record<string, unknown>;
  transactions: { hash: bigint; transaction: Record<string, unknown>; receipt: Record<string, unknown> }[];
  context: BlockContext;
}

/** A transaction the sequencer dropped because execution rejected it. */
export interface RejectedTransaction {
  hash: bigint;
  error: unknown;
}
