import { hashPending } from './hash-pending.js';
import type { TrieHasher } from './hasher.js';
import type { NodeReader, TrieNode } from './node.js';
import { planUpdate } from './plan-update.js';
import { sortUpdates } from './updates.js';

/** The outcome of committing a batch of updates to one trie. */
export interface TrieCommit {
  readonly root: bigint;
  /** Nodes created by this commit, by hash. */
  readonly newNodes: Map<bigint, TrieNode>;
  /** Existing nodes read on the updated paths, by hash. */
  readonly readNodes: Map<bigint, TrieNode>;
  readonly hashCount: number;
}

/** Applies a batch of updates (value 0 deletes) to one trie, hashing each changed node once. */
export function commitTrie(
  reader: NodeReader,
  hasher: TrieHasher,
  height: number,
  root: bigint,
  updates: Iterable<readonly [bigint, bigint]>,
): TrieCommit {
  const sorted = sortUpdates(updates, height);
  const readNodes = new Map<bigint, TrieNode>();
  const pending = planUpdate(reader, height, root, sorted, readNodes);
  const { newNodes, hashCount } = hashPending([pending], hasher);
  return { root: pending ? pending.hash : 0n, newNodes, readNodes, hashCount };
}
