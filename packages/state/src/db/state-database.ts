import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { PATRICIA_KEY_BOUND } from '@starling/felt';
import type { StateReader } from '@starling/protocol';
import { type BlockWitness, blockWitness } from '../commitment/block-witness.js';
import {
  commitStateDiff,
  type StateCommit,
  type StateCommitReader,
} from '../commitment/commit-state-diff.js';
import {
  produceStorageProof,
  type StorageProofJson,
  type StorageProofRequest,
} from '../commitment/storage-proof.js';
import { StateError } from '../errors.js';
import { noopStateMetrics, type StateMetrics } from '../metrics.js';
import { STATE_DEFAULTS, type StateDatabaseOptions } from '../options.js';
import { HashPool } from '../parallel/hash-pool.js';
import type { RecordReader } from '../parallel/storage-job.js';
import type { PinnedStateReader } from '../pinned-state-reader.js';
import { pooledHashers, type TrieHasher } from '../trie/hasher.js';
import type { NodeReader, TrieNode } from '../trie/node.js';
import { NodeCache } from '../trie/node-cache.js';
import type {
  BlockInput,
  ContractState,
  EventFilter,
  EventsChunk,
  GlobalRootRule,
  RootLocations,
  StateDiff,
  StateRoots,
  StoredBlock,
  StoredTransaction,
} from '../types.js';
import { decodeContractState, decodeRoots } from './codec.js';
import { decodeStateDiff } from './diff-codec.js';
import { getEvents } from './events.js';
import { latestAt } from './history.js';
import { decodeJson } from './json.js';
import { key, latestIn, META, readCompact, readU32, readU64, u32, u64 } from './keys.js';
import { type NodeLayout, sharedLayout } from './node-layout.js';
import { NodePageReader, storedNodeKeys } from './node-pages.js';
import { protocolReader } from './protocol-reader.js';
import { RecentNodes } from './recent-nodes.js';
import { StorageHistory } from './storage-history.js';
import { openTables, type Tables } from './tables.js';
import { truncateBlocks } from './truncate.js';
import { CLASS_CAIRO0, writeBlockRecords, writeBlockState } from './write-block.js';

const EMPTY: ContractState = { classHash: 0n, nonce: 0n, storageRoot: 0n };
const ZERO_ROOTS: StateRoots & RootLocations = {
  contractsRoot: 0n,
  classesRoot: 0n,
  stateRoot: 0n,
  contractsRootBlock: 0,
  classesRootBlock: 0,
};

const rootsOnly = (r: StateRoots): StateRoots => ({
  contractsRoot: r.contractsRoot,
  classesRoot: r.classesRoot,
  stateRoot: r.stateRoot,
});

function checkKey(value: bigint, what: string): void {
  if (typeof value !== 'bigint' || value < 0n || value >= PATRICIA_KEY_BOUND)
    throw new StateError('INVALID_KEY', `${what} out of range [0, 2^251)`, { value: String(value) });
}

/** Trie nodes, per-block roots and the contract-state history that a commit or a proof reads. */
class LatestReader implements StateCommitReader {
  constructor(
    private readonly db: StateDatabase,
    private readonly cache: NodeCache,
    /** The nodes the last commits created (their upper levels are read again by the next one). */
    private readonly recent: RecentNodes,
    readonly records: RecordReader,
  ) {}
  getNode(hash: bigint, block?: number): TrieNode | undefined {
    const r = block === undefined ? undefined : this.recent.get(hash, block);
    if (r !== undefined) return r;
    let n = this.cache.get(hash);
    if (n === undefined) {
      n = this.db.getNode(hash, block);
      if (n !== undefined) this.cache.set(hash, n);
    }
    return n;
  }
  getContractState(address: bigint): ContractState {
    const latest = this.db.latestBlockNumber();
    return latest === undefined ? EMPTY : this.db.getContractState(address, latest);
  }
}

/**
 * The layout version of the stored records (2: trie nodes in pages; 3: storage history swept in
 * late, storage-history.ts). A layout-2 database opens as 3: its history table already holds every
 * write, which the memory layer only repeats.
 */
const FORMAT = 3;
const UPGRADES_FROM = 2;

/** Marks a new database with FORMAT; a database written in another layout gives INCOMPATIBLE_DATABASE. */
function checkFormat(t: Tables): void {
  const format = t.meta.getBinary(META.format);
  if (format?.length === 1 && format[0] === FORMAT) return;
  const upgrade = format?.length === 1 && format[0] === UPGRADES_FROM;
  if ((format || t.meta.getBinary(META.latest)) && !upgrade)
    throw new StateError('INCOMPATIBLE_DATABASE', 'the database was written in another storage layout', {
      format: format ? [...format] : 'none',
      expected: FORMAT,
    });
  t.meta.putSync(META.format, Buffer.from([FORMAT]));
}

/** Persistent Starknet state and chain data in LMDB: archive of every block, atomic block commits. */
export class StateDatabase implements NodeReader {
  readonly tables: Tables;
  private readonly rule: GlobalRootRule;
  private readonly pruneKeep: number | undefined;
  private readonly metrics: StateMetrics;
  private closed = false;
  private readonly pool: HashPool;
  private readonly hashers: { pedersen: TrieHasher; poseidon: TrieHasher };
  private readonly cache: NodeCache;
  private readonly pages = new NodePageReader(() => this.t().nodes);
  private readonly recent: RecentNodes;
  /** Reused from block to block: the buffer new nodes are laid out in, and a recent block's buffers no thread reads. */
  private layoutScratch: Uint8Array = new Uint8Array(0);
  private spareLayout: NodeLayout | undefined;
  private readonly history = new StorageHistory(() => this.t());
  /** Stored records by hash and block: the recent blocks' in memory, then the node pages. */
  private readonly records: RecordReader = {
    getRecord: (hash, offset, block) =>
      this.recent.getRecord(hash, offset, block) ?? this.pages.getRecord(hash, offset, block),
  };

  private constructor(options: StateDatabaseOptions) {
    this.tables = openTables(options.path, options.mapSize);
    this.pool = new HashPool(options.hashWorkers ?? Math.max(1, availableParallelism() - 1));
    this.hashers = pooledHashers(this.pool, resolve(options.path));
    this.cache = new NodeCache(options.nodeCacheSize ?? STATE_DEFAULTS.nodeCacheSize);
    this.recent = new RecentNodes(options.recentBlocksInMemory ?? STATE_DEFAULTS.recentBlocksInMemory);
    this.rule = options.globalRootRule ?? STATE_DEFAULTS.globalRootRule;
    this.pruneKeep = options.pruneKeepBlocks;
    this.metrics = options.metrics ?? noopStateMetrics;
  }

  /** Opens or creates a database. */
  static open(options: StateDatabaseOptions): StateDatabase {
    const db = new StateDatabase(options);
    try {
      checkFormat(db.tables);
    } catch (e) {
      void db.close();
      throw e;
    }
    return db;
  }

  /** Closes the environment. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cache.clear();
    this.recent.clear();
    this.history.clear();
    await this.pool.close();
    await this.tables.root.close();
  }

  private t(): Tables {
    if (this.closed) throw new StateError('DATABASE_CLOSED', 'the state database is closed');
    return this.tables;
  }

  /** The number of the last committed block, or undefined when empty. */
  latestBlockNumber(): number | undefined {
    return latestIn(this.t().meta);
  }

  /** The oldest block whose state can be read (0 unless pruned). */
  oldestReadableBlock(): number {
    const v = this.t().meta.getBinary(META.oldest);
    return v ? readU64(v, 0) : 0;
  }

  /** Resolves `block` (default: latest) and checks that its state is readable. */
  resolveBlock(block?: number): number {
    return this.resolve(block).block;
  }

  /** resolveBlock, with the latest block it read. */
  private resolve(block?: number): { block: number; latest: number } {
    const latest = this.latestBlockNumber();
    if (block === undefined) {
      if (latest === undefined) throw new StateError('UNKNOWN_BLOCK', 'the database holds no block');
      return { block: latest, latest };
    }
    if (!Number.isSafeInteger(block) || block < 0 || latest === undefined || block > latest)
      throw new StateError('UNKNOWN_BLOCK', `block ${block} is unknown`, { block, latest });
    if (block < this.oldestReadableBlock())
      throw new StateError('BLOCK_PRUNED', `state of block ${block} was pruned`, { block });
    return { block, latest };
  }

  /** A trie node by hash and the block that created it. */
  getNode(hash: bigint, block = 0): TrieNode | undefined {
    return this.pages.get(hash, block);
  }

  /** Every stored trie node as (block that created it, hash): for inspection and pruning checks. */
  storedNodeKeys(): Iterable<{ block: number; hash: bigint }> {
    return storedNodeKeys(this.t().nodes);
  }

  /**
   * Commits one block atomically: state diff into the tries, then every record of the block in one
   * LMDB write transaction. Blocks must come in order (0, 1, 2, ...).
   */
  commitBlock(input: BlockInput): StoredBlock & { hashCount: number } {
    const latest = this.latestBlockNumber();
    const expected = latest === undefined ? 0 : latest + 1;
    if (input.blockNumber !== expected || input.blockNumber >= 2 ** 32)
      throw new StateError('BLOCK_OUT_OF_ORDER', `expected block ${expected}, got ${input.blockNumber}`);
    const started = performance.now();
    const prev = latest === undefined ? ZERO_ROOTS : this.getRoots(latest);
    const pruneBefore =
      this.pruneKeep !== undefined && input.blockNumber + 1 > this.pruneKeep
        ? input.blockNumber + 1 - this.pruneKeep
        : undefined;
    const t = this.t();
    // One write transaction: the records that do not depend on the tries are written while they hash
    // (readers are never blocked: MVCC); a failure anywhere leaves nothing of the block.
    let c!: StateCommit;
    let blockHash: bigint | undefined;
    let header: unknown;
    let layout!: NodeLayout;
    t.root.transactionSync(() => {
      if (this.latestBlockNumber() !== latest)
        throw new StateError('BLOCK_OUT_OF_ORDER', 'another writer committed a block concurrently');
      c = commitStateDiff(
        new LatestReader(this, this.cache, this.recent, this.records),
        prev,
        input.stateDiff,
        {
          rule: this.rule,
          hashers: this.hashers,
          block: input.blockNumber,
          trackStale: this.pruneKeep !== undefined,
          whileHashing: (writes) => writeBlockRecords(t, input, this.history, writes, pruneBefore),
          recordReads: false,
        },
      );
      const fin = input.finalize?.(rootsOnly(c)) ?? {};
      blockHash = fin.blockHash ?? input.blockHash;
      header = fin.header ?? input.header;
      layout = writeBlockState(t, input, c, { blockHash, header }, pruneBefore, this.layoutScratch);
    });
    if (layout.records.buffer !== this.layoutScratch.buffer)
      this.layoutScratch = new Uint8Array(layout.records.buffer);
    this.history.committed(input.blockNumber, c.storage);
    const roots = rootsOnly(c);
    if (this.recent.capacity > 0) {
      const nodes = { block: input.blockNumber, layout: sharedLayout(layout, this.spareLayout) };
      // The forgotten block's buffers take the block after next: by then the workers, which forget
      // it on this message, have run all jobs that came after it.
      this.spareLayout = this.recent.add(nodes, [c.pedersenNodes.created, c.poseidonNodes.created])?.layout;
      // Workers read the same memory when they plan the next blocks' storage tries.
      this.pool.broadcast({ op: 'recent', kind: 'pedersen', nodes, keep: this.recent.capacity });
    }
    if (this.cache.capacity > 0)
      for (const m of [c.pedersenNodes.created, c.poseidonNodes.created])
        for (const [h, node] of m) this.cache.set(h, node);
    let updates = 0;
    for (const m of c.storage.values()) updates += m.size;
    this.metrics.blockCommitted(performance.now() - started, c.hashCount, updates);
    return {
      blockNumber: input.blockNumber,
      blockHash,
      header,
      transactionCount: input.transactions?.length ?? 0,
      ...roots,
      hashCount: c.hashCount,
    };
  }

  /**
   * Drops every block after `block` atomically (tries, contract and storage history, classes, blocks,
   * transactions, receipts, events and their indexes, state diffs), so that `block` is the latest and
   * the chain can go on from it. Returns how many blocks were dropped. A block that is not stored
   * gives UNKNOWN_BLOCK; one whose state was pruned gives BLOCK_PRUNED.
   */
  dropBlocksAfter(block: number): number {
    const latest = this.latestBlockNumber();
    if (!Number.isSafeInteger(block) || block < 0 || latest === undefined || block > latest)
      throw new StateError('UNKNOWN_BLOCK', `block ${block} is unknown`, { block, latest });
    if (block < this.oldestReadableBlock())
      throw new StateError('BLOCK_PRUNED', `state of block ${block} was pruned`, { block });
    if (block === latest) return 0;
    const t = this.t();
    try {
      t.root.transactionSync(() => {
        if (this.latestBlockNumber() !== latest)
          throw new StateError('BLOCK_OUT_OF_ORDER', 'another writer committed a block concurrently');
        truncateBlocks(t, block, latest);
        this.history.truncated(block);
      });
    } finally {
      // Cached nodes may name children in dropped blocks; dropped blocks' page layouts are gone.
      this.cache.clear();
      this.recent.clear();
      this.pages.forget();
      this.pool.broadcast({ op: 'forget', kind: 'pedersen' });
    }
    return latest - block;
  }

  /** The state roots after `block` (default latest). */
  getRoots(block?: number): StateRoots & RootLocations {
    const n = this.resolveBlock(block);
    const v = this.t().roots.getBinary(Buffer.from(u64(n)));
    if (!v) throw new StateError('UNKNOWN_BLOCK', `block ${n} has no roots`);
    return decodeRoots(v);
  }

  /** A stored block by number. */
  getBlock(block: number): StoredBlock {
    const latest = this.latestBlockNumber();
    if (!Number.isSafeInteger(block) || latest === undefined || block < 0 || block > latest)
      throw new StateError('UNKNOWN_BLOCK', `block ${block} is unknown`);
    const t = this.t();
    const doc = decodeJson<{ blockHash?: string; header: unknown; transactionCount: number }>(
      t.blocks.getBinary(Buffer.from(u64(block)))!,
    );
    return {
      blockNumber: block,
      blockHash: doc.blockHash === undefined ? undefined : BigInt(doc.blockHash),
      header: doc.header,
      transactionCount: doc.transactionCount,
      ...rootsOnly(decodeRoots(t.roots.getBinary(Buffer.from(u64(block)))!)),
    };
  }

  /** The number of the block with hash `hash`, or undefined. */
  getBlockNumberByHash(hash: bigint): number | undefined {
    const v = this.t().blockHashes.getBinary(key(hash));
    return v ? readU64(v, 0) : undefined;
  }

  /** The state of a contract at `block` (default latest); all zero when it does not exist. */
  getContractState(address: bigint, block?: number): ContractState {
    checkKey(address, 'contract address');
    const n = this.resolveBlock(block);
    const v = latestAt(this.t().contracts, key(address), n);
    return v ? decodeContractState(v) : EMPTY;
  }

  /** Storage value at `block` (default latest); 0 when never written. */
  getStorageAt(address: bigint, storageKey: bigint, block?: number): bigint {
    checkKey(address, 'contract address');
    checkKey(storageKey, 'storage key');
    const { block: n, latest } = this.resolve(block);
    return this.history.lastWrite(address, storageKey, n, latest)?.value ?? 0n;
  }

  /**
   * The block (≤ `block`, default latest) whose state diff last wrote the storage key, or undefined
   * when no block up to then wrote it. With pruning, writes older than the kept window may be gone.
   */
  getStorageLastUpdateBlock(address: bigint, storageKey: bigint, block?: number): number | undefined {
    checkKey(address, 'contract address');
    checkKey(storageKey, 'storage key');
    const { block: n, latest } = this.resolve(block);
    return this.history.lastWrite(address, storageKey, n, latest)?.block;
  }

  /** Nonce of a contract at `block`. */
  getNonce(address: bigint, block?: number): bigint {
    return this.getContractState(address, block).nonce;
  }

  /** Class hash of a contract at `block` (0 when not deployed). */
  getClassHashAt(address: bigint, block?: number): bigint {
    return this.getContractState(address, block).classHash;
  }

  /**
   * The compiled class hash of a declared class at `block`: a bigint for Sierra classes, 0n for
   * Cairo 0 classes, undefined when not declared by then.
   */
  getCompiledClassHash(classHash: bigint, block?: number): bigint | undefined {
    checkKey(classHash, 'class hash');
    const n = this.resolveBlock(block);
    const v = latestAt(this.t().classHashes, key(classHash), n);
    if (!v) return undefined;
    return v[0] === CLASS_CAIRO0 ? 0n : readCompact(v.subarray(1));
  }

  /** The stored definition of a class (JSON documents as given at commit). */
  getClass(classHash: bigint): { sierra?: unknown; casm?: unknown; legacy?: unknown } {
    const v = this.t().classDefs.getBinary(key(classHash));
    if (!v) throw new StateError('CLASS_NOT_FOUND', `class ${classHash.toString(16)} is not stored`);
    return decodeJson(v);
  }

  /** The state diff committed by `block`. */
  getStateDiff(block: number): StateDiff {
    this.getBlock(block);
    return decodeStateDiff(this.t().stateDiffs.getBinary(Buffer.from(u64(block)))!);
  }

  /** A transaction (with receipt) by hash, or undefined. */
  getTransaction(hash: bigint): StoredTransaction | undefined {
    const pos = this.t().txHashes.getBinary(key(hash));
    if (!pos) return undefined;
    return this.readTransaction(Buffer.from(pos));
  }

  /** The transactions of a block, in order. */
  getBlockTransactions(block: number): StoredTransaction[] {
    const b = this.getBlock(block);
    const out: StoredTransaction[] = [];
    for (let i = 0; i < b.transactionCount; i++) out.push(this.readTransaction(key(u64(block), u32(i))));
    return out;
  }

  private readTransaction(pos: Buffer): StoredTransaction {
    const doc = decodeJson<{ hash: string; transaction: unknown; receipt: unknown }>(
      this.t().transactions.getBinary(pos)!,
    );
    return {
      blockNumber: readU64(pos, 0),
      index: readU32(pos, 8),
      hash: BigInt(doc.hash),
      transaction: doc.transaction,
      receipt: doc.receipt,
    };
  }

  /** A StateReader pinned at `block` (default: the latest now); later blocks do not change what it reads. */
  reader(block?: number): PinnedStateReader {
    const n = this.resolveBlock(block);
    return {
      getStorageAt: (a, k) => this.getStorageAt(a, k, n),
      getNonceAt: (a) => this.getNonce(a, n),
      getClassHashAt: (a) => this.getClassHashAt(a, n),
      getCompiledClassHash: (c) => this.getCompiledClassHash(c, n),
    };
  }

  /** The protocol StateReader at `block` (default: the latest now), with the stored classes parsed. */
  stateReader(block?: number): StateReader {
    return protocolReader(this.reader(block), this);
  }

  /** starknet_getStorageProof at `block` (default latest). */
  getStorageProof(block: number | undefined, req: StorageProofRequest): StorageProofJson {
    const n = this.resolveBlock(block);
    return produceStorageProof(this, n, this.getRoots(n), this.getBlock(n).blockHash ?? 0n, req);
  }

  /** Events by block range, emitting address and keys (RPC starknet_getEvents semantics). */
  getEvents(filter: EventFilter): EventsChunk {
    return getEvents(this, filter);
  }

  /**
   * The trie-node preimages that block `block` read (before) and created (after): the witness of
   * its commit, recomputed from the archived tries and the stored state diff.
   */
  getBlockWitness(block: number): BlockWitness {
    const n = this.resolveBlock(block);
    if (n > 0 && n - 1 < this.oldestReadableBlock())
      throw new StateError('BLOCK_PRUNED', `state before block ${n} was pruned`, { block: n });
    const before = n === 0 ? ZERO_ROOTS : this.getRoots(n - 1);
    const src = {
      getNode: (h: bigint, b?: number) => this.getNode(h, b),
      contractBefore: (a: bigint) => (n === 0 ? EMPTY : this.getContractState(a, n - 1)),
      contractAfter: (a: bigint) => this.getContractState(a, n),
    };
    return blockWitness(src, before, this.getRoots(n), this.getStateDiff(n));
  }
}
