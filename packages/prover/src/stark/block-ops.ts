import type { FastField } from '@starling/felt';
import { ProverError } from '../errors.js';

/** Bytes per element in the felt WASM memory. */
const BYTES = 32;

/**
 * Vector registers over blocks of `rows` trace rows in the felt WASM memory (Montgomery form): a
 * constraint program writes each numerator as a few element-wise kernel calls over the whole block
 * instead of one BigInt expression per row. Registers are bump-allocated and live until `reset`.
 */
export class BlockOps {
  readonly rows: number;
  private readonly bytes: number;
  private next = 0;
  private end = 0;
  /** Constants and scalars live in their own area, after the registers. */
  private cnext = 0;
  private cend = 0;
  private readonly constants = new Map<bigint, number>();
  private readonly scalars = new Map<bigint, number>();
  /** Pointer of column c at mask offset index o (set by the caller for each block). */
  col: (c: number, o: number) => number = () => {
    throw new ProverError('INVALID_TRACE', 'block columns are not loaded');
  };
  /** Receives constraint i's numerator (set by the caller). */
  emit: (i: number, v: number) => void = () => {};

  constructor(
    readonly f: FastField,
    rows: number,
  ) {
    this.rows = rows;
    this.bytes = rows * BYTES;
  }

  /**
   * Lays out `registers` registers from byte `start`, then room for `constants` constant registers and
   * `scalars` scalars; returns the first byte after them. Constants and scalars are written again after
   * each layout (other callers reuse this memory between calls).
   */
  layout(start: number, registers: number, constants = 64, scalars = 512): number {
    this.constants.clear();
    this.scalars.clear();
    this.next = start;
    this.end = start + registers * this.bytes;
    this.cnext = this.end;
    this.cend = this.cnext + constants * this.bytes + scalars * BYTES;
    this.f.mem.ensure(this.cend);
    return this.cend;
  }

  /** Frees every register allocated since `mark()` returned `at`. */
  release(at: number): void {
    this.next = at;
  }

  /** The allocation point (for `release`). */
  mark(): number {
    return this.next;
  }

  /** A fresh register. */
  alloc(): number {
    const p = this.next;
    this.next += this.bytes;
    if (this.next > this.end) throw new ProverError('INVALID_OPTIONS', 'block register area exhausted');
    return p;
  }

  /** Allocates `count` elements in the constant area. */
  private allocConstant(count: number): number {
    const p = this.cnext;
    this.cnext += count * BYTES;
    if (this.cnext > this.cend) throw new ProverError('INVALID_OPTIONS', 'block constant area exhausted');
    return p;
  }

  /** A register holding the canonical constant x in every row (kept until `layout`). */
  konst(x: bigint): number {
    let p = this.constants.get(x);
    if (p === undefined) {
      p = this.allocConstant(this.rows);
      this.f.writeMont(p, x);
      const u32 = this.f.mem.u32;
      const w = p >>> 2;
      for (let r = 1; r < this.rows; r++) u32.copyWithin(w + r * 8, w, w + 8);
      this.constants.set(x, p);
    }
    return p;
  }

  /** Pointer of one element holding canonical x (kept until `layout`). */
  scalar(x: bigint): number {
    let p = this.scalars.get(x);
    if (p === undefined) {
      p = this.allocConstant(1);
      this.f.writeMont(p, x);
      this.scalars.set(x, p);
    }
    return p;
  }

  add(a: number, b: number): number {
    const r = this.alloc();
    this.f.kernels.vecAdd(r, a, b, this.rows);
    return r;
  }

  sub(a: number, b: number): number {
    const r = this.alloc();
    this.f.kernels.vecSub(r, a, b, this.rows);
    return r;
  }

  mul(a: number, b: number): number {
    const r = this.alloc();
    this.f.kernels.vecMul(r, a, b, this.rows);
    return r;
  }

  /** a·s for a canonical scalar s. */
  scale(a: number, s: bigint): number {
    const r = this.alloc();
    this.f.kernels.vecScale(r, a, this.scalar(s), this.rows);
    return r;
  }

  addK(a: number, k: bigint): number {
    return this.add(a, this.konst(k));
  }

  subK(a: number, k: bigint): number {
    return this.sub(a, this.konst(k));
  }

  /** k − a. */
  kSub(k: bigint, a: number): number {
    return this.sub(this.konst(k), a);
  }

  /** a·(a − 1): zero exactly on bits. */
  bit(a: number): number {
    return this.mul(a, this.subK(a, 1n));
  }
}

/** A constraint program: writes every numerator of an AIR (in `constraints` order) through `e.emit`. */
export type BlockProgram = (e: BlockOps, challenges: readonly bigint[]) => void;
