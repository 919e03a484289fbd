import type { TrieNode } from './node.js';

/**
 * A bounded cache of trie nodes by hash (content-addressed, so never stale). Two generations: a hit in
 * the old one moves the node to the new one, and when the new one is full the old one is dropped.
 * The upper levels of every trie, read and rewritten by each block, stay; deep nodes age out.
 */
export class NodeCache {
  private young = new Map<bigint, TrieNode>();
  private old = new Map<bigint, TrieNode>();

  /** `capacity` bounds each generation (0 disables the cache). */
  constructor(readonly capacity: number) {}

  get(hash: bigint): TrieNode | undefined {
    const n = this.young.get(hash);
    if (n !== undefined || this.capacity === 0) return n;
    const o = this.old.get(hash);
    if (o !== undefined) this.set(hash, o);
    return o;
  }

  set(hash: bigint, node: TrieNode): void {
    if (this.capacity === 0) return;
    if (this.young.size >= this.capacity) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(hash, node);
  }

  /** Drops every node (e.g. after pruning or a failed commit). */
  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }
}
