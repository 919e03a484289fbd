import { createHash } from 'node:crypto';
import { poseidon, poseidonArray } from '@starling/crypto';
import type { MerkleHashName } from '../options.js';
import { leafPool } from '../parallel/hash-pool.js';
import { encodeU256s, readU256, writeU256 } from './bytes.js';
import { keccakInto } from './fast-keccak.js';

/** Hash functions of a Merkle tree; digests are bigints (< 2^256 for keccak, felts for poseidon). */
export interface MerkleHasher {
  readonly name: MerkleHashName;
  leaf(values: readonly bigint[]): bigint;
  node(left: bigint, right: bigint): bigint;
  /** Digest of a leaf given as big-endian 32-byte words, written at out[offset, offset + 32). */
  leafBytes(data: Uint8Array, out: Uint8Array, offset: number): void;
  /** Digest of a node given as its two 32-byte children, written at out[offset, offset + 32). */
  nodeBytes(data: Uint8Array, out: Uint8Array, offset: number): void;
}

function digestOf(hashInto: (d: Uint8Array, o: Uint8Array, off: number) => void, data: Uint8Array): bigint {
  const out = new Uint8Array(32);
  hashInto(data, out, 0);
  return readU256(new DataView(out.buffer), 0);
}

/** Keccak-256 over big-endian 32-byte words (cheap to recompute on L1). */
export const keccakHasher: MerkleHasher = {
  name: 'keccak',
  leaf: (values) => digestOf(keccakInto, encodeU256s(values)),
  node: (l, r) => digestOf(keccakInto, encodeU256s([l, r])),
  leafBytes: keccakInto,
  nodeBytes: keccakInto,
};

function decodeWords(data: Uint8Array): bigint[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return Array.from({ length: data.length >> 5 }, (_, i) => readU256(view, i * 32));
}

function writeDigest(out: Uint8Array, offset: number, v: bigint): void {
  writeU256(new DataView(out.buffer, out.byteOffset, out.byteLength), offset, v);
}

/** Poseidon sponge for leaves, two-input Poseidon for nodes (cheap to recompute in Cairo). */
export const poseidonHasher: MerkleHasher = {
  name: 'poseidon',
  leaf: (values) => poseidonArray(values),
  node: (l, r) => poseidon(l, r),
  leafBytes: (data, out, offset) => writeDigest(out, offset, poseidonArray(decodeWords(data))),
  nodeBytes: (data, out, offset) => {
    const [l, r] = decodeWords(data);
    writeDigest(out, offset, poseidon(l!, r!));
  },
};

function sha256Into(data: Uint8Array, out: Uint8Array, offset: number): void {
  out.set(createHash('sha256').update(data).digest(), offset);
}

/** SHA-256 over big-endian 32-byte words (Node's native hash; the EVM's 0x02 precompile). */
export const sha256Hasher: MerkleHasher = {
  name: 'sha256',
  leaf: (values) => digestOf(sha256Into, encodeU256s(values)),
  node: (l, r) => digestOf(sha256Into, encodeU256s([l, r])),
  leafBytes: sha256Into,
  nodeBytes: sha256Into,
};

/** The hasher for a configured hash name. */
export function merkleHasher(name: MerkleHashName): MerkleHasher {
  return name === 'poseidon' ? poseidonHasher : name === 'sha256' ? sha256Hasher : keccakHasher;
}

/** Leaves hashed per batch: bounds the staging buffer (and the shared memory of the hashing workers). */
const LEAF_BATCH_BYTES = 1 << 22;

/** Layers of at least this many bytes (2^11 nodes) go to the worker pool. */
const POOL_LAYER_BYTES = 1 << 17;

/** A Merkle tree over a power-of-two number of leaves; digests are kept as 32-byte strings. */
export class MerkleTree {
  /** layers[0] = leaf digests … layers[depth] = the root, 32 bytes per node. */
  readonly layers: Uint8Array[];

  constructor(
    leafDigests: Uint8Array,
    readonly hasher: MerkleHasher,
  ) {
    this.layers = [leafDigests];
    // Wide Keccak layers are hashed on the worker pool when one is set (a node is the hash of 64 bytes).
    const pool = hasher.name === 'keccak' && leafDigests.length >= POOL_LAYER_BYTES ? leafPool() : null;
    let cur = leafDigests;
    while (cur.length > 32) {
      let next: Uint8Array;
      if (pool && cur.length >= POOL_LAYER_BYTES) next = pool.hashLeaves(cur, 64);
      else {
        next = new Uint8Array(cur.length >> 1);
        for (let i = 0; i < next.length >> 5; i++)
          hasher.nodeBytes(cur.subarray(i * 64, i * 64 + 64), next, i * 32);
      }
      this.layers.push(next);
      cur = next;
    }
  }

  /**
   * Builds the tree over `count` leaves of `leafBytes` bytes each; `fill(from, to, buf)` writes leaves
   * [from, to) into buf. Keccak leaves go to the worker pool when one is set.
   */
  static fromLeafBytes(
    count: number,
    leafBytes: number,
    fill: (from: number, to: number, buf: Uint8Array) => void,
    hasher: MerkleHasher,
  ): MerkleTree {
    const pool = hasher.name === 'keccak' && count >= 1024 ? leafPool() : null;
    const digests = new Uint8Array(count * 32);
    const batch = Math.max(1, Math.min(count, Math.floor(LEAF_BATCH_BYTES / leafBytes)));
    const buf = new Uint8Array(batch * leafBytes);
    for (let from = 0; from < count; from += batch) {
      const to = Math.min(count, from + batch);
      const part = buf.subarray(0, (to - from) * leafBytes);
      fill(from, to, part);
      if (pool) digests.set(pool.hashLeaves(part, leafBytes), from * 32);
      else {
        for (let i = 0; i < to - from; i++)
          hasher.leafBytes(part.subarray(i * leafBytes, (i + 1) * leafBytes), digests, (from + i) * 32);
      }
    }
    return new MerkleTree(digests, hasher);
  }

  /** Builds the tree whose leaf i holds the felts row(i), all rows of one width. */
  static fromRows(count: number, row: (i: number) => bigint[], hasher: MerkleHasher): MerkleTree {
    const width = row(0).length;
    return MerkleTree.fromLeafBytes(
      count,
      width * 32,
      (from, to, buf) => {
        const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
        for (let i = from; i < to; i++) {
          const r = row(i);
          for (let k = 0; k < width; k++) writeU256(view, ((i - from) * width + k) * 32, r[k]!);
        }
      },
      hasher,
    );
  }

  private digest(level: number, index: number): bigint {
    const layer = this.layers[level]!;
    return readU256(new DataView(layer.buffer, layer.byteOffset, layer.byteLength), index * 32);
  }

  get root(): bigint {
    return this.digest(this.layers.length - 1, 0);
  }

  get depth(): number {
    return this.layers.length - 1;
  }

  /** Batched opening: the sibling digests needed to recompute the root from the given leaves. */
  open(indices: readonly number[]): bigint[] {
    const proof: bigint[] = [];
    let known = uniqueSorted(indices);
    for (let level = 0; level < this.depth; level++) {
      const parents: number[] = [];
      for (let k = 0; k < known.length; k++) {
        const idx = known[k]!;
        const sib = idx ^ 1;
        if (known[k + 1] === sib) k++;
        else proof.push(this.digest(level, sib));
        parents.push(idx >> 1);
      }
      known = parents;
    }
    return proof;
  }
}

function uniqueSorted(xs: readonly number[]): number[] {
  return [...new Set(xs)].sort((a, b) => a - b);
}

/** Recomputes the root from leaf digests (by index) and a batched opening; false on any mismatch. */
export function verifyMerkle(
  root: bigint,
  depth: number,
  leaves: ReadonlyMap<number, bigint>,
  proof: readonly bigint[],
  hasher: MerkleHasher,
): boolean {
  let known = uniqueSorted([...leaves.keys()]);
  if (known.some((i) => i < 0 || i >= 2 ** depth)) return false;
  let values = known.map((i) => leaves.get(i)!);
  let p = 0;
  for (let level = 0; level < depth; level++) {
    const nextIdx: number[] = [];
    const nextVal: bigint[] = [];
    for (let k = 0; k < known.length; k++) {
      const idx = known[k]!;
      let left: bigint;
      let right: bigint;
      if (known[k + 1] === (idx ^ 1)) {
        left = values[k]!;
        right = values[k + 1]!;
        k++;
      } else {
        const sib = proof[p++];
        if (sib === undefined) return false;
        [left, right] = idx & 1 ? [sib, values[k]!] : [values[k]!, sib];
      }
      nextIdx.push(idx >> 1);
      nextVal.push(hasher.node(left, right));
    }
    known = nextIdx;
    values = nextVal;
  }
  return p === proof.length && values.length === 1 && values[0] === root;
}
