// Fixed-base comb tables: window i of w bits holds d·2^(w·i)·B for d = 1 … 2^w − 1 (affine), so k·B
// costs one mixed addition per non-zero window and no doublings.
import { FELT_BYTES, fieldCopy } from '../../felt/assembly/field';
import { vecBatchInv } from '../../felt/assembly/vector';
import { AFFINE_BYTES, JAC_BYTES, jacAddAffine, jacFromAffine, jacToAffineWith } from './curve';

/** Largest window the builder supports. */
export const MAX_WINDOW_BITS = 11;
const MAX_ENTRIES: usize = 1 << MAX_WINDOW_BITS;
/** Points the build scratch holds: one window of the largest table plus the next window's base. */
export const BUILD_SCRATCH_ENTRIES: usize = MAX_ENTRIES + 1;
/** Scratch the builders need: BUILD_SCRATCH_ENTRIES Jacobian points and twice as many elements. */
export const BUILD_SCRATCH_BYTES: usize = BUILD_SCRATCH_ENTRIES * (JAC_BYTES + 2 * FELT_BYTES);

/** Bytes of a table of `windows` windows of `bits` bits. */
export function tableBytes(windows: i32, bits: i32): usize {
  return <usize>windows * <usize>((1 << bits) - 1) * AFFINE_BYTES;
}

/**
 * Writes `windows` windows of `bits` bits for affine base b to dst: entry d − 1 of window w is
 * d·2^(bits·w)·b. Leaves 2^(bits·windows)·b in `next` (affine).
 */
export function buildWindows(dst: usize, b: usize, windows: i32, bits: i32, next: usize, work: usize): void {
  const entries = (1 << bits) - 1;
  const jac = work;
  const zs = work + BUILD_SCRATCH_ENTRIES * JAC_BYTES;
  const inv = zs + BUILD_SCRATCH_ENTRIES * FELT_BYTES;
  fieldCopy(next, b);
  fieldCopy(next + 32, b + 32);
  for (let w = 0; w < windows; w++) {
    // jac[d] = (d + 1)·base for d < entries; jac[entries] = 2^bits·base.
    jacFromAffine(jac, next);
    for (let d = 1; d <= entries; d++) {
      jacAddAffine(jac + <usize>d * JAC_BYTES, jac + <usize>(d - 1) * JAC_BYTES, next);
    }
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
 * acc += k'·B where k' is bits [0, bits) of the little-endian scalar at k, using B's table of
 * windows of w bits (w ≤ 24; the scalar's 32-byte slot must be followed by 3 readable bytes).
 */
export function combAdd(acc: usize, k: usize, table: usize, bits: i32, w: i32): void {
  const entries = (1 << w) - 1;
  const stride = <usize>entries * AFFINE_BYTES;
  let i = 0;
  for (let bit = 0; bit < bits; bit += w) {
    let d = (load<u32>(k + <usize>(bit >> 3)) >> (bit & 7)) & entries;
    if (bits - bit < w) d &= (1 << (bits - bit)) - 1;
    if (d !== 0) jacAddAffine(acc, acc, table + <usize>i * stride + <usize>(d - 1) * AFFINE_BYTES);
    i++;
  }
}

/** acc += k·B for k < 2^252: the low 248 bits from `low` (w-bit windows), bits 248…251 from `high`. */
export function combAdd252(acc: usize, k: usize, low: usize, w: i32, high: usize): void {
  combAdd(acc, k, low, 248, w);
  const top = <usize>(load<u8>(k + 31) & 0x0f);
  if (top !== 0) jacAddAffine(acc, acc, high + (top - 1) * AFFINE_BYTES);
}
