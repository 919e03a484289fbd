import { P } from '@starling/felt';

/**
 * Cell encoding. A cell is (tag, num, big):
 * - TAG_INT: the felt is the small integer `num` (|num| < SMALL); negative n means P + n, so
 *   felts near P (like -1) stay on the fast path and additions need no reduction.
 * - TAG_BIG: the felt is the bigint stored beside the cell (always in [0, P) and not small).
 * - TAG_REL: a pointer, `num` = segment * 2^32 + offset (segment may be negative: temporary).
 */
export const TAG_EMPTY = 0;
export const TAG_INT = 1;
export const TAG_BIG = 2;
export const TAG_REL = 3;

export const SMALL = 2 ** 52;
export const SEG_SHIFT = 2 ** 32;
const SMALL_N = BigInt(SMALL);
/** x > P_MINUS_SMALL ⇔ P − x < SMALL (compared without allocating P − x). */
const P_MINUS_SMALL = P - SMALL_N;

/** Packs a pointer into one number. */
export function packRel(segment: number, offset: number): number {
  return segment * SEG_SHIFT + offset;
}

export function relSegment(packed: number): number {
  return Math.floor(packed / SEG_SHIFT);
}

export function relOffset(packed: number): number {
  return packed - Math.floor(packed / SEG_SHIFT) * SEG_SHIFT;
}

/** The felt of a small cell as a bigint in [0, P). */
export function smallToBig(n: number): bigint {
  return n >= 0 ? BigInt(n) : P + BigInt(n);
}

/** Scratch result of the normalizing helpers (avoids allocating a tuple per call). */
export const scratch = { tag: 0, num: 0, big: 0n };

/** Normalizes a reduced felt x in [0, P) into scratch (small fast form when possible). */
export function normalizeBig(x: bigint): void {
  if (x < SMALL_N) {
    scratch.tag = TAG_INT;
    scratch.num = Number(x);
    scratch.big = 0n;
  } else if (x > P_MINUS_SMALL) {
    scratch.tag = TAG_INT;
    scratch.num = -Number(P - x);
    scratch.big = 0n;
  } else {
    scratch.tag = TAG_BIG;
    scratch.num = 0;
    scratch.big = x;
  }
}

/** Reduces any integer mod P and normalizes it into scratch. */
export function normalizeAny(x: bigint): void {
  let r = x % P;
  if (r < 0n) r += P;
  normalizeBig(r);
}
