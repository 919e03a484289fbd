// Trie nodes are stored in pages: the nodes a block creates, sorted by hash, are split by the top
// `bits` bits of their hash (bits chosen per block for about PAGE_TARGET nodes a page). One LMDB
// entry per page (key block ‖ page, u32 each) instead of one per node makes a commit's writes cheap;
// a read copies one small page and binary-searches it. The key block (u32 alone) holds `bits`.
import type { Database } from 'lmdb';
import type { TrieNode } from '../trie/node.js';
import { readWordAt, viewOf, writeWordAt } from '../trie/word.js';
import { decodeRecord, NODE_RECORD } from './node-record.js';

const PAGE_TARGET = 8;
const MAX_BITS = 24;
/** Hashes are field elements, below 2^252. */
const HASH_BITS = 252;

/** Page bits for a block with `count` nodes. */
export function pageBits(count: number): number {
  let bits = 0;
  while (bits < MAX_BITS && count > PAGE_TARGET << bits) bits++;
  return bits;
}

/** The page of `hash` in a block whose pages use `bits` bits. */
export function pageOf(hash: bigint, bits: number): number {
  return bits === 0 ? 0 : Number(hash >> BigInt(HASH_BITS - bits));
}

function pageKey(out: Buffer, block: number, page: number): Buffer {
  out.writeUInt32BE(block, 0);
  out.writeUInt32BE(page, 4);
  return out;
}

function bitsKey(block: number): Buffer {
  const k = Buffer.allocUnsafe(4);
  k.writeUInt32BE(block, 0);
  return k;
}

/** The first four bytes of a record's hash: its top 28 bits (hashes are below 2^252). */
function top28(view: DataView, offset: number): number {
  return view.getUint32(offset);
}

/** Orders records i, j of `view` by hash (big-endian bytes). */
function compareRecords(view: DataView, i: number, j: number): number {
  for (let k = 0; k < 32; k += 4) {
    const a = view.getUint32(i * NODE_RECORD + k);
    const b = view.getUint32(j * NODE_RECORD + k);
    if (a !== b) return a < b ? -1 : 1;
  }
  return 0;
}

/**
 * Writes the new nodes of block `block` as pages, appended (the block's keys sort after every earlier
 * block's). `records` holds node records (node-record.ts) in any order; a hash that occurs twice (the
 * same subtree in two tries) is written once. Records go to their page by counting sort on the top
 * bits of their hash, then each small page is sorted by hash: byte work only, no bigints.
 */
export function writeNodePages(db: Database<Buffer, Buffer>, block: number, records: Uint8Array): void {
  const n = records.length / NODE_RECORD;
  if (n === 0) return;
  const view = viewOf(records);
  const bits = pageBits(n);
  db.putSync(bitsKey(block), Buffer.from([bits]), { append: true });
  const pages = 2 ** bits;
  const pageOfRecord = new Uint32Array(n);
  const start = new Uint32Array(pages + 1);
  for (let i = 0; i < n; i++) {
    const p = bits === 0 ? 0 : top28(view, i * NODE_RECORD) >>> (HASH_BITS - 224 - bits);
    pageOfRecord[i] = p;
    start[p + 1]!++;
  }
  for (let p = 0; p < pages; p++) start[p + 1]! += start[p]!;
  const order = new Uint32Array(n);
  const fill = start.slice(0, pages);
  for (let i = 0; i < n; i++) order[fill[pageOfRecord[i]!]!++] = i;
  const out = Buffer.allocUnsafe(n * NODE_RECORD);
  const key = Buffer.allocUnsafe(8);
  const byHash = (x: number, y: number) => compareRecords(view, x, y);
  let at = 0;
  for (let p = 0; p < pages; p++) {
    const from = start[p]!;
    const to = start[p + 1]!;
    if (from === to) continue;
    const members = order.subarray(from, to).sort(byHash);
    const pageStart = at;
    for (let j = 0; j < members.length; j++) {
      const i = members[j]!;
      if (j > 0 && compareRecords(view, members[j - 1]!, i) === 0) continue;
      out.set(records.subarray(i * NODE_RECORD, (i + 1) * NODE_RECORD), at);
      at += NODE_RECORD;
    }
    db.putSync(pageKey(key, block, p), out.subarray(pageStart, at), { append: true });
  }
}

/** Reads trie nodes by (block, hash) from pages; remembers each block's page bits. */
export class NodePageReader {
  private readonly bits = new Map<number, number>();
  private readonly key = Buffer.allocUnsafe(8);
  private readonly target = new Uint32Array(8);
  private readonly scratchView = viewOf(new Uint8Array(32));

  constructor(private readonly db: () => Database<Buffer, Buffer>) {}

  /** The page bits of `block`, or undefined when it stored no nodes. */
  bitsOf(block: number): number | undefined {
    const known = this.bits.get(block);
    if (known !== undefined) return known;
    const v = this.db().getBinaryFast(bitsKey(block));
    if (!v) return undefined;
    if (this.bits.size >= 1 << 20) this.bits.clear();
    this.bits.set(block, v[0]!);
    return v[0]!;
  }

  /** Forgets cached page bits (after blocks were removed). */
  forget(): void {
    this.bits.clear();
  }

  /** The node with `hash` created by `block`, or undefined. */
  get(hash: bigint, block: number): TrieNode | undefined {
    if (hash < 0n || hash >= 1n << 256n) return undefined;
    const bits = this.bitsOf(block);
    if (bits === undefined) return undefined;
    const page = this.db().getBinaryFast(pageKey(this.key, block, pageOf(hash, bits)));
    if (!page) return undefined;
    const view = viewOf(page);
    const i = findRecord(view, page.length / NODE_RECORD, this.targetOf(hash));
    return i < 0 ? undefined : decodeRecord(view, i * NODE_RECORD);
  }

  /**
   * The stored record of the node whose hash is the 32-byte big-endian word at `offset` of `hash`,
   * created by `block`: the bytes that hold it and its offset there (valid until the next read), or
   * undefined.
   */
  getRecord(
    hash: Uint8Array,
    offset: number,
    block: number,
  ): { bytes: Uint8Array; offset: number } | undefined {
    const bits = this.bitsOf(block);
    if (bits === undefined) return undefined;
    const top =
      ((hash[offset]! << 24) | (hash[offset + 1]! << 16) | (hash[offset + 2]! << 8) | hash[offset + 3]!) >>>
      0;
    const page = this.db().getBinaryFast(
      pageKey(this.key, block, bits === 0 ? 0 : top >>> (HASH_BITS - 224 - bits)),
    );
    if (!page) return undefined;
    let lo = 0;
    let hi = page.length / NODE_RECORD;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareWords(page, mid * NODE_RECORD, hash, offset);
      if (c === 0) return { bytes: page, offset: mid * NODE_RECORD };
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return undefined;
  }

  private targetOf(hash: bigint): Uint32Array {
    writeWordAt(this.scratchView, 0, hash);
    const t = this.target;
    for (let j = 0; j < 8; j++) t[j] = this.scratchView.getUint32(4 * j);
    return t;
  }
}

/** Orders the 32-byte words at `i` of `a` and `j` of `b`. */
function compareWords(a: Uint8Array, i: number, b: Uint8Array, j: number): number {
  for (let k = 0; k < 32; k++) {
    const d = a[i + k]! - b[j + k]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** Index of the record whose hash equals `target` (eight big-endian u32 words), or -1. */
function findRecord(view: DataView, count: number, target: Uint32Array): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareHash(view, mid * NODE_RECORD, target);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

function compareHash(view: DataView, offset: number, target: Uint32Array): number {
  for (let j = 0; j < 8; j++) {
    const a = view.getUint32(offset + 4 * j);
    const b = target[j]!;
    if (a !== b) return a < b ? -1 : 1;
  }
  return 0;
}

/** Every stored node as (block, hash), in key order. */
export function* storedNodeKeys(db: Database<Buffer, Buffer>): Generator<{ block: number; hash: bigint }> {
  for (const { key, value } of db.getRange({ start: Buffer.alloc(0) })) {
    const k = key as Buffer;
    if (k.length !== 8) continue;
    const block = k.readUInt32BE(0);
    const view = viewOf(value);
    for (let o = 0; o + NODE_RECORD <= value.length; o += NODE_RECORD)
      yield { block, hash: readWordAt(view, o) };
  }
}

/** Removes the nodes `hashes` of `block` (pruning): their pages are rewritten without them. */
export function removeNodes(db: Database<Buffer, Buffer>, block: number, hashes: readonly bigint[]): void {
  const bitsValue = db.getBinary(bitsKey(block));
  if (!bitsValue) return;
  const bits = bitsValue[0]!;
  const byPage = new Map<number, Set<bigint>>();
  for (const h of hashes) {
    const p = pageOf(h, bits);
    let s = byPage.get(p);
    if (!s) byPage.set(p, (s = new Set()));
    s.add(h);
  }
  const key = Buffer.allocUnsafe(8);
  for (const [p, gone] of byPage) {
    pageKey(key, block, p);
    const page = db.getBinary(key);
    if (!page) continue;
    const view = viewOf(page);
    const keep: Buffer[] = [];
    for (let o = 0; o + NODE_RECORD <= page.length; o += NODE_RECORD)
      if (!gone.has(readWordAt(view, o))) keep.push(page.subarray(o, o + NODE_RECORD));
    if (keep.length === 0) db.removeSync(key);
    else db.putSync(Buffer.from(key), Buffer.concat(keep));
  }
}
