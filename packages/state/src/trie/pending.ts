import type { TrieNode } from './node.js';

/** A subtree during a commit: `known` is an unchanged subtree or a leaf (hash known); the others are new. */
export type Pending =
  | { readonly t: 'known'; readonly hash: bigint; readonly block?: number }
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

/** Where a child lives: its recorded block if unchanged, else the block being committed. */
function locate(p: Pending, block: number): number {
  return p.t === 'known' ? (p.block ?? 0) : block;
}

/** The stored form of a hashed new node; with `block`, children carry their locations. */
export function toStoredNode(p: Pending, block?: number): TrieNode | undefined {
  if (p.t === 'binary') {
    if (block === undefined) return { kind: 'binary', left: p.left.hash, right: p.right.hash };
    return {
      kind: 'binary',
      left: p.left.hash,
      right: p.right.hash,
      leftBlock: locate(p.left, block),
      rightBlock: locate(p.right, block),
    };
  }
  if (p.t === 'edge') {
    if (block === undefined) return { kind: 'edge', path: p.path, length: p.length, child: p.child.hash };
    return {
      kind: 'edge',
      path: p.path,
      length: p.length,
      child: p.child.hash,
      childBlock: locate(p.child, block),
    };
  }
  return undefined;
}

/** The location of a pending root after hashing (see toStoredNode). */
export function rootBlock(p: Pending | null, block: number): number {
  return p === null ? 0 : locate(p, block);
}
