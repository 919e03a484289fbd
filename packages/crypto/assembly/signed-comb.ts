// Signed-digit comb tables: window i of a w-bit table holds d·2^(w·i)·B for d = 1 … 2^(w−1) only, and a
// digit in [−2^(w−1), 2^(w−1)] adds ±entry. Half the entries of an unsigned table of the same width, so
// a window one bit wider fits in the same memory: fewer windows, fewer additions per scalar.
import { FELT_BYTES, fieldCopy, fieldSub, fieldZero } from '../../felt/assembly/field';
import { vecBatchInv } from '../../felt/assembly/vector';
import { BUILD_SCRATCH_ENTRIES } from './comb';
import { AFFINE_BYTES, JAC_BYTES, jacAddAffine, jacDouble, jacFromAffine, jacToAffineWith } from './curve';

/** Bytes of a signed table of `windows` windows of `bits` bits. */
export function signedTableBytes(windows: i32, bits: i32): usize {
  return <usize>windows * ((<usize>1) << (<usize>(bits - 1))) * AFFINE_BYTES;
}

/**
 * Writes `windows` signed windows of `bits` bits (2^(bits−1) ≤ BUILD_SCRATCH_ENTRIES − 1) for affine
 * base b to dst, using `work` (comb.ts's BUILD_SCRATCH_BYTES). Leaves 2^(bits·windows)·b in `next`.
 */
export function buildSignedWindows(
  dst: usize,
  b: usize,
  windows: i32,
  bits: i32,
  next: usize,
  work: usize,
): void {
  const entries = 1 << (bits - 1);
  const jac = work;
  const zs = work + BUILD_SCRATCH_ENTRIES * JAC_BYTES;
  const inv = zs + BUILD_SCRATCH_ENTRIES * FELT_BYTES;
  fieldCopy(next, b);
  fieldCopy(next + 32, b + 32);
  for (let w = 0; w < windows; w++) {
    // jac[d] = (d + 1)·base for d < entries; jac[entries] = 2·entries·base = 2^bits·base.
    jacFromAffine(jac, next);
    for (let d = 1; d < entries; d++) {
      jacAddAffine(jac + <usize>d * JAC_BYTES, jac + <usize>(d - 1) * JAC_BYTES, next);
    }
    jacDouble(jac + <usize>entries * JAC_BYTES, jac + <usize>(entries - 1) * JAC_BYTES);
    for (let d = 0; d <= entries; d++) fieldCopy(zs + <usize>d * FELT_BYTES, jac + <usize>d * JAC_BYTES + 64);
    vecBatchInv(zs, zs, entries + 1, inv);
    const out = dst + <usize>w * <usize>entries * AFFINE_BYTES;
    for (let d = 0; d < entries; d++) {
      jacToAffineWith(out + <usize>d * AFFINE_BYTES, jac + <usize>d * JAC_BYTES, zs + <usize>d * FELT_BYTES);
    }
    jacToAffineWith(next, jac + <usize>entries * JAC_BYTES, zs + <usize>entries * FELT_BYTES);
  }
}

/**
 * The signed digit of window i (w bits) of the low `bits` bits of the little-endian scalar at k, given
 * the carry out of window i − 1 (in `carryIn`). Returns the digit in [−2^(w−1), 2^(w−1)]; the carry out
 * is read with lastCarry(). The scalar's 32-byte slot must be followed by 3 readable bytes.
 */
export function signedDigit(k: usize, i: i32, w: i32, bits: i32, carryIn: i32): i32 {
  const bit = i * w;
  let d = <i32>((load<u32>(k + <usize>(bit >> 3)) >> (bit & 7)) & ((1 << w) - 1));
  if (bits - bit < w) d &= (1 << (bits - bit)) - 1;
  d += carryIn;
  if (d > 1 << (w - 1)) {
    carry = 1;
    return d - (1 << w);
  }
  carry = 0;
  return d;
}

let carry: i32 = 0;

/** The carry out of the last signedDigit call. */
export function lastCarry(): i32 {
  return carry;
}

const NEG = memory.data(64, 32);

/** r = −q for affine q (y → p − y). */
export function affineNeg(r: usize, q: usize): void {
  fieldCopy(r, q);
  fieldZero(r + 32);
  fieldSub(r + 32, r + 32, q + 32);
}

/**
 * acc += k'·B where k' is the low `bits` bits of the scalar at k (bits ≤ w·windows, with the top
 * window's digit never carrying out), from B's signed table of w-bit windows.
 */
export function combAddSigned(acc: usize, k: usize, table: usize, bits: i32, w: i32): void {
  const stride = ((<usize>1) << (<usize>(w - 1))) * AFFINE_BYTES;
  let c = 0;
  for (let i = 0; i * w < bits; i++) {
    const d = signedDigit(k, i, w, bits, c);
    c = carry;
    if (d > 0) {
      jacAddAffine(acc, acc, table + <usize>i * stride + <usize>(d - 1) * AFFINE_BYTES);
    } else if (d < 0) {
      affineNeg(NEG, table + <usize>i * stride + <usize>(-d - 1) * AFFINE_BYTES);
      jacAddAffine(acc, acc, NEG);
    }
  }
}
