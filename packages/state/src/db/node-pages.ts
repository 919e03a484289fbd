// Trie nodes are stored in pages: the nodes a block creates, sorted by hash, are split by the top
// `bits` bits of their hash (bits chosen per block for about PAGE_TARGET nodes a page). One LMDB
// entry per page (key block ‖ page, u32 each) instead of one per node makes a commit's writes cheap;
// a read copies one small page and binary-searches it. The key block (u32 alone) holds `bits`.
import type { Database } from 'lmdb';
import { StateError } from '../errors.js';
import type { TrieNode } from '../trie/node.js';
import { readWordAt, viewOf, writeWordAt } from '../trie/word.js';

/** One record: hash (32) ‖ kind (1: 0 binary, 1 edge) ‖ body (72). */
export const NODE_RECORD = 105;
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

/** Writes the record of (hash, node) at `offset` of `view` (nodes with child locations). */
function encodeRecord(view: DataView, offset: number, hash: bigint, node: TrieNode): void {
  writeWordAt(view, offset, hash);
  const o = offset + 33;
  if (node.kind === 'binary') {
    view.setUint8(offset + 32, 0);
    writeWordAt(view, o, node.left);
    writeWordAt(view, o + 32, node.right);
    view.setUint32(o + 64, node.leftBlock ?? 0);
    view.setUint32(o + 68, node.rightBlock ?? 0);
  } else {
    view.setUint8(offset + 32, 1);
    view.setUint8(o, node.length);
    writeWordAt(view, o + 1, node.path);
    writeWordAt(view, o + 33, node.child);
    view.setUint32(o + 65, node.childBlock ?? 0);
    view.setUint16(o + 69, 0);
    view.setUint8(o + 71, 0);
  }
}

function decodeRecord(view: DataView, offset: number): TrieNode {
  const o = offset + 33;
  const kind = view.getUint8(offset + 32);
  if (kind === 0)
    return {
      kind: 'binary',
      left: readWordAt(view, o),
      right: readWordAt(view, o + 32),
      leftBlock: view.getUint32(o + 64),
      rightBlock: view.getUint32(o + 68),
    };
  if (kind === 1)
    return {
      kind: 'edge',
      length: view.getUint8(o),
      path: readWordAt(view, o + 1),
      child: readWordAt(view, o + 33),
      childBlock: view.getUint32(o + 65),
    };
  throw new StateError('CORRUPT_NODE', `stored trie node has kind ${kind}`);
}

/**
 * Writes the nodes of block `block` (distinct hashes, any order) as pages, appended: the block's keys
 * sort after every earlier block's. Nodes go to their page by counting sort, then each small page is
 * sorted by hash.
 */
export function writeNodePages(
  db: Database<Buffer, Buffer>,
  block: number,
  hashes: readonly bigint[],
  nodes: readonly TrieNode[],
): void {
  const n = hashes.length;
  if (n === 0) return;
  const bits = pageBits(n);
  db.putSync(bitsKey(block), Buffer.from([bits]), { append: true });
  const pages = 2 ** bits;
  const pageOfNode = new Uint32Array(n);
  const start = new Uint32Array(pages + 1);
  for (let i = 0; i < n; i++) {
    const p = pageOf(hashes[i]!, bits);
    pageOfNode[i] = p;
    start[p + 1]!++;
  }
  for (let p = 0; p < pages; p++) start[p + 1]! += start[p]!;
  const order = new Uint32Array(n);
  const fill = start.slice(0, pages);
  for (let i = 0; i < n; i++) order[fill[pageOfNode[i]!]!++] = i;
  const buf = Buffer.allocUnsafe(n * NODE_RECORD);
  const view = viewOf(buf);
  const key = Buffer.allocUnsafe(8);
  const byHash = (x: number, y: number) => (hashes[x]! < hashes[y]! ? -1 : 1);
  for (let p = 0; p < pages; p++) {
    const from = start[p]!;
    const to = start[p + 1]!;
    if (from === to) continue;
    const members = order.subarray(from, to).sort(byHash);
    for (let j = 0; j < members.length; j++) {
      const i = members[j]!;
      encodeRecord(view, (from + j) * NODE_RECORD, hashes[i]!, nodes[i]!);
    }
    db.putSync(pageKey(key, block, p), buf.subarray(from * NODE_RECORD, to * NODE_RECORD), { append: true });
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

  private targetOf(hash: bigint): Uint32Array {
    writeWordAt(this.scratchView, 0, hash);
    const t = this.target;
    for (let j = 0; j < 8; j++) t[j] = this.scratchView.getUint32(4 * j);
    return t;
  }
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
