// Radix-2 number-theoretic transform over Montgomery-form arrays, in place, natural order in and out.
import { FELT_BYTES, fieldAdd, fieldCopy, fieldOne, fieldSub, montMul } from './field';

function swap(a: usize, b: usize): void {
  for (let k: usize = 0; k < 32; k += 8) {
    const t = load<u64>(a + k);
    store<u64>(a + k, load<u64>(b + k));
    store<u64>(b + k, t);
  }
}

/** r[i] = g^i for i < n. */
export function powers(r: usize, g: usize, n: i32): void {
  if (n === 0) return;
  fieldOne(r);
  for (let i = 1; i < n; i++) {
    const o = <usize>i * FELT_BYTES;
    montMul(r + o, r + o - FELT_BYTES, g);
  }
}

/** a[i] *= g^i: moves coefficients to the coset g·H (or back with g^−1). */
export function mulPowers(a: usize, g: usize, n: i32): void {
  const w = memory.data(32, 32);
  fieldCopy(w, g);
  for (let i = 1; i < n; i++) {
    const o = <usize>i * FELT_BYTES;
    montMul(a + o, a + o, w);
    if (i + 1 < n) montMul(w, w, g);
  }
}

/** Bit-reversal permutation of 2^logN elements. */
export function bitReverse(a: usize, logN: i32): void {
  const n = 1 << logN;
  let j = 0;
  for (let i = 1; i < n; i++) {
    let bit = n >> 1;
    while (j & bit) {
      j ^= bit;
      bit >>= 1;
    }
    j |= bit;
    if (i < j) swap(a + <usize>i * FELT_BYTES, a + <usize>j * FELT_BYTES);
  }
}

/**
 * Forward (inverse = false) or unscaled inverse NTT of 2^logN elements; tw holds ω^k for k < n/2,
 * ω a primitive n-th root. The inverse uses ω^−k = −ω^(n/2−k), so one table serves both.
 */
export function ntt(a: usize, logN: i32, tw: usize, inverse: bool): void {
  const n = 1 << logN;
  bitReverse(a, logN);
  const v = memory.data(32, 32);
  const half_n = n >> 1;
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const step = n / len;
    for (let start = 0; start < n; start += len) {
      const lo = a + <usize>start * FELT_BYTES;
      const hi = lo + <usize>half * FELT_BYTES;
      // j = 0: twiddle 1.
      fieldCopy(v, hi);
      fieldSub(hi, lo, v);
      fieldAdd(lo, lo, v);
      for (let j = 1; j < half; j++) {
        const k = j * step;
        const x = lo + <usize>j * FELT_BYTES;
        const y = hi + <usize>j * FELT_BYTES;
        if (inverse) {
          montMul(v, y, tw + <usize>(half_n - k) * FELT_BYTES);
          fieldAdd(y, x, v);
          fieldSub(x, x, v);
        } else {
          montMul(v, y, tw + <usize>k * FELT_BYTES);
          fieldSub(y, x, v);
          fieldAdd(x, x, v);
        }
      }
    }
  }
}
