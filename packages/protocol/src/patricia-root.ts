// Root of a binary Merkle–Patricia tree built in memory from a list of leaves. This is the small,
// stateless form used by the per-block commitments (height 64, keys = indices); the persistent
// height-251 tries of the global state live in the state package.
import { add } from '@starling/felt';
import { ProtocolError } from './errors.js';

/** A two-input hash: Pedersen or Poseidon. */
export type PairHash = (a: bigint, b: bigint) => bigint;

export interface PatriciaLeaf {
  key: bigint;
  value: bigint;
}

/** Root of the tree of the given height over `leaves` (zero values are absent leaves; empty tree → 0). */
export function patriciaRoot(leaves: readonly PatriciaLeaf[], height: number, hash: PairHash): bigint {
  const bound = 1n << BigInt(height);
  const sorted = leaves
    .filter((l) => l.value !== 0n)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 0; i < sorted.length; i++) {
    const k = sorted[i]!.key;
    if (k < 0n || k >= bound)
      throw new ProtocolError('INVALID_FIELD', `leaf key ${k} does not fit height ${height}`);
    if (i > 0 && sorted[i - 1]!.key === k)
      throw new ProtocolError('INVALID_FIELD', `duplicate leaf key ${k}`);
  }
  if (sorted.length === 0) return 0n;
  const H = BigInt(height);
  const mask = (bits: bigint) => (1n << bits) - 1n;
  const edge = (child: bigint, path: bigint, length: bigint) => add(hash(child, path), length);

  // Hash of the subtree rooted at `depth` (bits above `depth` are shared by all of sorted[lo..hi)).
  const node = (lo: number, hi: number, depth: bigint): bigint => {
    const first = sorted[lo]!;
    if (hi - lo === 1) {
      const remaining = H - depth;
      return remaining === 0n ? first.value : edge(first.value, first.key & mask(remaining), remaining);
    }
    const last = sorted[hi - 1]!;
    // Depth of the first bit on which the keys differ; the sorted range splits there.
    const split = H - BigInt((first.key ^ last.key).toString(2).length);
    const bit = H - 1n - split;
    let mid = lo + 1;
    while (mid < hi && ((sorted[mid]!.key >> bit) & 1n) === 0n) mid++;
    const binary = hash(node(lo, mid, split + 1n), node(mid, hi, split + 1n));
    const edgeLength = split - depth;
    if (edgeLength === 0n) return binary;
    return edge(binary, (first.key >> (H - split)) & mask(edgeLength), edgeLength);
  };
  return node(0, sorted.length, 0n);
}

/** A per-block commitment: the height-64 tree whose leaf i is `leaves[i]`. */
export function commitmentRoot(leaves: readonly bigint[], hash: PairHash): bigint {
  return patriciaRoot(
    leaves.map((value, i) => ({ key: BigInt(i), value })),
    64,
    hash,
  );
}
