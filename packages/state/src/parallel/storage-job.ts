// Storage tries planned, hashed and encoded off the committing thread, on bytes: a job carries each
// trie's root and sorted updates; whoever runs it (a hash worker with its own read transaction, or the
// committing thread taking back a queued job) reads the existing nodes as stored records, plans the
// new shape (as planUpdate does), hashes it level by level and returns the new nodes as records.
// Hashes stay 32-byte big-endian words from the records read to the records written: no bigint per node.

import { wordOrder } from '../db/node-layout.js';
import { AT, NODE_RECORD } from '../db/node-record.js';
import { StateError } from '../errors.js';
import type { TrieHasher } from '../trie/hasher.js';
import { STATE_TRIE_HEIGHT as HEIGHT, type SortedUpdates } from '../trie/plan-update.js';
import { readWordAt, ViewCache, viewOf, writeWordAt } from '../trie/word.js';

/** Some storage tries of one commit: each root (and its location) with its checked, sorted updates. */
export interface StorageJob {
  /** The block being committed (new nodes are located there). */
  readonly block: number;
  readonly tries: readonly (SortedUpdates & { readonly root: bigint; readonly rootBlock: number })[];
}

/** The new roots (and their locations), in job order, and the records of every new node. */
export interface StorageJobResult {
  readonly roots: bigint[];
  readonly rootBlocks: number[];
  readonly records: Uint8Array;
}

/** Stored records of trie nodes by hash (the 32-byte big-endian word at `offset` of `hash`) and creating block. */
export interface RecordReader {
  /** The record's bytes and offset there (valid until the next call), or undefined. */
  getRecord(
    hash: Uint8Array,
    offset: number,
    block: number,
  ): { bytes: Uint8Array; offset: number } | undefined;
}

/** Copies the 32-byte word at `from` of `src` to `to` of `dst` (eight u32 moves). */
function copyWord(dst: DataView, to: number, src: DataView, from: number): void {
  for (let j = 0; j < 32; j += 4) dst.setUint32(to + j, src.getUint32(from + j));
}

/**
 * A subtree during planning (one shape for all kinds, so that the code stays monomorphic): kind 0 is
 * an unchanged subtree or a leaf value, whose hash is word `w` of the job's words, at `block`; kind 1
 * a new binary node (`left`, `right`); kind 2 a new edge (`path`, `length`, child in `left`).
 */
class Node {
  /** Rank (1 + the highest child rank), then index in hashing order (new nodes). */
  r = 0;
  i = 0;
  constructor(
    readonly k: 0 | 1 | 2,
    readonly w: number,
    readonly block: number,
    readonly left: Node | null,
    readonly right: Node | null,
    readonly path: bigint,
    readonly length: number,
  ) {}
}

const knownNode = (w: number, block: number) => new Node(0, w, block, null, null, 0n, 0);
const binaryNode = (left: Node, right: Node) => new Node(1, 0, 0, left, right, 0n, 0);
const edgeNode = (path: bigint, length: number, child: Node) => new Node(2, 0, 0, child, null, path, length);

/**
 * Buffers that this thread's jobs reuse (a job runs from start to end on one thread), grown as needed:
 * fresh megabytes per job would be fresh pages for the kernel to fault in and zero.
 */
const reused = { words: new Uint8Array(32 * 4096), hashing: new Uint8Array(0) };

/** A growing store of 32-byte big-endian words (in the thread's reused buffer). */
class Words {
  bytes = reused.words;
  view = viewOf(this.bytes);
  /** The same bytes as u32s, for copies between aligned words. */
  u32 = new Uint32Array(this.bytes.buffer);
  count = 0;

  private next(): number {
    if (32 * (this.count + 1) > this.bytes.length) {
      const bigger = new Uint8Array(this.bytes.length * 2);
      bigger.set(this.bytes);
      this.bytes = reused.words = bigger;
      this.view = viewOf(bigger);
      this.u32 = new Uint32Array(bigger.buffer);
    }
    return this.count++;
  }

  copy(from: DataView, offset: number): number {
    const w = this.next();
    copyWord(this.view, 32 * w, from, offset);
    return w;
  }

  of(value: bigint): number {
    const w = this.next();
    writeWordAt(this.view, 32 * w, value);
    return w;
  }
}

/** Plans, hashes and encodes the tries of `job`, reading existing nodes from `reader`. */
export function runStorageJob(reader: RecordReader, job: StorageJob, hasher: TrieHasher): StorageJobResult {
  const words = new Words();
  const roots = job.tries.map((t) => planTrie(reader, words, t));
  const nodes = order(roots);
  const { hashes, paths } = hashNodes(nodes, words, hasher);
  return {
    roots: roots.map((r) =>
      r === null ? 0n : r.k === 0 ? readWordAt(words.view, 32 * r.w) : readWordAt(viewOf(hashes), 32 * r.i),
    ),
    rootBlocks: roots.map((r) => (r === null ? 0 : r.k === 0 ? r.block : job.block)),
    records: encode(nodes, words, hashes, paths, job.block),
  };
}

/** The new shape of one trie (planUpdate's algorithm on stored records). */
function planTrie(reader: RecordReader, words: Words, trie: StorageJob['tries'][number]): Node | null {
  const { keys, values } = trie;
  // Keys as eight big-endian u32 words each: bit tests without bigints.
  const keyWords = new Uint32Array(8 * keys.length);
  const scratch = viewOf(new Uint8Array(32));
  const views = new ViewCache();
  keys.forEach((k, i) => {
    writeWordAt(scratch, 0, k);
    for (let j = 0; j < 8; j++) keyWords[8 * i + j] = scratch.getUint32(4 * j);
  });
  const bitAt = (i: number, depth: number): number => {
    const p = HEIGHT - 1 - depth;
    return (keyWords[8 * i + 7 - (p >>> 5)]! >>> (p & 31)) & 1;
  };
  const bitsAt = (i: number, depth: number, len: number): bigint =>
    len === 0 ? 0n : (keys[i]! >> BigInt(HEIGHT - depth - len)) & ((1n << BigInt(len)) - 1n);
  const leaf = (i: number): Node => knownNode(words.of(values[i]!), 0);

  /** The pending form of an existing inner node, its children unchanged subtrees. */
  function expand(node: Node): Node {
    const rec = reader.getRecord(words.bytes, 32 * node.w, node.block);
    if (!rec)
      throw new StateError(
        'MISSING_NODE',
        `trie node ${readWordAt(words.view, 32 * node.w).toString(16)} not found`,
      );
    const view = views.of(rec.bytes);
    const o = rec.bytes.byteOffset + rec.offset;
    const kind = view.getUint8(o + AT.kind);
    if (kind === 0) {
      const left = knownNode(words.copy(view, o + AT.left), view.getUint32(o + AT.leftBlock));
      const right = knownNode(words.copy(view, o + AT.right), view.getUint32(o + AT.rightBlock));
      return binaryNode(left, right);
    }
    if (kind === 1) {
      const path = readWordAt(view, o + AT.path);
      const child = knownNode(words.copy(view, o + AT.child), view.getUint32(o + AT.childBlock));
      return edgeNode(path, view.getUint8(o + AT.length), child);
    }
    throw new StateError('CORRUPT_NODE', `stored trie node has kind ${kind}`);
  }

  function makeEdge(path: bigint, length: number, child: Node | null, depth: number): Node | null {
    if (child === null) return null;
    if (length === 0) return child;
    // An existing inner child may itself be an edge: edges never follow edges, so merge them.
    if (child.k === 0 && depth + length < HEIGHT) {
      const n = expand(child);
      if (n.k === 2) child = n;
    }
    if (child.k === 2)
      return edgeNode((path << BigInt(child.length)) | child.path, length + child.length, child.left!);
    return edgeNode(path, length, child);
  }

  function combine(left: Node | null, right: Node | null, depth: number): Node | null {
    if (left && right) return binaryNode(left, right);
    if (left) return makeEdge(0n, 1, left, depth);
    if (right) return makeEdge(1n, 1, right, depth);
    return null;
  }

  /** First index in [lo, hi) whose key has bit 1 at `depth` (keys there share the bits above). */
  function split(lo: number, hi: number, depth: number): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (bitAt(mid, depth) === 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function commonPrefix(a: bigint, b: bigint, len: number): number {
    const x = a ^ b;
    return x === 0n ? len : len - bitLength(x);
  }

  /** The common prefix of keys i and j from `depth` on, at most `len` bits (on their u32 words). */
  function keysPrefix(i: number, j: number, depth: number, len: number): number {
    // The 251-bit keys sit in the low bits of 256: key bit `depth` is bit 5 + depth from the top.
    const start = 5 + depth;
    for (let w = start >>> 5; w < 8; w++) {
      let x = keyWords[8 * i + w]! ^ keyWords[8 * j + w]!;
      if (w === start >>> 5) x &= 0xffffffff >>> (start & 31);
      if (x !== 0) return Math.min(len, 32 * w + Math.clz32(x) - start);
    }
    return len;
  }

  function merge(node: Node | null, depth: number, lo: number, hi: number): Node | null {
    if (lo === hi) return node;
    if (depth === HEIGHT) return values[hi - 1] === 0n ? null : leaf(hi - 1);
    const n: Node | null = node === null ? null : node.k === 0 ? expand(node) : node;
    if (n === null) {
      const rem = HEIGHT - depth;
      const first = bitsAt(lo, depth, rem);
      const cp = hi - lo === 1 ? rem : keysPrefix(lo, hi - 1, depth, rem);
      if (cp === rem) return values[lo] === 0n ? null : makeEdge(first, rem, leaf(lo), depth);
      if (cp > 0) return makeEdge(first >> BigInt(rem - cp), cp, merge(null, depth + cp, lo, hi), depth);
      const mid = split(lo, hi, depth);
      return combine(merge(null, depth + 1, lo, mid), merge(null, depth + 1, mid, hi), depth);
    }
    if (n.k === 1) {
      const mid = split(lo, hi, depth);
      return combine(merge(n.left, depth + 1, lo, mid), merge(n.right, depth + 1, mid, hi), depth);
    }
    const len = n.length;
    const cp = Math.min(
      commonPrefix(bitsAt(lo, depth, len), n.path, len),
      commonPrefix(bitsAt(hi - 1, depth, len), n.path, len),
    );
    if (cp === len) return makeEdge(n.path, len, merge(n.left, depth + len, lo, hi), depth);
    // The updates leave the edge at depth + cp: split it there into a binary step.
    const restLen = len - cp - 1;
    const rest: Node =
      restLen > 0 ? edgeNode(n.path & ((1n << BigInt(restLen)) - 1n), restLen, n.left!) : n.left!;
    const edgeBit = Number((n.path >> BigInt(restLen)) & 1n);
    const d2 = depth + cp;
    const mid = split(lo, hi, d2);
    const sub =
      edgeBit === 0
        ? combine(merge(rest, d2 + 1, lo, mid), merge(null, d2 + 1, mid, hi), d2)
        : combine(merge(null, d2 + 1, lo, mid), merge(rest, d2 + 1, mid, hi), d2);
    return makeEdge(n.path >> BigInt(len - cp), cp, sub, depth);
  }

  const root = trie.root === 0n ? null : knownNode(words.of(trie.root), trie.rootBlock);
  return merge(root, 0, 0, keys.length);
}

/** The number of bits of x > 0. */
function bitLength(x: bigint): number {
  let n = 0;
  for (; x >= 1n << 64n; n += 64) x >>= 64n;
  const high = Number(x >> 32n);
  return high > 0 ? n + 64 - Math.clz32(high) : n + 32 - Math.clz32(Number(x));
}

/** The new nodes under `roots`, numbered level by level (children's levels before their parents'). */
function order(roots: readonly (Node | null)[]): Node[] {
  const all: Node[] = [];
  const visit = (n: Node): number => {
    if (n.k === 0) return 0;
    n.r = 1 + (n.k === 1 ? Math.max(visit(n.left!), visit(n.right!)) : visit(n.left!));
    all.push(n);
    return n.r;
  };
  let levels = 0;
  for (const r of roots) if (r) levels = Math.max(levels, visit(r));
  const start = new Uint32Array(levels + 2);
  for (const n of all) start[n.r + 1]!++;
  for (let l = 1; l <= levels + 1; l++) start[l]! += start[l - 1]!;
  const out = new Array<Node>(all.length);
  for (const n of all) {
    n.i = start[n.r]!++;
    out[n.i] = n;
  }
  return out;
}

/** Copies the hash of `n` (a big-endian word) to `to` of `dst`. */
function putHash(dst: DataView, to: number, n: Node, words: Words, hashes: DataView): void {
  if (n.k === 0) copyWord(dst, to, words.view, 32 * n.w);
  else copyWord(dst, to, hashes, 32 * n.i);
}

/**
 * Hashes the nodes level by level (one batch per level); returns their hashes, 32 bytes each, and the
 * second inputs, which hold each edge's path at its index.
 */
function hashNodes(
  nodes: readonly Node[],
  words: Words,
  hasher: TrieHasher,
): { hashes: Uint8Array; paths: DataView } {
  const size = 32 * nodes.length;
  if (reused.hashing.length < 3 * size) reused.hashing = new Uint8Array(6 * size);
  const hashes = reused.hashing.subarray(0, size);
  const hashView = viewOf(hashes);
  const hash32 = new Uint32Array(hashes.buffer, 0, 8 * nodes.length);
  const a = reused.hashing.subarray(size, 2 * size);
  const a32 = new Uint32Array(a.buffer, size, 8 * nodes.length);
  const b = reused.hashing.subarray(2 * size, 3 * size);
  const bView = viewOf(b);
  const b32 = new Uint32Array(b.buffer, 2 * size, 8 * nodes.length);
  /** Copies the hash of `n` (a known word or a new node's) to word `i` of `dst` (8 aligned u32 moves). */
  const input = (dst: Uint32Array, i: number, n: Node) => {
    const src = n.k === 0 ? words.u32 : hash32;
    const from = 8 * (n.k === 0 ? n.w : n.i);
    for (let j = 0; j < 8; j++) dst[8 * i + j] = src[from + j]!;
  };
  for (let from = 0; from < nodes.length; ) {
    let to = from;
    while (to < nodes.length && nodes[to]!.r === nodes[from]!.r) to++;
    for (let i = from; i < to; i++) {
      const n = nodes[i]!;
      input(a32, i, n.left!);
      if (n.k === 1) input(b32, i, n.right!);
      else writeWordAt(bView, 32 * i, n.path);
    }
    hasher.hashManyBytes!(
      a.subarray(32 * from, 32 * to),
      b.subarray(32 * from, 32 * to),
      hashes.subarray(32 * from, 32 * to),
    );
    // Edge hash = h(child, path) + length, in the field.
    for (let i = from; i < to; i++) {
      const n = nodes[i]!;
      if (n.k === 2) addSmall(hashView, 32 * i, n.length);
    }
    from = to;
  }
  return { hashes, paths: bView };
}

/** p as big-endian u32 words. */
const P_WORDS = [0x08000000, 0x11, 0, 0, 0, 0, 0, 1];

/** Adds `x` (< 2^32) to the felt at `o` of `v` (a big-endian word), modulo p. */
export function addSmall(v: DataView, o: number, x: number): void {
  let carry = x;
  for (let j = 28; j >= 0 && carry !== 0; j -= 4) {
    const s = v.getUint32(o + j) + carry;
    v.setUint32(o + j, s >>> 0);
    carry = s > 0xffffffff ? 1 : 0;
  }
  for (let j = 0; j < 8; j++) {
    const w = v.getUint32(o + 4 * j);
    if (w < P_WORDS[j]!) return;
    if (w > P_WORDS[j]!) break;
  }
  let borrow = 0;
  for (let j = 7; j >= 0; j--) {
    const d = v.getUint32(o + 4 * j) - P_WORDS[j]! - borrow;
    v.setUint32(o + 4 * j, d >>> 0);
    borrow = d < 0 ? 1 : 0;
  }
}

/**
 * The stored records (node-record.ts) of the hashed nodes, in hash order: the committing thread then
 * merges the jobs' runs into the block's pages (node-layout.ts).
 */
function encode(
  nodes: readonly Node[],
  words: Words,
  hashes: Uint8Array,
  paths: DataView,
  block: number,
): Uint8Array {
  const out = new Uint8Array(new ArrayBuffer(nodes.length * NODE_RECORD));
  const view = viewOf(out);
  /** Writes the hash of `n` at `to`; returns its location. */
  const hashView = viewOf(hashes);
  const put = (to: number, n: Node): number => {
    putHash(view, to, n, words, hashView);
    return n.k === 0 ? n.block : block;
  };
  const order = wordOrder(hashes, 32, nodes.length);
  for (let j = 0; j < nodes.length; j++) {
    const i = order[j]!;
    const n = nodes[i]!;
    const o = j * NODE_RECORD;
    put(o, n);
    if (n.k === 1) {
      view.setUint8(o + AT.kind, 0);
      view.setUint32(o + AT.leftBlock, put(o + AT.left, n.left!));
      view.setUint32(o + AT.rightBlock, put(o + AT.right, n.right!));
    } else {
      view.setUint8(o + AT.kind, 1);
      view.setUint8(o + AT.length, n.length);
      copyWord(view, o + AT.path, paths, 32 * i);
      view.setUint32(o + AT.childBlock, put(o + AT.child, n.left!));
    }
  }
  return out;
}
