// Element-wise operations over arrays of n Montgomery-form elements (32 bytes each, contiguous).
import {
  FELT_BYTES,
  fieldAdd,
  fieldCopy,
  fieldInv,
  fieldIsZero,
  fieldSub,
  fromMont,
  montMul,
  montMulVec,
  montSqr,
  toMont,
} from './field';

/** r[i] = a[i] + b[i]. */
export function vecAdd(r: usize, a: usize, b: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i * FELT_BYTES;
    fieldAdd(r + o, a + o, b + o);
  }
}

/** r[i] = a[i] − b[i]. */
export function vecSub(r: usize, a: usize, b: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i * FELT_BYTES;
    fieldSub(r + o, a + o, b + o);
  }
}

/** r[i] = a[i]·b[i]. */
export function vecMul(r: usize, a: usize, b: usize, n: i32): void {
  montMulVec(r, a, b, n);
}

/** r[i] = a[i]². */
export function vecSqr(r: usize, a: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i * FELT_BYTES;
    montSqr(r + o, a + o);
  }
}

/** r[i] = a[i]·s for one element s. */
export function vecScale(r: usize, a: usize, s: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i * FELT_BYTES;
    montMul(r + o, a + o, s);
  }
}

/** r[i] = a[i]·R: canonical → Montgomery form. */
export function vecToMont(r: usize, a: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i * FELT_BYTES;
    toMont(r + o, a + o);
  }
}

/** r[i] = a[i]/R: Montgomery → canonical form. */
export function vecFromMont(r: usize, a: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i * FELT_BYTES;
    fromMont(r + o, a + o);
  }
}

/**
 * r[i] = a[i]^−1 with one inversion (Montgomery's trick); `scratch` holds n elements.
 * Returns the index of the first zero (leaving r unspecified), or −1. r may alias a.
 */
export function vecBatchInv(r: usize, a: usize, n: i32, scratch: usize): i32 {
  if (n === 0) return -1;
  const acc = memory.data(32, 32);
  const t = memory.data(32, 32);
  fieldCopy(acc, a);
  for (let i = 0; i < n; i++) {
    const o = <usize>i * FELT_BYTES;
    if (fieldIsZero(a + o)) return i;
    if (i === 0) fieldCopy(scratch, a);
    else montMul(scratch + o, scratch + o - FELT_BYTES, a + o);
  }
  // acc = (a0·…·a_{n−1})^−1, then walk back.
  fieldInv(acc, scratch + <usize>(n - 1) * FELT_BYTES);
  for (let i = n - 1; i > 0; i--) {
    const o = <usize>i * FELT_BYTES;
    montMul(t, acc, scratch + o - FELT_BYTES);
    montMul(acc, acc, a + o);
    fieldCopy(r + o, t);
  }
  fieldCopy(r, acc);
  return -1;
}
