// Cross-component interfaces: implemented by the state package (and test doubles), consumed by
// execution, sequencer, rpc and sync through protocol only.
import type {
  BlockHeader,
  CasmClass,
  Receipt,
  SierraClass,
  StateDiff,
  TransactionWithHash,
} from './types.js';

/** A declared class as stored: Sierra (with its compiled CASM when known) or a Cairo 0 class kept as raw JSON. */
export type StoredClass =
  | { kind: 'SIERRA'; sierra: SierraClass; casm?: CasmClass }
  | { kind: 'CAIRO0'; definition: unknown };

/**
 * Read access to the global state at one point in time. Synchronous on purpose: the VM calls it from
 * inside its step loop (embedded stores such as LMDB read synchronously). Absent values read as 0.
 */
export interface StateReader {
  /** Value at `key` in the contract's storage (0 if never written). */
  getStorageAt(contractAddress: bigint, key: bigint): bigint;
  /** The contract's nonce (0 for an undeployed address). */
  getNonceAt(contractAddress: bigint): bigint;
  /** The class hash deployed at the address (0 if none). */
  getClassHashAt(contractAddress: bigint): bigint;
  /** The compiled class hash recorded for a Sierra class (0 if not declared). */
  getCompiledClassHash(classHash: bigint): bigint;
  /** The declared class, or undefined if it was never declared. */
  getClass(classHash: bigint): StoredClass | undefined;
  /** The CASM that execution runs for a Sierra class, or undefined if unknown. */
  getCompiledClass(classHash: bigint): CasmClass | undefined;
}

/**
 * A state that execution writes to: a StateReader whose reads see the writes made through it.
 * Implementations layer the writes (one layer per transaction or call) so that they can be dropped.
 */
export interface State extends StateReader {
  setStorageAt(contractAddress: bigint, key: bigint, value: bigint): void;
  setNonce(contractAddress: bigint, nonce: bigint): void;
  incrementNonce(contractAddress: bigint): void;
  /** Deploys a class at the address, or replaces the deployed one. */
  setClassHashAt(contractAddress: bigint, classHash: bigint): void;
  /** Declares a class; compiledClassHash is 0 for a Cairo 0 class. */
  declareClass(classHash: bigint, compiledClassHash: bigint, stored: StoredClass, casm?: CasmClass): void;
}

/** Which block: by number, by hash, or the latest accepted one. */
export type BlockId = { number: bigint } | { hash: bigint } | 'latest';

/** Where a transaction sits in the chain. */
export interface TransactionLocation {
  blockNumber: bigint;
  blockHash: bigint;
  index: number;
}

/** Read access to stored blocks (RPC, sync, explorer). Asynchronous: stores may be remote. */
export interface BlockStore {
  /** Number of the latest accepted block, or undefined for an empty chain. */
  getLatestBlockNumber(): Promise<bigint | undefined>;
  getBlockHeader(id: BlockId): Promise<BlockHeader | undefined>;
  /** Transactions of a block, in order. */
  getBlockTransactions(id: BlockId): Promise<TransactionWithHash[] | undefined>;
  /** Receipts of a block, in transaction order. */
  getBlockReceipts(id: BlockId): Promise<Receipt[] | undefined>;
  getStateDiff(id: BlockId): Promise<StateDiff | undefined>;
  getTransaction(
    hash: bigint,
  ): Promise<(TransactionWithHash & { location: TransactionLocation }) | undefined>;
  getReceipt(hash: bigint): Promise<(Receipt & { location: TransactionLocation }) | undefined>;
  /** The state after the given block. */
  getStateReader(id: BlockId): Promise<StateReader | undefined>;
}
