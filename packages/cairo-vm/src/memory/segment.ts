import { vmError } from '../errors.js';
import * as valueMod from './value.js';

// Local copies: module bindings cost a getter call per use under some loaders (hot loop).
const { SMALL, TAG_BIG, TAG_EMPTY } = valueMod;

/** Largest segment (cells): far above what a step-limited run writes, below what would exhaust memory. */
export const MAX_SEGMENT_CELLS = 2 ** 27;

/** Hooks a builtin attaches to its segment: validation on write, deduction on a missing read. */
export interface SegmentHooks {
  /** Called after a new value is written at `offset`; throws a VmError when invalid. */
  validate?(segment: Segment, offset: number): void;
  /** Tries to compute the missing cell at `offset`; returns true when it wrote it. */
  deduce?(segment: Segment, offset: number): boolean;
}

/** One memory segment: cells on typed arrays (9 bytes per cell plus a side table for big felts). */
export class Segment {
  readonly index: number;
  tags: Uint8Array;
  vals: Float64Array;
  accessed: Uint8Array;
  /** Big felts by offset (holey array: dense where big values are dense). */
  bigs: (bigint | undefined)[] = [];
  /** One past the highest written offset. */
  size = 0;
  hooks: SegmentHooks | undefined;
  readOnly = false;
  /** Cells are shared with other runs (a program image): every cell below `size` is accessed. */
  shared = false;
  /** Decoded-instruction cache (code may run from any segment). */
  decoded: unknown[] | undefined;
  /** Hints keyed by offset, for the segment that holds the running code. */
  hints: unknown[] | undefined;

  // Small by default: typed arrays of at most 64 bytes live on the JS heap (no backing-store allocation).
  constructor(index: number, capacity = 8) {
    this.index = index;
    this.tags = new Uint8Array(capacity);
    this.vals = new Float64Array(capacity);
    this.accessed = new Uint8Array(capacity);
  }

  /** Grows the backing arrays so that `offset` is addressable. */
  grow(offset: number): void {
    if (offset >= MAX_SEGMENT_CELLS) {
      throw vmError(
        'INVALID_ADDRESS',
        `offset ${offset} in segment ${this.index} is beyond the memory limit`,
      );
    }
    let cap = this.tags.length * 2;
    while (cap <= offset) cap *= 2;
    const tags = new Uint8Array(cap);
    tags.set(this.tags);
    const vals = new Float64Array(cap);
    vals.set(this.vals);
    const acc = new Uint8Array(cap);
    acc.set(this.accessed);
    this.tags = tags;
    this.vals = vals;
    this.accessed = acc;
    if (this.shared) {
      this.bigs = this.bigs.slice();
      this.shared = false;
    }
  }

  /** Uses cell arrays shared with other runs; they must never be written (read-only segment). */
  adopt(cells: {
    tags: Uint8Array;
    vals: Float64Array;
    bigs: (bigint | undefined)[];
    accessed: Uint8Array;
  }): void {
    this.tags = cells.tags;
    this.vals = cells.vals;
    this.bigs = cells.bigs;
    this.accessed = cells.accessed;
    this.size = cells.tags.length;
    this.shared = true;
    this.readOnly = true;
  }

  isEmpty(offset: number): boolean {
    return offset >= this.tags.length || this.tags[offset] === TAG_EMPTY;
  }

  /** Number of accessed cells. */
  countAccessed(): number {
    if (this.shared) return this.size;
    let n = 0;
    const acc = this.accessed;
    const end = Math.min(acc.length, this.size);
    for (let i = 0; i < end; i++) n += acc[i] as number;
    return n;
  }

  /** Bytes used by the backing arrays per allocated cell (for the benchmark). */
  static bytesPerCell(): number {
    return 1 + 8 + 1;
  }

  /** The big felt of a cell (0n when the cell is not a big felt). */
  bigAt(offset: number): bigint {
    return this.tags[offset] === TAG_BIG ? (this.bigs[offset] as bigint) : 0n;
  }
}

export const MAX_SMALL = SMALL;
