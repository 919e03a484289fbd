// A from-scratch trie root straight from the definition, and random keys, for tests of the planners.
import { P } from '@starling/felt';
import type { TrieHasher } from '../../src/index.ts';

/** A cheap stand-in hash for structure tests (the shape logic does not depend on the hash). */
export const mixHasher: TrieHasher = {
  name: 'pedersen',
  hash: (a, b) => (a * 0x9e3779b97f4a7c15n + b * b * 0x1234567n + 0xabcdefn) % P,
  hashMany(a, b) {
    return a.map((x, i) => this.hash(x, b[i]!));
  },
};

/** Reference: the root of a trie computed from scratch, straight from the definition in §5.1. */
export function referenceRoot(leaves: Map<bigint, bigint>, height: number, h: TrieHasher): bigint {
  type Sub = { hash: bigint; edge?: { path: bigint; len: number; child: bigint } };
  function edgeOf(bit: bigint, s: Sub): Sub {
    const path = s.edge ? (bit << BigInt(s.edge.len)) | s.edge.path : bit;
    const len = s.edge ? s.edge.len + 1 : 1;
    const child = s.edge ? s.edge.child : s.hash;
    return { hash: (h.hash(child, path) + BigInt(len)) % P, edge: { path, len, child } };
  }
  function rec(keys: bigint[], depth: number): Sub | null {
    if (keys.length === 0) return null;
    if (depth === height) return { hash: leaves.get(keys[0]!)! };
    const bit = BigInt(height - 1 - depth);
    const l = rec(
      keys.filter((k) => ((k >> bit) & 1n) === 0n),
      depth + 1,
    );
    const r = rec(
      keys.filter((k) => ((k >> bit) & 1n) === 1n),
      depth + 1,
    );
    if (l && r) return { hash: h.hash(l.hash, r.hash) };
    if (l) return edgeOf(0n, l);
    if (r) return edgeOf(1n, r);
    return null;
  }
  const keys = [...leaves].filter(([, v]) => v !== 0n).map(([k]) => k);
  return rec(keys, 0)?.hash ?? 0n;
}

export function randomKey(r: () => number, height: number, clustered: boolean): bigint {
  // Clustered keys share long prefixes, which exercises edge splitting and merging.
  if (clustered)
    return (((1n << BigInt(height)) - 1n) & (0xabcn << BigInt(height - 12))) | BigInt(Math.floor(r() * 64));
  let k = 0n;
  for (let i = 0; i < height; i += 30) k = (k << 30n) | BigInt(Math.floor(r() * 2 ** 30));
  return k & ((1n << BigInt(height)) - 1n);
}

/** Keys at the edges of [0, 2^251): the first and last, their neighbours, and both sides of 2^250. */
export const BOUNDARY_KEYS = [0n, (1n << 251n) - 1n, 1n, 1n << 250n, (1n << 251n) - 2n, (1n << 250n) - 1n];
