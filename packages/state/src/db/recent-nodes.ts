// The nodes that the last few blocks created, kept in memory as they were stored: each block rewrites
// the upper levels of every trie it touches, so the next block reads most of those again. A block's
// records sit in one shared buffer with an open-addressing index on the low 32 bits of their hashes,
// so that hash workers read the same memory (posting a RecentBlock shares it, nothing is copied).
import type { StateCommit } from '../commitment/commit-state-diff.js';
import type { TrieNode } from '../trie/node.js';
import { compareWords, u32At, viewOf, writeWordAt } from '../trie/word.js';
import { decodeRecord, NODE_RECORD } from './node-record.js';

/** One block's new nodes: their records, and slots holding record index + 1 (0: empty). */
export interface RecentBlock {
  readonly block: number;
  readonly records: Uint8Array;
  readonly slots: Uint32Array;
}

/** The low 32 bits of the 32-byte big-endian word at `o` of `b`. */
const low32 = (b: Uint8Array, o: number) => u32At(b, o + 28);

/** Copies the records of a block into shared memory and indexes them by hash. */
export function recentBlock(block: number, parts: readonly Uint8Array[]): RecentBlock {
  let size = 0;
  for (const p of parts) size += p.length;
  const records = new Uint8Array(new SharedArrayBuffer(size));
  let at = 0;
  for (const p of parts) {
    records.set(p, at);
    at += p.length;
  }
  const n = size / NODE_RECORD;
  let capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  const slots = new Uint32Array(new SharedArrayBuffer(4 * capacity));
  const mask = capacity - 1;
  for (let i = 0; i < n; i++) {
    const o = i * NODE_RECORD;
    let s = low32(records, o) & mask;
    // A node that two tries share is stored twice: index it once.
    for (; slots[s] !== 0; s = (s + 1) & mask)
      if (compareWords(records, (slots[s]! - 1) * NODE_RECORD, records, o) === 0) break;
    if (slots[s] === 0) slots[s] = i + 1;
  }
  return { block, records, slots };
}

/** The offset of the record whose hash is the word at `offset` of `hash` in `b`, or -1. */
function find(b: RecentBlock, hash: Uint8Array, offset: number): number {
  const mask = b.slots.length - 1;
  for (let s = low32(hash, offset) & mask; b.slots[s] !== 0; s = (s + 1) & mask) {
    const o = (b.slots[s]! - 1) * NODE_RECORD;
    if (compareWords(b.records, o, hash, offset) === 0) return o;
  }
  return -1;
}

/** The new nodes of the last `capacity` committed blocks, by (block, hash). */
export class RecentNodes {
  private readonly blocks = new Map<number, { nodes: RecentBlock; maps: readonly Map<bigint, TrieNode>[] }>();
  private readonly scratch = new Uint8Array(32);

  constructor(readonly capacity: number) {}

  /** Remembers what `block` created (its commit's records and maps); returns the shared block, if kept. */
  add(block: number, c: StateCommit): RecentBlock | undefined {
    if (this.capacity === 0) return undefined;
    const nodes = recentBlock(block, [...c.pedersenNodes.records, ...c.poseidonNodes.records]);
    this.addBlock(nodes, [c.pedersenNodes.created, c.poseidonNodes.created]);
    return nodes;
  }

  /** Remembers a block's records (and nodes decoded by hash in `maps`); forgets the oldest beyond capacity. */
  addBlock(nodes: RecentBlock, maps: readonly Map<bigint, TrieNode>[] = []): void {
    if (this.capacity === 0) return;
    this.blocks.delete(nodes.block);
    this.blocks.set(nodes.block, { nodes, maps });
    for (const b of this.blocks.keys()) {
      if (this.blocks.size <= this.capacity) break;
      this.blocks.delete(b);
    }
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
    const o = find(b.nodes, this.scratch, 0);
    return o < 0 ? undefined : decodeRecord(viewOf(b.nodes.records), o);
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
    const o = find(b.nodes, hash, offset);
    return o < 0 ? undefined : { bytes: b.nodes.records, offset: o };
  }

  /** Forgets every block (after blocks were dropped). */
  clear(): void {
    this.blocks.clear();
  }
}
