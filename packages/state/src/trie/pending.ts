import type { TrieNode } from './node.js';

/** A subtree during a commit: `known` is an unchanged subtree or a leaf (hash known); the others are new. */
export type Pending =
  | { readonly t: 'known'; readonly hash: bigint }
  | { readonly t: 'binary'; readonly left: Pending; readonly right: Pending; hash: bigint }
  | {
      readonly t: 'edge';
      readonly path: bigint;
      readonly length: number;
      readonly child: Pending;
      hash: bigint;
    };

/** Marks a new node whose hash is not computed yet. */
export const UNHASHED = -1n;

/** The hash of a pending subtree (after hashing). */
export function pendingHash(p: Pending): bigint {
  return p.hash;
}

/** The stored form of a hashed new node. */
export function toStoredNode(p: Pending): TrieNode | undefined {
  if (p.t === 'binary') return { kind: 'binary', left: p.left.hash, right: p.right.hash };
  if (p.t === 'edge') return { kind: 'edge', path: p.path, length: p.length, child: p.child.hash };
  return undefined;
}
