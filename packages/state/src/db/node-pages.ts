// Trie nodes are stored in pages: the nodes a block creates, sorted by hash, are split by the top
// `bits` bits of their hash (node-layout.ts; bits chosen per block for a few nodes a page). One LMDB
// entry per page (key block ‖ page, u32 each) instead of one per node makes a commit's writes cheap;
// a read copies one small page and binary-searches it. The key block (u32 alone) holds `bits`.
import type { Database } from 'lmdb';
import type { TrieNode } from '../trie/node.js';
import { readWordAt, u32At, viewOf, writeWordAt } from '../trie/word.js';
import { type NodeLayout, pageOf, pageOfPrefix, searchRecords } from './node-layout.js';
import { decodeRecord, NODE_RECORD } from './node-record.js';

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

/** Writes the laid-out new nodes of block `block` as pages, appended (its keys sort after every earlier block's). */
export function writeNodePages(db: Database<Buffer, Buffer>, block: number, layout: NodeLayout): void {
  const { bits, records, starts } = layout;
  if (records.length === 0) return;
  db.putSync(bitsKey(block), Buffer.from([bits]), { append: true });
  const bytes = Buffer.from(records.buffer, records.byteOffset, records.byteLength);
  const key = Buffer.allocUnsafe(8);
  for (let p = 0; p + 1 < starts.length; p++) {
    const from = starts[p]!;
    const to = starts[p + 1]!;
    if (from < to)
      db.putSync(pageKey(key, block, p), bytes.subarray(from * NODE_RECORD, to * NODE_RECORD), {
        append: true,
      });
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
    const page = this.db().getBinaryFast(pageKey(this.key, block, pageOfPrefix(u32At(hash, offset), bits)));
    if (!page) return undefined;
    const o = searchRecords(page, 0, page.length / NODE_RECORD, hash, offset);
    return o < 0 ? undefined : { bytes: page, offset: o };
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
