import { P } from '@starling/felt';
import type { TrieHasher } from './hasher.js';
import type { TrieNode } from './node.js';
import { type Pending, toStoredNode } from './pending.js';

type NewNode = Exclude<Pending, { t: 'known' }>;

function collect(p: Pending, buckets: NewNode[][]): number {
  if (p.t === 'known') return 0;
  const rank =
    p.t === 'binary'
      ? 1 + Math.max(collect(p.left, buckets), collect(p.right, buckets))
      : 1 + collect(p.child, buckets);
  (buckets[rank] ??= []).push(p);
  return rank;
}

/**
 * Hashes every new node of the given pending trees exactly once, level by level (all nodes whose
 * children are known form one batch for hasher.hashMany). Returns the new nodes by hash; with
 * `block` (the block being committed) they record their children's locations.
 */
export function hashPending(
  roots: readonly (Pending | null)[],
  hasher: TrieHasher,
  out: Map<bigint, TrieNode> = new Map(),
  block?: number,
): { newNodes: Map<bigint, TrieNode>; hashCount: number } {
  const buckets: NewNode[][] = [];
  for (const r of roots) if (r) collect(r, buckets);
  let hashCount = 0;
  for (const bucket of buckets) {
    if (!bucket) continue;
    const a: bigint[] = new Array(bucket.length);
    const b: bigint[] = new Array(bucket.length);
    for (let i = 0; i < bucket.length; i++) {
      const n = bucket[i]!;
      if (n.t === 'binary') {
        a[i] = n.left.hash;
        b[i] = n.right.hash;
      } else {
        a[i] = n.child.hash;
        b[i] = n.path;
      }
    }
    const hashes = hasher.hashMany(a, b);
    hashCount += bucket.length;
    for (let i = 0; i < bucket.length; i++) {
      const n = bucket[i]!;
      let h = hashes[i]!;
      // Edge hash = h(child, path) + length, in the field.
      if (n.t === 'edge') h = (h + BigInt(n.length)) % P;
      n.hash = h;
      out.set(h, toStoredNode(n, block)!);
    }
  }
  return { newNodes: out, hashCount };
}
