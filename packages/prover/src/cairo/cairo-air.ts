import { threadId } from 'node:worker_threads';
import { inv, P } from '@starling/felt';
import type { Air, AirRecipe, ConstraintDomain, ConstraintSpec } from '../stark/air.js';
import type { BlockProgram } from '../stark/block-ops.js';
import { cairoBlockProgram } from './cairo-block.js';
import { FLAG, NUM_FLAGS } from './instruction.js';
import { CairoLayout, COL } from './layout.js';
import { type CairoPublicInput, publicInputBytes } from './public-input.js';
import { buildCairoAux } from './trace-aux.js';

/** Identifier of this layout, bound into every proof. */
export const CAIRO_AIR_ID = 'starling-cairo-v1';

const B = 1n << 15n;
const md = (x: bigint) => {
  const r = x % P;
  return r < 0n ? r + P : r;
};
// evaluate() leaves numerators unreduced (any integer ≡ the value mod p); callers reduce once.

function constraintList(n: number, layout: CairoLayout): ConstraintSpec[] {
  const MEM_SLOTS = layout.memSlots;
  const RC_SLOTS = layout.rcSlots;
  const out: ConstraintSpec[] = [];
  const add = (group: string, name: string, domain: ConstraintDomain = 'all') =>
    out.push({ group, name, domain });
  for (let i = 0; i < NUM_FLAGS; i++) add('cpu/decode', `flag${i}-bit`);
  add('cpu/decode', 'instruction');
  add('cpu/operands', 'dst-addr');
  add('cpu/operands', 'op0-addr');
  add('cpu/operands', 'op1-addr');
  add('cpu/operands', 'mul');
  add('cpu/operands', 'res');
  add('cpu/update', 't0');
  add('cpu/update', 't1');
  add('cpu/update', 'pc-cond-negative', 'transition');
  add('cpu/update', 'pc-cond-positive', 'transition');
  add('cpu/update', 'ap', 'transition');
  add('cpu/update', 'fp', 'transition');
  add('cpu/opcodes', 'call-push-fp');
  add('cpu/opcodes', 'call-push-pc');
  add('cpu/opcodes', 'call-off-dst');
  add('cpu/opcodes', 'call-off-op0');
  add('cpu/opcodes', 'call-flags');
  add('cpu/opcodes', 'ret-off-dst');
  add('cpu/opcodes', 'ret-off-op1');
  add('cpu/opcodes', 'ret-flags');
  add('cpu/opcodes', 'assert-eq');
  add('cpu/boundary', 'initial-pc', { row: 0 });
  add('cpu/boundary', 'initial-ap', { row: 0 });
  add('cpu/boundary', 'initial-fp', { row: 0 });
  add('cpu/boundary', 'final-pc', { row: n - 1 });
  add('cpu/boundary', 'final-ap', { row: n - 1 });
  for (let k = 0; k + 1 < MEM_SLOTS; k++) {
    add('memory', `continuity-${k}`);
    add('memory', `single-value-${k}`);
  }
  add('memory', 'continuity-row', 'transition');
  add('memory', 'single-value-row', 'transition');
  add('memory', 'first-address', { row: 0 });
  add('memory', 'first-value', { row: 0 });
  add('memory', 'permutation-start', { row: 0 });
  add('memory', 'permutation-row', 'transition');
  for (let k = 1; k < MEM_SLOTS; k++) add('memory', `permutation-${k}`);
  add('memory', 'public-memory', { row: n - 1 });
  for (let k = 0; k + 1 < RC_SLOTS; k++) add('range-check', `continuity-${k}`);
  add('range-check', 'continuity-row', 'transition');
  add('range-check', 'min', { row: 0 });
  add('range-check', 'max', { row: n - 1 });
  add('range-check', 'permutation-start', { row: 0 });
  add('range-check', 'permutation-row', 'transition');
  for (let k = 1; k < RC_SLOTS; k++) add('range-check', `permutation-${k}`);
  add('range-check', 'final', { row: n - 1 });
  for (const b of layout.builtins) out.push(...b.constraints(n));
  return out;
}

/** z^|PM| / ∏ (z − (a + α·v)) over the public memory: the memory product's final value. */
export function publicMemoryProduct(pub: CairoPublicInput, z: bigint, alpha: bigint): bigint {
  let num = 1n;
  let den = 1n;
  for (const c of pub.publicMemory) {
    num = (num * z) % P;
    den = (den * md(z - BigInt(c.address) - alpha * c.value)) % P;
  }
  return (num * inv(den)) % P;
}

let recipeCounter = 0;

/** The Cairo CPU AIR (one row per step) with memory and 16-bit range-check arguments. */
export class CairoAir implements Air {
  readonly id: string;
  readonly layout: CairoLayout;
  readonly mainWidth: number;
  readonly auxWidth: number;
  /** z and α for memory, z for range checks. */
  readonly numChallenges = 3;
  readonly maskOffsets = [0, 1];
  readonly maxDegree: number;
  readonly constraints: ConstraintSpec[];
  readonly periodicColumns: bigint[][];
  private pmCache: { z: bigint; alpha: bigint; value: bigint } | null = null;

  constructor(
    readonly publicInput: CairoPublicInput,
    readonly traceLength: number,
  ) {
    this.layout = new CairoLayout(publicInput);
    this.id = `${CAIRO_AIR_ID}/${this.layout.tag}`;
    this.mainWidth = this.layout.mainWidth;
    this.auxWidth = this.layout.auxWidth;
    this.maxDegree = this.layout.maxDegree;
    this.constraints = constraintList(traceLength, this.layout);
    this.periodicColumns = this.layout.periodicColumns;
  }

  publicInputBytes(): Uint8Array {
    return publicInputBytes(this.publicInput);
  }

  private recipe: AirRecipe | null = null;

  /** Only a plain CairoAir (not a derived object overriding `evaluate`) can be rebuilt from its input. */
  workerRecipe(): AirRecipe | null {
    if (Object.getPrototypeOf(this) !== CairoAir.prototype) return null;
    this.recipe ??= {
      kind: 'cairo',
      key: `cairo/${threadId}/${++recipeCounter}`,
      args: { publicInput: this.publicInput, traceLength: this.traceLength },
    };
    return this.recipe;
  }

  private block: BlockProgram | null | undefined;

  /** Only a plain CairoAir without builtins has one (a derived object may override `evaluate`). */
  blockProgram(): BlockProgram | null {
    if (Object.getPrototypeOf(this) !== CairoAir.prototype) return null;
    this.block ??= cairoBlockProgram(this.layout, this.publicInput, (z, alpha) => this.pmProduct(z, alpha));
    return this.block;
  }

  buildAux(main: readonly (readonly bigint[])[], challenges: readonly bigint[]): bigint[][] {
    return buildCairoAux(this.layout, main, challenges, this.traceLength);
  }

  private pmProduct(z: bigint, alpha: bigint): bigint {
    const c = this.pmCache;
    if (c && c.z === z && c.alpha === alpha) return c.value;
    const value = publicMemoryProduct(this.publicInput, z, alpha);
    this.pmCache = { z, alpha, value };
    return value;
  }

  evaluate(
    frame: readonly (readonly bigint[])[],
    periodic: readonly bigint[],
    ch: readonly bigint[],
    out: bigint[],
  ): void {
    const c = frame[0]!;
    const nx = frame[1]!;
    const pub = this.publicInput;
    const L = this.layout;
    const MEM_SLOTS = L.memSlots;
    const RC_SLOTS = L.rcSlots;
    const f = (i: number) => c[COL.FLAG0 + i]!;
    const pc = c[COL.PC]!;
    const ap = c[COL.AP]!;
    const fp = c[COL.FP]!;
    const offDst = c[COL.OFF_DST]!;
    const offOp0 = c[COL.OFF_OP0]!;
    const offOp1 = c[COL.OFF_OP1]!;
    const dst = c[COL.DST]!;
    const op0 = c[COL.OP0]!;
    const op1 = c[COL.OP1]!;
    const res = c[COL.RES]!;
    const t0 = c[COL.T0]!;
    const f0 = f(FLAG.DST_REG);
    const f1 = f(FLAG.OP0_REG);
    const f2 = f(FLAG.OP1_IMM);
    const f3 = f(FLAG.OP1_FP);
    const f4 = f(FLAG.OP1_AP);
    const f5 = f(FLAG.RES_ADD);
    const f6 = f(FLAG.RES_MUL);
    const f7 = f(FLAG.PC_JUMP_ABS);
    const f8 = f(FLAG.PC_JUMP_REL);
    const f9 = f(FLAG.PC_JNZ);
    const f10 = f(FLAG.AP_ADD);
    const f11 = f(FLAG.AP_ADD1);
    const f12 = f(FLAG.OPCODE_CALL);
    const f13 = f(FLAG.OPCODE_RET);
    const f14 = f(FLAG.OPCODE_ASSERT_EQ);
    let i = 0;
    let flagWord = 0n;
    for (let k = 0; k < NUM_FLAGS; k++) {
      const fk = f(k);
      out[i++] = fk * (fk - 1n);
      flagWord += fk << BigInt(k);
    }
    out[i++] = c[COL.INST]! - (offDst + (offOp0 << 16n) + (offOp1 << 32n) + (flagWord << 48n));
    // Operands.
    out[i++] = c[COL.DST_ADDR]! - (f0 * fp + (1n - f0) * ap + offDst - B);
    out[i++] = c[COL.OP0_ADDR]! - (f1 * fp + (1n - f1) * ap + offOp0 - B);
    out[i++] = c[COL.OP1_ADDR]! - (f2 * pc + f3 * fp + f4 * ap + (1n - f2 - f3 - f4) * op0 + offOp1 - B);
    out[i++] = c[COL.MUL]! - op0 * op1;
    out[i++] = (1n - f9) * res - (f5 * (op0 + op1) + f6 * c[COL.MUL]! + (1n - f5 - f6 - f9) * op1);
    // Register updates.
    const instSize = f2 + 1n;
    const pcN = nx[COL.PC]!;
    out[i++] = t0 - f9 * dst;
    out[i++] = c[COL.T1]! - t0 * res;
    out[i++] =
      (1n - f9) * pcN +
      t0 * (pcN - (pc + op1)) -
      ((1n - f7 - f8 - f9) * (pc + instSize) + f7 * res + f8 * (pc + res));
    out[i++] = (c[COL.T1]! - f9) * (pcN - (pc + instSize));
    out[i++] = nx[COL.AP]! - (ap + f10 * res + f11 + 2n * f12);
    out[i++] = nx[COL.FP]! - (f13 * dst + f12 * (ap + 2n) + (1n - f13 - f12) * fp);
    // Opcodes.
    out[i++] = f12 * (dst - fp);
    out[i++] = f12 * (op0 - (pc + instSize));
    out[i++] = f12 * (offDst - B);
    out[i++] = f12 * (offOp0 - B - 1n);
    out[i++] = f12 * (f0 + f1 + f10 + f11);
    out[i++] = f13 * (offDst - B + 2n);
    out[i++] = f13 * (offOp1 - B + 1n);
    out[i++] = f13 * (f7 + f0 + f3 + 1n - f5 - f6 - f9 - 4n);
    out[i++] = f14 * (res - dst);
    // Boundary.
    out[i++] = pc - BigInt(pub.initialPc);
    out[i++] = ap - BigInt(pub.initialAp);
    out[i++] = fp - BigInt(pub.initialAp);
    out[i++] = pc - BigInt(pub.finalPc);
    out[i++] = ap - BigInt(pub.finalAp);
    // Memory: sorted pairs are continuous and single-valued.
    const S = L.sortedMem;
    for (let k = 0; k + 1 < MEM_SLOTS; k++) {
      const da = c[S + 2 * k + 2]! - c[S + 2 * k]!;
      const dv = c[S + 2 * k + 3]! - c[S + 2 * k + 1]!;
      out[i++] = da * (da - 1n);
      out[i++] = dv * (da - 1n);
    }
    {
      const da = nx[S]! - c[S + 2 * MEM_SLOTS - 2]!;
      const dv = nx[S + 1]! - c[S + 2 * MEM_SLOTS - 1]!;
      out[i++] = da * (da - 1n);
      out[i++] = dv * (da - 1n);
    }
    out[i++] = c[S]!;
    out[i++] = c[S + 1]!;
    const z = ch[0]!;
    const alpha = ch[1]!;
    const u = (row: readonly bigint[], k: number) =>
      z - (row[L.memAccesses[k]![0]]! + alpha * row[L.memAccesses[k]![1]]!);
    const s = (row: readonly bigint[], k: number) => z - (row[S + 2 * k]! + alpha * row[S + 2 * k + 1]!);
    const p = (row: readonly bigint[], k: number) => row[L.auxMem + k]!;
    out[i++] = p(c, 0) * s(c, 0) - u(c, 0);
    out[i++] = p(nx, 0) * s(nx, 0) - p(c, MEM_SLOTS - 1) * u(nx, 0);
    for (let k = 1; k < MEM_SLOTS; k++) out[i++] = p(c, k) * s(c, k) - p(c, k - 1) * u(c, k);
    out[i++] = p(c, MEM_SLOTS - 1) - this.pmProduct(z, alpha);
    // Range checks: sorted pool is continuous, spans [rcMin, rcMax] and is a permutation of the cells.
    const R = L.sortedRc;
    for (let k = 0; k + 1 < RC_SLOTS; k++) {
      const d = c[R + k + 1]! - c[R + k]!;
      out[i++] = d * (d - 1n);
    }
    {
      const d = nx[R]! - c[R + RC_SLOTS - 1]!;
      out[i++] = d * (d - 1n);
    }
    out[i++] = c[R]! - BigInt(pub.rcMin);
    out[i++] = c[R + RC_SLOTS - 1]! - BigInt(pub.rcMax);
    const zr = ch[2]!;
    const q = (row: readonly bigint[], k: number) => row[L.auxRc + k]!;
    const ru = (row: readonly bigint[], k: number) => zr - row[L.rcCells[k]!]!;
    const rs = (row: readonly bigint[], k: number) => zr - row[R + k]!;
    out[i++] = q(c, 0) * rs(c, 0) - ru(c, 0);
    out[i++] = q(nx, 0) * rs(nx, 0) - q(c, RC_SLOTS - 1) * ru(nx, 0);
    for (let k = 1; k < RC_SLOTS; k++) out[i++] = q(c, k) * rs(c, k) - q(c, k - 1) * ru(c, k);
    out[i++] = q(c, RC_SLOTS - 1) - 1n;
    L.builtins.forEach((b, k) => {
      const from = L.periodicOffsets[k]!;
      i = b.evaluate(c, nx, periodic.slice(from, from + b.periodicColumns.length), out, i);
    });
  }
}
