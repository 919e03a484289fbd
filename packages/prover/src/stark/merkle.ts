import { createHash } from 'node:crypto';
import { keccak256, poseidon, poseidonArray } from '@starling/crypto';
import type { MerkleHashName } from '../options.js';
import { leafPool } from '../parallel/hash-pool.js';
import { encodeU256s, readU256, writeU256 } from './bytes.js';

/** Hash functions of a Merkle tree; digests are bigints (< 2^256 for keccak, felts for poseidon). */
export interface MerkleHasher {
  readonly name: MerkleHashName;
  leaf(values: readonly bigint[]): bigint;
  node(left: bigint, right: bigint): bigint;
}

function keccakDigest(bytes: Uint8Array): bigint {
  const h = keccak256(bytes);
  return readU256(new DataView(h.buffer, h.byteOffset, 32), 0);
}

/** Keccak-256 over big-endian 32-byte words (cheap to recompute on L1). */
export const keccakHasher: MerkleHasher = {
  name: 'keccak',
  leaf: (values) => keccakDigest(encodeU256s(values)),
  node: (l, r) => keccakDigest(encodeU256s([l, r])),
};

/** Poseidon sponge for leaves, two-input Poseidon for nodes (cheap to recompute in Cairo). */
export const poseidonHasher: MerkleHasher = {
  name: 'poseidon',
  leaf: (values) => poseidonArray(values),
  node: (l, r) => poseidon(l, r),
};

function sha256Digest(bytes: Uint8Array): bigint {
  const h = createHash('sha256').update(bytes).digest();
  return readU256(new DataView(h.buffer, h.byteOffset, 32), 0);
}

/** SHA-256 over big-endian 32-byte words (Node's native hash; the EVM's 0x02 precompile). */
export const sha256Hasher: MerkleHasher = {
  name: 'sha256',
  leaf: (values) => sha256Digest(encodeU256s(values)),
  node: (l, r) => sha256Digest(encodeU256s([l, r])),
};

/** The hasher for a configured hash name. */
export function merkleHasher(name: MerkleHashName): MerkleHasher {
  return name === 'poseidon' ? poseidonHasher : name === 'sha256' ? sha256Hasher : keccakHasher;
}

/** A Merkle tree over a power-of-two number of leaf digests. */
export class MerkleTree {
  /** layers[0] = leaf digests … layers[depth] = [root]. */
  readonly layers: bigint[][];

  constructor(
    leafDigests: bigint[],
    readonly hasher: MerkleHasher,
  ) {
    this.layers = [leafDigests];
    let cur = leafDigests;
    while (cur.length > 1) {
      const next = new Array<bigint>(cur.length >> 1);
      for (let i = 0; i < next.length; i++) next[i] = hasher.node(cur[2 * i]!, cur[2 * i + 1]!);
      this.layers.push(next);
      cur = next;
    }
  }

  /** Builds the tree whose leaf i hashes row(i) (Keccak leaves go to the worker pool when one is set). */
  static fromRows(count: number, row: (i: number) => bigint[], hasher: MerkleHasher): MerkleTree {
    const pool = hasher.name === 'keccak' && count >= 1024 ? leafPool() : null;
    const digests = new Array<bigint>(count);
    if (pool) {
      const width = row(0).length;
      const bytes = new Uint8Array(count * width * 32);
      const view = new DataView(bytes.buffer);
      for (let i = 0; i < count; i++) {
        const r = row(i);
        for (let k = 0; k < width; k++) writeU256(view, (i * width + k) * 32, r[k]!);
      }
      const out = pool.hashLeaves(bytes, width * 32);
      const ov = new DataView(out.buffer, out.byteOffset, out.byteLength);
      for (let i = 0; i < count; i++) digests[i] = readU256(ov, i * 32);
    } else {
      for (let i = 0; i < count; i++) digests[i] = hasher.leaf(row(i));
    }
    return new MerkleTree(digests, hasher);
  }

  get root(): bigint {
    return this.layers[this.layers.length - 1]![0]!;
  }

  get depth(): number {
    return this.layers.length - 1;
  }

  /** Batched opening: the sibling digests needed to recompute the root from the given leaves. */
  open(indices: readonly number[]): bigint[] {
    const proof: bigint[] = [];
    let known = uniqueSorted(indices);
    for (let level = 0; level < this.depth; level++) {
      const layer = this.layers[level]!;
      const parents: number[] = [];
      for (let k = 0; k < known.length; k++) {
        const idx = known[k]!;
        const sib = idx ^ 1;
        if (known[k + 1] === sib) k++;
        else proof.push(layer[sib]!);
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
