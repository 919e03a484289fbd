import { type FastField, FeltError } from '@starling/felt';
import { readCanonical, writeCanonical } from '../stark/vec-field.js';

/** Rows per chunk: the WASM scratch stays a few MiB whatever the trace length (its memory never shrinks). */
const CHUNK = 2048;
const BYTES = 32;

/** One permutation argument: per slot, the unsorted cell(s) and the sorted cell(s) (address, value?). */
export interface ProductSpec {
  slots: number;
  unsorted: (k: number) => readonly [number, number | null];
  sorted: (k: number) => readonly [number, number | null];
  z: bigint;
  alpha: bigint;
}

/**
 * Running products p_{r,k} = p_{prev}·(z − (a + α·v))/(z − (a' + α·v')) slot by slot within each row (row
 * order), on the felt WASM kernels: element-wise numerators and denominators, one batch inversion per
 * slot and chunk, and the sequential product as one Montgomery product per cell. Same values as the
 * BigInt construction.
 */
export function runningProductsWasm(
  f: FastField,
  main: readonly (readonly bigint[])[],
  spec: ProductSpec,
  n: number,
): bigint[][] {
  const { slots } = spec;
  const k = f.kernels;
  const C = Math.min(CHUNK, n);
  // Layout: numerators (slots·C), denominators (slots·C), scratch (C), two encode buffers (C each), z (C), α, 1.
  const num = f.base;
  const den = num + slots * C * BYTES;
  const scratch = den + slots * C * BYTES;
  const bufA = scratch + C * BYTES;
  const bufV = bufA + C * BYTES;
  const zVec = bufV + C * BYTES;
  const alphaPtr = zVec + C * BYTES;
  const accPtr = alphaPtr + BYTES;
  f.mem.ensure(accPtr + BYTES);
  f.writeMont(alphaPtr, spec.alpha);
  f.writeMont(zVec, spec.z);
  const u32 = f.mem.u32;
  for (let r = 1; r < C; r++) u32.copyWithin((zVec >>> 2) + r * 8, zVec >>> 2, (zVec >>> 2) + 8);
  f.writeMont(accPtr, 1n);
  const view = new BigUint64Array(u32.buffer);
  const out = Array.from({ length: slots }, () => new Array<bigint>(n));

  // z − (a + α·v) for rows [r0, r0 + m) of the given cells, into dst.
  const term = (dst: number, cells: readonly [number, number | null], r0: number, m: number) => {
    const load = (ptr: number, col: readonly bigint[]) => {
      const base = ptr >>> 5;
      for (let r = 0; r < m; r++) writeCanonical(view, base + r, col[r0 + r]!);
      k.vecToMont(ptr, ptr, m);
    };
    load(bufA, main[cells[0]]!);
    if (cells[1] !== null) {
      load(bufV, main[cells[1]]!);
      k.vecScale(bufV, bufV, alphaPtr, m);
      k.vecAdd(bufA, bufA, bufV, m);
    }
    k.vecSub(dst, zVec, bufA, m);
  };

  for (let r0 = 0; r0 < n; r0 += C) {
    const m = Math.min(C, n - r0);
    for (let s = 0; s < slots; s++) {
      const ns = num + s * C * BYTES;
      const ds = den + s * C * BYTES;
      term(ns, spec.unsorted(s), r0, m);
      term(ds, spec.sorted(s), r0, m);
      if (k.vecBatchInv(ds, ds, m, scratch) >= 0)
        throw new FeltError('DIVISION_BY_ZERO', 'a permutation denominator is zero');
      k.vecMul(ns, ns, ds, m);
    }
    // The sequential product, in row order: cell (r, s) follows (r, s − 1), and (r − 1, slots − 1).
    let prev = accPtr;
    for (let r = 0; r < m; r++) {
      for (let s = 0; s < slots; s++) {
        const p = num + (s * C + r) * BYTES;
        k.montMul(p, prev, p);
        prev = p;
      }
    }
    u32.copyWithin(accPtr >>> 2, prev >>> 2, (prev >>> 2) + 8);
    for (let s = 0; s < slots; s++) {
      const ns = num + s * C * BYTES;
      k.vecFromMont(ns, ns, m);
      const base = ns >>> 5;
      const col = out[s]!;
      for (let r = 0; r < m; r++) col[r0 + r] = readCanonical(view, base + r);
    }
  }
  return out;
}
