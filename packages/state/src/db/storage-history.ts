import { StateError } from '../errors.js';
import { compareWords, viewOf, writeWordAt } from '../trie/word.js';
import type { StateDiff } from '../types.js';
import { decodeStateDiff } from './diff-codec.js';
import { latestEntryAt, pruneHistory } from './history.js';
import { CompactWriter, key, latestIn, META, readCompact, readU64, u64 } from './keys.js';
import { wordOrder } from './node-layout.js';
import type { Tables } from './tables.js';

// Storage history in two layers. A block's writes reach the history table (address ‖ key ‖ block →
// value) up to SWEEP_BLOCKS blocks late: block n moves the writes of one slice of the address space,
// slice n mod SWEEP_BLOCKS, from the last SWEEP_BLOCKS blocks, in key order. Random inserts of single
// blocks dirty one table page each (most of a commit's flush, and a B-tree descent each); sorted
// sweeps dirty each page of a slice about once. Until swept, writes are read from memory, rebuilt
// from the stored state diffs (written in the same transaction): nothing is durable only in memory.

/** Blocks a storage write may wait before the sweep of its slice moves it to the history table. */
export const SWEEP_BLOCKS = 16;
/** Addresses (< 2^251) by their top four bits: SWEEP_BLOCKS slices. */
const SLICE_SHIFT = 247n;

/** The last write per storage key of one block, by contract address. */
export type BlockWrites = Map<bigint, Map<bigint, bigint>>;

/** The last write per key of a state diff's storage diffs. */
export function blockWrites(diff: StateDiff): BlockWrites {
  const out: BlockWrites = new Map();
  for (const sd of diff.storageDiffs) {
    let m = out.get(sd.address);
    if (!m) out.set(sd.address, (m = new Map()));
    for (const e of sd.entries) m.set(e.key, e.value);
  }
  return out;
}

function sliceOf(address: bigint): number {
  return Number(address >> SLICE_SHIFT) % SWEEP_BLOCKS;
}

/** The last block ≤ `latest` that swept slice `slice`, or −1 when none has. */
function lastSweep(slice: number, latest: number): number {
  return latest < slice ? -1 : latest - ((latest - slice) % SWEEP_BLOCKS);
}

/**
 * The storage history of a database: the table for swept writes, and in memory the writes of the last
 * SWEEP_BLOCKS blocks. The memory layer follows what the environment holds (latest block and
 * truncations), so another handle on the same database reads the same history.
 */
export class StorageHistory {
  /** The latest block and truncation count that `recent` reflects; undefined until loaded. */
  private loaded: { latest: number | undefined; generation: number } | undefined;
  private readonly recent = new Map<number, BlockWrites>();

  constructor(private readonly tables: () => Tables) {}

  /**
   * The newest write of (address, storage key) at or before block `n`: its block and value. `latest`
   * is the latest block, as read in the same read snapshot.
   */
  lastWrite(
    address: bigint,
    storageKey: bigint,
    n: number,
    latest: number,
  ): { block: number; value: bigint } | undefined {
    this.sync(latest);
    const swept = lastSweep(sliceOf(address), latest);
    for (let b = Math.min(n, latest); b > swept; b--) {
      const v = this.recent.get(b)?.get(address)?.get(storageKey);
      if (v !== undefined) return { block: b, value: v };
    }
    const e = latestEntryAt(this.tables().storage, key(address, storageKey), n);
    return e && { block: e.block, value: readCompact(e.value) };
  }

  /**
   * Inside the write transaction of block `n` (the next block): sweeps slice n mod SWEEP_BLOCKS, with
   * block n's `writes`, into the history table. With `pruneBefore`, swept keys drop their entries
   * that no kept block reads.
   */
  sweep(n: number, writes: BlockWrites, pruneBefore: number | undefined): void {
    const t = this.tables();
    if (this.sync(latestIn(t.meta)) !== (n === 0 ? undefined : n - 1))
      throw new StateError('BLOCK_OUT_OF_ORDER', `storage history is not at block ${n - 1}`);
    const slice = n % SWEEP_BLOCKS;
    // The slice's writes of the window, by contract, each contract's in block order.
    const byAddress = new Map<bigint, { blocks: number[]; keys: bigint[]; values: bigint[] }>();
    const collect = (block: number, w: BlockWrites) => {
      for (const [address, m] of w) {
        if (sliceOf(address) !== slice) continue;
        let e = byAddress.get(address);
        if (!e) byAddress.set(address, (e = { blocks: [], keys: [], values: [] }));
        for (const [k, v] of m) {
          e.blocks.push(block);
          e.keys.push(k);
          e.values.push(v);
        }
      }
    };
    for (let b = Math.max(0, n - SWEEP_BLOCKS + 1); b < n; b++) collect(b, this.recent.get(b)!);
    collect(n, writes);
    const table = t.storage;
    // One key and one value buffer for every put (putSync copies them into the transaction at once).
    const sk = Buffer.allocUnsafe(72);
    const sv = viewOf(sk);
    const value = new CompactWriter();
    for (const address of [...byAddress.keys()].sort((x, y) => (x < y ? -1 : 1))) {
      const { blocks, keys, values } = byAddress.get(address)!;
      writeWordAt(sv, 0, address);
      const keyBytes = new Uint8Array(32 * keys.length);
      const kv = viewOf(keyBytes);
      for (let i = 0; i < keys.length; i++) writeWordAt(kv, 32 * i, keys[i]!);
      // By key, and by block for one key's versions (the order is stable).
      const order = wordOrder(keyBytes, 32, keys.length);
      for (let j = 0; j < order.length; j++) {
        const i = order[j]!;
        sk.set(keyBytes.subarray(32 * i, 32 * i + 32), 32);
        sv.setUint32(64, 0);
        sv.setUint32(68, blocks[i]!);
        table.putSync(sk, value.of(values[i]!));
        const last =
          j + 1 === order.length || compareWords(keyBytes, 32 * i, keyBytes, 32 * order[j + 1]!) !== 0;
        if (pruneBefore !== undefined && last) pruneHistory(table, sk.subarray(0, 64), pruneBefore);
      }
    }
  }

  /** After block `n` committed (its sweep included). */
  committed(n: number, writes: BlockWrites): void {
    this.recent.set(n, writes);
    this.recent.delete(n - SWEEP_BLOCKS);
    if (this.loaded) this.loaded = { latest: n, generation: this.loaded.generation };
  }

  /**
   * Inside the write transaction that drops the blocks after `keep`: takes back the writes of kept
   * blocks that dropped blocks swept (the table then holds what the kept blocks alone would have
   * put there), and counts the drop, so that every handle reloads its memory layer.
   */
  truncated(keep: number): void {
    const t = this.tables();
    for (let b = Math.max(0, keep - SWEEP_BLOCKS + 1); b <= keep; b++)
      for (const [address, m] of this.storedWrites(t, b))
        if (b > lastSweep(sliceOf(address), keep))
          for (const k of m.keys()) t.storage.removeSync(key(address, k, u64(b)));
    t.meta.putSync(META.historyGeneration, Buffer.from(u64(this.generation(t) + 1)));
    this.loaded = undefined;
  }

  /** Releases the memory layer. */
  clear(): void {
    this.recent.clear();
    this.loaded = undefined;
  }

  private storedWrites(t: Tables, block: number): BlockWrites {
    const bytes = t.stateDiffs.getBinary(Buffer.from(u64(block)));
    if (!bytes) throw new StateError('CORRUPT_RECORD', `block ${block} has no stored state diff`);
    return blockWrites(decodeStateDiff(bytes));
  }

  private generation(t: Tables): number {
    const g = t.meta.getBinary(META.historyGeneration);
    return g ? readU64(g, 0) : 0;
  }

  /** Brings the memory layer to the environment's latest block `latest`; returns it. */
  private sync(latest: number | undefined): number | undefined {
    const t = this.tables();
    const generation = this.generation(t);
    const was = this.loaded;
    if (was && was.latest === latest && was.generation === generation) return latest;
    // Blocks up to the loaded latest are unchanged unless blocks were dropped since.
    const kept =
      was &&
      was.generation === generation &&
      was.latest !== undefined &&
      latest !== undefined &&
      was.latest < latest
        ? was.latest
        : -1;
    if (kept < 0) this.recent.clear();
    if (latest !== undefined)
      for (let b = Math.max(kept + 1, latest - SWEEP_BLOCKS + 1, 0); b <= latest; b++) {
        this.recent.set(b, this.storedWrites(t, b));
      }
    for (const b of this.recent.keys())
      if (latest === undefined || b <= latest - SWEEP_BLOCKS) this.recent.delete(b);
    this.loaded = { latest, generation };
    return latest;
  }
}
