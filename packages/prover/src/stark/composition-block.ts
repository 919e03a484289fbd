import { type FastField, inv, P, pow, rootOfUnity } from '@starling/felt';
import { ProverError } from '../errors.js';
import type { Air } from './air.js';
import { BlockOps, type BlockProgram } from './block-ops.js';
import type { SubCosetSource } from './composition-eval.js';
import { cosetShift } from './lde-kernel.js';
import { LIMBS } from './vec-field.js';

/** Rows per block: a register is 4 KiB, so one block's registers stay near the cache. */
const ROWS = 128;
/** Rows per batch inversion of the boundary factors (a multiple of ROWS). */
const SUPER = 4096;
const BYTES = 32;
/** Registers one block may allocate (the Cairo CPU program uses a few hundred). */
const REGISTERS = 2048;

/**
 * Loads rows [i0, i0 + rows + maxOff) (mod n) of every column of sub-coset k into the frame area and
 * converts them to Montgomery form in one kernel call.
 */
function loadFrame(
  f: FastField,
  cols: readonly Uint32Array[],
  frame: number,
  span: number,
  n: number,
  k: number,
  i0: number,
): void {
  const u32 = f.mem.u32;
  const base = k * n;
  for (let c = 0; c < cols.length; c++) {
    const src = cols[c]!;
    const dst = (frame >>> 2) + c * span * LIMBS;
    const direct = Math.min(span, n - i0);
    u32.set(src.subarray((base + i0) * LIMBS, (base + i0 + direct) * LIMBS), dst);
    if (direct < span)
      u32.set(src.subarray(base * LIMBS, (base + span - direct) * LIMBS), dst + direct * LIMBS);
  }
  f.kernels.vecToMont(frame, frame, cols.length * span);
}

/**
 * H on rows [from, to) of LDE sub-coset k = m·blowup/D', like `evaluateRows`, with the constraints
 * written as a block program over the felt WASM kernels (ROWS rows per kernel call) instead of BigInt
 * per row. Same values, so the same proof.
 */
/**
 * What both row evaluators need on LDE sub-coset k = m·blowup/D': k, its shift, ω_n, 1/Z_all (x^n is
 * the same on the whole sub-coset) and ω^(n−1); the AIR's mask offsets must lie within one trace.
 */
export function subCosetSetup(air: Air, blowup: number, m: number, Dp: number) {
  const n = air.traceLength;
  const k = (m * blowup) / Dp;
  const shift = cosetShift(k, n * blowup);
  const omega = rootOfUnity(Math.log2(n));
  if (air.maskOffsets.some((o) => o < 0 || o >= n))
    throw new ProverError('INVALID_OPTIONS', 'mask offsets must lie in [0, traceLength)');
  return {
    k,
    shift,
    omega,
    zAllInv: inv((pow(shift, BigInt(n)) - 1n + P) % P),
    lastRow: pow(omega, BigInt(n - 1)),
  };
}

export function evaluateRowsBlock(
  air: Air,
  program: BlockProgram,
  f: FastField,
  ldes: readonly SubCosetSource[],
  m: number,
  Dp: number,
  challenges: readonly bigint[],
  alphas: readonly bigint[],
  from: number,
  to: number,
  values: Uint32Array,
): void {
  const n = air.traceLength;
  const { k, shift, omega, zAllInv, lastRow } = subCosetSetup(air, ldes[0]!.blowup, m, Dp);
  const offsets = air.maskOffsets;
  const maxOff = Math.max(...offsets);
  const cols = ldes.flatMap((l) => l.values);
  const span = ROWS + maxOff;
  // Domain of each constraint: 0 = all, 1 = transition, 2 + j = boundary row rows[j].
  const rows: number[] = [];
  const domainOf = air.constraints.map((c) => {
    if (c.domain === 'all') return 0;
    if (c.domain === 'transition') return 1;
    let j = rows.indexOf(c.domain.row);
    if (j < 0) j = rows.push(c.domain.row) - 1;
    return 2 + j;
  });
  const rowPoints = rows.map((r) => pow(omega, BigInt(r)));

  // Memory: frame, ω^i table, a super-block's x and boundary inverses, inversion scratch, the registers.
  // The inverses 1/(x − ω^r) take one batch inversion per SUPER rows (a field inversion costs far more
  // than a block's products).
  const sup = Math.min(SUPER, Math.ceil((to - from) / ROWS) * ROWS);
  const frame = f.base;
  const wPow = frame + cols.length * span * BYTES;
  const xs = wPow + sup * BYTES;
  const invs = xs + sup * BYTES;
  const scratch = invs + rows.length * sup * BYTES;
  const sPtr = scratch + sup * BYTES;
  const ops = new BlockOps(f, ROWS);
  ops.layout(sPtr + BYTES, REGISTERS);
  f.writeMont(sPtr, omega);
  f.kernels.powers(wPow, sPtr, sup);
  const kern = f.kernels;
  const acc = new Array<number>(2 + rows.length).fill(-1);
  ops.col = (c, o) => frame + (c * span + offsets[o]!) * BYTES;
  ops.emit = (i, v) => {
    const d = domainOf[i]!;
    const t = ops.scale(v, alphas[i]!);
    acc[d] = acc[d]! < 0 ? t : ops.add(acc[d]!, t);
  };
  const start = ops.mark();
  const stepW = pow(omega, BigInt(sup));
  let s = (shift * pow(omega, BigInt(from))) % P;
  for (let i0 = from; i0 < to; i0 += ROWS) {
    const o = (i0 - from) % sup;
    if (o === 0) {
      // x_i = shift·ω^(i0+i) for the next sup rows, and 1/(x_i − ω^r) for each boundary row r.
      f.writeMont(sPtr, s);
      kern.vecScale(xs, wPow, sPtr, sup);
      s = (s * stepW) % P;
      for (let j = 0; j < rows.length; j++) {
        const inv = invs + j * sup * BYTES;
        f.writeMont(sPtr, rowPoints[j]!);
        for (let r = 0; r < sup; r++)
          f.mem.u32.copyWithin((inv >>> 2) + r * LIMBS, sPtr >>> 2, (sPtr >>> 2) + LIMBS);
        kern.vecSub(inv, xs, inv, sup);
        if (kern.vecBatchInv(inv, inv, sup, scratch) >= 0)
          throw new ProverError('INVALID_OPTIONS', 'a coset point lies on the trace domain');
      }
    }
    ops.release(start);
    acc.fill(-1);
    loadFrame(f, cols, frame, span, n, k, i0);
    program(ops, challenges);
    const xPtr = xs + o * BYTES;
    let h = acc[0]! < 0 ? ops.konst(0n) : acc[0]!;
    if (acc[1]! >= 0) h = ops.add(h, ops.mul(acc[1]!, ops.subK(xPtr, lastRow)));
    h = ops.scale(h, zAllInv);
    for (let j = 0; j < rows.length; j++) {
      const a = acc[2 + j]!;
      if (a >= 0) h = ops.add(h, ops.mul(a, invs + (j * sup + o) * BYTES));
    }
    kern.vecFromMont(h, h, ROWS);
    const u32 = f.mem.u32;
    const count = Math.min(ROWS, to - i0);
    for (let r = 0; r < count; r++) {
      const o = (m + Dp * (i0 + r)) * LIMBS;
      const q = (h >>> 2) + r * LIMBS;
      for (let l = 0; l < LIMBS; l++) values[o + l] = u32[q + l]!;
    }
  }
}
