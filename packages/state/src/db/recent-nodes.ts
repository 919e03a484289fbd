// The nodes that the last few blocks created, kept in memory as they were stored: each block rewrites
// the upper levels of every trie it touches, so the next block reads most of those again. Records stay
// in their bytes (indexed by the low 30 bits of the hash: small-integer keys, the fastest kind of Map
// key) and are decoded only when read.
import type { StateCommit } from '../commitment/commit-state-diff.js';
import type { TrieNode } from '../trie/node.js';
import { viewOf } from '../trie/word.js';
import { decodeRecord, NODE_RECORD, recordHash } from './node-record.js';

const LOW = 0x3fffffff;
const LOW_BIG = BigInt(LOW);
/** An index slot shared by two hashes (same low 30 bits): such nodes are read from the database. */
const AMBIGUOUS = -1;

interface BlockNodes {
  readonly maps: readonly Map<bigint, TrieNode>[];
  readonly views: DataView[];
  readonly records: readonly Uint8Array[];
  /** Low 30 bits of the hash → view index × 2^32 + byte offset (or AMBIGUOUS). */
  readonly index: Map<number, number>;
}

/** The new nodes of the last `capacity` committed blocks, by (block, hash). */
export class RecentNodes {
  private readonly blocks = new Map<number, BlockNodes>();

  constructor(readonly capacity: number) {}

  /** Remembers what `block` created (its commit's maps and records); forgets the oldest block beyond capacity. */
  add(block: number, c: StateCommit): void {
    this.addRecords(
      block,
      [...c.pedersenNodes.records, ...c.poseidonNodes.records],
      [c.pedersenNodes.created, c.poseidonNodes.created],
    );
  }

  /** Remembers the nodes that `block` created, as records (and decoded, by hash, in `maps`). */
  addRecords(
    block: number,
    records: readonly Uint8Array[],
    maps: readonly Map<bigint, TrieNode>[] = [],
  ): void {
    if (this.capacity === 0) return;
    const index = new Map<number, number>();
    const views: DataView[] = [];
    for (const r of records) {
      const view = viewOf(r);
      const v = views.push(view) - 1;
      for (let o = 0; o < r.length; o += NODE_RECORD) {
        const low = view.getUint32(o + 28) & LOW;
        index.set(low, index.has(low) ? AMBIGUOUS : v * 2 ** 32 + o);
      }
    }
    this.blocks.set(block, { maps, views, records, index });
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
    const at = b.index.get(Number(hash & LOW_BIG));
    if (at === undefined || at === AMBIGUOUS) return undefined;
    const view = b.views[Math.floor(at / 2 ** 32)]!;
    const offset = at % 2 ** 32;
    return recordHash(view, offset) === hash ? decodeRecord(view, offset) : undefined;
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
    const low =
      ((hash[offset + 28]! << 24) |
        (hash[offset + 29]! << 16) |
        (hash[offset + 30]! << 8) |
        hash[offset + 31]!) &
      LOW;
    const at = b.index.get(low);
    if (at === undefined || at === AMBIGUOUS) return undefined;
    const bytes = b.records[Math.floor(at / 2 ** 32)]!;
    const o = at % 2 ** 32;
    for (let j = 0; j < 32; j++) if (bytes[o + j] !== hash[offset + j]) return undefined;
    return { bytes, offset: o };
  }

  /** Forgets every block (after blocks were dropped). */
  clear(): void {
    this.blocks.clear();
  }
}
