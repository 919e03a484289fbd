// Trie nodes are stored in pages: the nodes a block creates, sorted by hash, are split by the top
// `bits` bits of their hash (bits chosen per block for about PAGE_TARGET nodes a page). One LMDB
// entry per page (key block ‖ page, u32 each) instead of one per node makes a commit's writes cheap;
// a read copies one small page and binary-searches it. The key block (u32 alone) holds `bits`.
import type { Database } from 'lmdb';
import type { TrieNode } from '../trie/node.js';
import { compareWords, readWordAt, u32At, viewOf, writeWordAt } from '../trie/word.js';
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

/**
 * Writes the new nodes of block `block` as pages, appended (the block's keys sort after every earlier
 * block's). `records` holds node records (node-record.ts) in any order; a hash that occurs twice (the
 * same subtree in two tries) is written once. Records go to their page by counting sort on the top
 * bits of their hash, then each small page is sorted by hash: byte work only, no bigints.
 */
export function writeNodePages(db: Database<Buffer, Buffer>, block: number, records: Uint8Array): void {
  const n = records.length / NODE_RECORD;
  if (n === 0) return;
  const bits = pageBits(n);
  db.putSync(bitsKey(block), Buffer.from([bits]), { append: true });
  const pages = 2 ** bits;
  const pageOfRecord = new Uint32Array(n);
  const start = new Uint32Array(pages + 1);
  for (let i = 0; i < n; i++) {
    const p = bits === 0 ? 0 : u32At(records, i * NODE_RECORD) >>> (HASH_BITS - 224 - bits);
    pageOfRecord[i] = p;
    start[p + 1]!++;
  }
  for (let p = 0; p < pages; p++) start[p + 1]! += start[p]!;
  const order = new Uint32Array(n);
  const fill = start.slice(0, pages);
  for (let i = 0; i < n; i++) order[fill[pageOfRecord[i]!]!++] = i;
  const out = Buffer.allocUnsafe(n * NODE_RECORD);
  const key = Buffer.allocUnsafe(8);
  const byHash = (x: number, y: number) => compareWords(records, x * NODE_RECORD, records, y * NODE_RECORD);
  let at = 0;
  for (let p = 0; p < pages; p++) {
    const from = start[p]!;
    const to = start[p + 1]!;
    if (from === to) continue;
    const members = order.subarray(from, to).sort(byHash);
    const pageStart = at;
    for (let j = 0; j < members.length; j++) {
      const i = members[j]!;
      if (j > 0 && byHash(members[j - 1]!, i) === 0) continue;
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
  private readonly scratch = new Uint8Array(32);

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
    writeWordAt(viewOf(this.scratch), 0, hash);
    const r = this.getRecord(this.scratch, 0, block);
    return r && decodeRecord(viewOf(r.bytes), r.offset);
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
    // The page is the top `bits` bits of the hash (below 2^252): of its first u32, shifted.
    const page = this.db().getBinaryFast(
      pageKey(this.key, block, bits === 0 ? 0 : u32At(hash, offset) >>> (HASH_BITS - 224 - bits)),
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
