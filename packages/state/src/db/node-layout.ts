// A block's new trie nodes, laid out once: deduplicated, sorted by hash and cut into pages by the top
// bits of the hash. The same layout is written to the database (one entry per page, node-pages.ts)
// and kept in memory for the next blocks (recent-nodes.ts: a lookup scans one small page). Whoever
// creates records sorts its own run (a hash worker sorts its job's records), so that the committing
// thread only buckets the records by page and sorts each page's few.
import { compareWords, u32At, viewOf } from '../trie/word.js';
import { NODE_RECORD } from './node-record.js';

/** Nodes per page the layout aims at. */
const PAGE_TARGET = 8;
const MAX_BITS = 24;
/** Hashes are field elements, below 2^252: the first u32 of a hash holds its top 28 bits. */
const PREFIX_BITS = 28;

/** A block's records, page after page (each sorted by hash), and where each page starts. */
export interface NodeLayout {
  readonly bits: number;
  /** The records, without repeated hashes. */
  readonly records: Uint8Array<ArrayBufferLike>;
  /** Record index where page p starts, for p = 0 … 2^bits (the last entry is the record count). */
  readonly starts: Uint32Array<ArrayBufferLike>;
}

/** Page bits for a block with `count` nodes. */
export function pageBits(count: number): number {
  let bits = 0;
  while (bits < MAX_BITS && count > PAGE_TARGET << bits) bits++;
  return bits;
}

/** The page (of 2^bits) of a hash whose first big-endian u32 is `prefix`. */
export function pageOfPrefix(prefix: number, bits: number): number {
  return bits === 0 ? 0 : Math.min(prefix >>> (PREFIX_BITS - bits), (1 << bits) - 1);
}

/** The page of `hash` (< 2^256) in a block whose pages use `bits` bits. */
export function pageOf(hash: bigint, bits: number): number {
  return pageOfPrefix(Number(hash >> 224n), bits);
}

/**
 * The indices 0 … count−1 in ascending order of the 32-byte big-endian word at stride·i of `bytes`
 * (equal words keep their order): a counting sort on the top bits, then insertion sorts of the small
 * buckets.
 */
export function wordOrder(bytes: Uint8Array, stride: number, count: number): Uint32Array {
  // About two words a bucket.
  const bits = pageBits(4 * count);
  const buckets = 1 << bits;
  const prefix = new Uint32Array(count);
  const start = new Uint32Array(buckets + 1);
  for (let i = 0; i < count; i++) {
    const p = u32At(bytes, i * stride);
    prefix[i] = p;
    start[pageOfPrefix(p, bits) + 1]!++;
  }
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  const order = new Uint32Array(count);
  const fill = start.slice(0, buckets);
  for (let i = 0; i < count; i++) order[fill[pageOfPrefix(prefix[i]!, bits)]!++] = i;
  for (let b = 0; b < buckets; b++) {
    const from = start[b]!;
    const to = start[b + 1]!;
    for (let j = from + 1; j < to; j++) {
      const x = order[j]!;
      const px = prefix[x]!;
      let k = j - 1;
      for (; k >= from; k--) {
        const y = order[k]!;
        const py = prefix[y]!;
        if (py < px || (py === px && compareWords(bytes, y * stride, bytes, x * stride) <= 0)) break;
        order[k + 1] = y;
      }
      order[k + 1] = x;
    }
  }
  return order;
}

/** Copies record `from` of `src` to record `to` of `dst` (26 u32 moves and a byte). */
function copyRecord(dst: DataView, to: number, src: DataView, from: number): void {
  for (let j = 0; j < NODE_RECORD - 1; j += 4) dst.setUint32(to + j, src.getUint32(from + j));
  dst.setUint8(to + NODE_RECORD - 1, src.getUint8(from + NODE_RECORD - 1));
}

/** `records` in hash order: the same bytes when they already are, otherwise a sorted copy. */
export function sortRecords(records: Uint8Array): Uint8Array {
  const n = records.length / NODE_RECORD;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++)
    sorted = compareWords(records, (i - 1) * NODE_RECORD, records, i * NODE_RECORD) <= 0;
  if (sorted) return records;
  const order = wordOrder(records, NODE_RECORD, n);
  const out = new Uint8Array(records.length);
  const src = viewOf(records);
  const dst = viewOf(out);
  for (let i = 0; i < n; i++) copyRecord(dst, i * NODE_RECORD, src, order[i]! * NODE_RECORD);
  return out;
}

/**
 * The layout of a block's records, given as runs (a run in hash order is merged as it is; another is
 * sorted first). Of records with the same hash (a subtree in two tries), the first is kept. The
 * records go to `into` when it is large enough (a buffer reused from block to block), else to a new one.
 */
export function layoutNodes(runs: readonly Uint8Array[], into?: Uint8Array): NodeLayout {
  const sorted = runs.map(sortRecords).filter((r) => r.length > 0);
  let total = 0;
  for (const r of sorted) total += r.length / NODE_RECORD;
  const bits = pageBits(total);
  const pages = 1 << bits;
  // Every record's page, then the records bucketed by page in run order (a counting sort): one pass
  // over the records, not one over the runs per page.
  const starts = new Uint32Array(pages + 1);
  const prefixes = new Uint32Array(total);
  for (let r = 0, i = 0; r < sorted.length; r++) {
    const run = sorted[r]!;
    for (let h = 0; h < run.length; h += NODE_RECORD, i++) {
      const prefix = u32At(run, h);
      prefixes[i] = prefix;
      starts[pageOfPrefix(prefix, bits) + 1]!++;
    }
  }
  for (let p = 0; p < pages; p++) starts[p + 1]! += starts[p]!;
  const fill = starts.slice(0, pages);
  const refRun = new Uint32Array(total);
  const refAt = new Uint32Array(total);
  const refPrefix = new Uint32Array(total);
  for (let r = 0, i = 0; r < sorted.length; r++) {
    const run = sorted[r]!;
    for (let h = 0; h < run.length; h += NODE_RECORD, i++) {
      const prefix = prefixes[i]!;
      const k = fill[pageOfPrefix(prefix, bits)]!++;
      refRun[k] = r;
      refAt[k] = h;
      refPrefix[k] = prefix;
    }
  }
  const out = into && into.length >= total * NODE_RECORD ? into : new Uint8Array(total * NODE_RECORD);
  const dst = viewOf(out);
  const views = sorted.map(viewOf);
  let at = 0;
  for (let p = 0; p < pages; p++) {
    const from = starts[p]!;
    const to = starts[p + 1]!;
    starts[p] = at / NODE_RECORD;
    // Insertion by hash, after equal ones: a stable sort, so runs earlier in the list win ties.
    for (let j = from + 1; j < to; j++) {
      const run = refRun[j]!;
      const h = refAt[j]!;
      const prefix = refPrefix[j]!;
      let k = j - 1;
      for (; k >= from; k--) {
        const q = refPrefix[k]!;
        if (
          q < prefix ||
          (q === prefix && compareWords(sorted[refRun[k]!]!, refAt[k]!, sorted[run]!, h) <= 0)
        )
          break;
        refRun[k + 1] = refRun[k]!;
        refAt[k + 1] = refAt[k]!;
        refPrefix[k + 1] = q;
      }
      refRun[k + 1] = run;
      refAt[k + 1] = h;
      refPrefix[k + 1] = prefix;
    }
    for (let k = from; k < to; k++) {
      const run = sorted[refRun[k]!]!;
      const dup =
        k > from &&
        refPrefix[k] === refPrefix[k - 1] &&
        compareWords(out, at - NODE_RECORD, run, refAt[k]!) === 0;
      if (dup) continue;
      copyRecord(dst, at, views[refRun[k]!]!, refAt[k]!);
      at += NODE_RECORD;
    }
  }
  starts[pages] = at / NODE_RECORD;
  return { bits, records: out.subarray(0, at), starts };
}

/**
 * The offset of the record whose hash is the word at `offset` of `hash` among records lo … hi−1 of
 * `records` (sorted by hash), or −1. Compares the first u32 of the hashes, then (on a tie) all of them.
 */
export function searchRecords(
  records: Uint8Array,
  lo: number,
  hi: number,
  hash: Uint8Array,
  offset: number,
): number {
  const prefix = u32At(hash, offset);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const q = u32At(records, mid * NODE_RECORD);
    const c = q !== prefix ? q - prefix : compareWords(records, mid * NODE_RECORD, hash, offset);
    if (c === 0) return mid * NODE_RECORD;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/** The offset in `layout.records` of the record whose hash is the word at `offset` of `hash`, or −1. */
export function findInLayout(layout: NodeLayout, hash: Uint8Array, offset: number): number {
  const p = pageOfPrefix(u32At(hash, offset), layout.bits);
  return searchRecords(layout.records, layout.starts[p]!, layout.starts[p + 1]!, hash, offset);
}

/**
 * The layout in shared memory, for hash workers to read without a copy: in the buffers of `spare` (a
 * layout that no thread reads any more) when they are large enough, else in new ones with some room.
 */
export function sharedLayout(layout: NodeLayout, spare?: NodeLayout): NodeLayout {
  const size = layout.records.length;
  const recordsBuffer =
    spare && spare.records.buffer.byteLength >= size
      ? spare.records.buffer
      : new SharedArrayBuffer(size + (size >>> 2));
  const records = new Uint8Array(recordsBuffer, 0, size);
  records.set(layout.records);
  const count = layout.starts.length;
  const startsBuffer =
    spare && spare.starts.buffer.byteLength >= 4 * count
      ? spare.starts.buffer
      : new SharedArrayBuffer(4 * (count + (count >>> 2)));
  const starts = new Uint32Array(startsBuffer, 0, count);
  starts.set(layout.starts);
  return { bits: layout.bits, records, starts };
}
