import type { NodeReader, TrieNode } from './node.js';

/** An in-memory node store (tests, scratch tries, proof verification). */
export class MemoryNodeStore implements NodeReader {
  readonly nodes = new Map<bigint, TrieNode>();

  getNode(hash: bigint): TrieNode | undefined {
    return this.nodes.get(hash);
  }

  /** Adds nodes (e.g. the newNodes of a commit). */
  putAll(nodes: Iterable<readonly [bigint, TrieNode]>): void {
    for (const [h, n] of nodes) this.nodes.set(h, n);
  }
}
