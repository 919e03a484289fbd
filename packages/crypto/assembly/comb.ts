// Fixed-base comb tables for 252-bit scalars: 31 windows of 8 bits (255 affine multiples each) and one
// window for the top 4 bits (15 multiples). k·B is then at most 32 mixed additions and no doublings.
import { FELT_BYTES, fieldCopy } from '../../felt/assembly/field';
import { vecBatchInv } from '../../felt/assembly/vector';
import { AFFINE_BYTES, JAC_BYTES, jacAddAffine, jacFromAffine, jacToAffineWith } from './curve';

export const LOW_WINDOWS = 31;
export const LOW_TABLE_BYTES: usize = <usize>LOW_WINDOWS * 255 * AFFINE_BYTES;
export const HIGH_TABLE_BYTES: usize = 15 * AFFINE_BYTES;
/** Scratch the builder needs: 256 Jacobian points and 2 × 256 elements. */
export const BUILD_SCRATCH_BYTES: usize = 256 * JAC_BYTES + 512 * FELT_BYTES;

/**
 * Writes `windows` windows of `bits` bits for affine base b to dst: entry d − 1 of window w is
 * d·2^(bits·w)·b. Leaves 2^(bits·windows)·b in `next` (affine).
 */
export function buildWindows(dst: usize, b: usize, windows: i32, bits: i32, next: usize, work: usize): void {
  const entries = (1 << bits) - 1;
  const jac = work;
  const zs = work + 256 * JAC_BYTES;
  const inv = zs + 256 * FELT_BYTES;
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

/** acc += k·B for a canonical scalar k < 2^252 (little-endian bytes at k), using B's comb tables. */
export function combAdd(acc: usize, k: usize, low: usize, high: usize): void {
  for (let i = 0; i < LOW_WINDOWS; i++) {
    const d = <usize>load<u8>(k + <usize>i);
    if (d !== 0) jacAddAffine(acc, acc, low + (<usize>i * 255 + d - 1) * AFFINE_BYTES);
  }
  const top = <usize>(load<u8>(k + 31) & 0x0f);
  if (top !== 0) jacAddAffine(acc, acc, high + (top - 1) * AFFINE_BYTES);
}
