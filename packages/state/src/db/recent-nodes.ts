// The nodes that the last few blocks created, kept in memory as they were stored: each block rewrites
// the upper levels of every trie it touches, so the next block reads most of those again. A block's
// layout (node-layout.ts: records page after page) sits in shared memory, so that hash workers read
// the same memory (posting a RecentBlock shares it, nothing is copied).
import type { TrieNode } from '../trie/node.js';
import { viewOf, writeWordAt } from '../trie/word.js';
import { findInLayout, type NodeLayout } from './node-layout.js';
import { decodeRecord } from './node-record.js';

/** One block's new nodes, laid out in shared memory. */
export interface RecentBlock {
  readonly block: number;
  readonly layout: NodeLayout;
}

/** The new nodes of the last `capacity` committed blocks, by (block, hash). */
export class RecentNodes {
  private readonly blocks = new Map<number, { nodes: RecentBlock; maps: readonly Map<bigint, TrieNode>[] }>();
  private readonly scratch = new Uint8Array(32);

  constructor(readonly capacity: number) {}

  /**
   * Remembers what `block` created (the layout of its records, in shared memory, and the nodes its
   * commit decoded by hash in `maps`). Returns the block this forgot, if any.
   */
  add(nodes: RecentBlock, maps: readonly Map<bigint, TrieNode>[] = []): RecentBlock | undefined {
    if (this.capacity === 0) return undefined;
    this.blocks.delete(nodes.block);
    this.blocks.set(nodes.block, { nodes, maps });
    let forgot: RecentBlock | undefined;
    for (const [b, kept] of this.blocks) {
      if (this.blocks.size <= this.capacity) break;
      this.blocks.delete(b);
      forgot = kept.nodes;
    }
    return forgot;
  }

  /** The node `hash` created by `block`, if that block is remembered and created it. */
  get(hash: bigint, block: number): TrieNode | undefined {
    const b = this.blocks.get(block);
    if (b === undefined) return undefined;
    for (const m of b.maps) {
      const n = m.get(hash);
      if (n !== undefined) return n;
    }
    if (hash < 0n || hash >= 1n << 256n) return undefined;
    writeWordAt(viewOf(this.scratch), 0, hash);
    const o = findInLayout(b.nodes.layout, this.scratch, 0);
    return o < 0 ? undefined : decodeRecord(viewOf(b.nodes.layout.records), o);
  }

  /**
   * The record of the node whose hash is the 32-byte big-endian word at `offset` of `hash`, if
   * `block` is remembered and created it (records only, not the decoded maps).
   */
  getRecord(
    hash: Uint8Array,
    offset: number,
    block: number,
  ): { bytes: Uint8Array; offset: number } | undefined {
    const b = this.blocks.get(block);
    if (b === undefined) return undefined;
    const o = findInLayout(b.nodes.layout, hash, offset);
    return o < 0 ? undefined : { bytes: b.nodes.layout.records, offset: o };
  }

  /** Forgets every block (after blocks were dropped). */
  clear(): void {
    this.blocks.clear();
  }
}
