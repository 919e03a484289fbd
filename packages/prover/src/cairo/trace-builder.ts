import { inv, P } from '@starling/felt';
import { ProverError } from '../errors.js';
import { RangeCheckComponent } from './builtin-range-check.js';
import { decodeInstruction, FLAG, NUM_FLAGS } from './instruction.js';
import { CairoLayout, COL } from './layout.js';
import type { CairoPublicInput } from './public-input.js';

/** Register states per step, as in the relocated trace file. */
export interface RegisterTrace {
  pc: Float64Array | number[];
  ap: Float64Array | number[];
  fp: Float64Array | number[];
}

/** Everything the prover reads from a VM run in proof mode. */
export interface CairoExecution {
  trace: RegisterTrace;
  memory: ReadonlyMap<number, bigint>;
  publicInput: CairoPublicInput;
}

const B = 1 << 15;

function invalid(msg: string, details?: Record<string, unknown>): never {
  throw new ProverError('INVALID_TRACE', msg, details);
}

function nextPow2(x: number): number {
  let n = 2;
  while (n < x) n <<= 1;
  return n;
}

/** Builds the main trace columns of the Cairo layout; pads with the final (fixpoint) step when needed. */
export function buildCairoTrace(exec: CairoExecution): { columns: bigint[][]; n: number } {
  const { trace, memory, publicInput: pub } = exec;
  const layout = new CairoLayout(pub);
  const width = layout.mainWidth;
  const steps = trace.pc.length;
  if (steps === 0 || trace.ap.length !== steps || trace.fp.length !== steps) invalid('empty or ragged trace');
  const read = (addr: number, what: string, step: number): bigint => {
    const v = memory.get(addr);
    if (v === undefined)
      invalid(`${what} at address ${addr} (step ${step}) is not in memory`, { addr, step });
    return v;
  };
  const rows: bigint[][] = [];
  const accessed = new Set<number>();
  const rcSeen = new Set<number>();
  for (let s = 0; s < steps; s++) {
    const pc = trace.pc[s]!;
    const ap = trace.ap[s]!;
    const fp = trace.fp[s]!;
    const inst = read(pc, 'instruction', s);
    const d = decodeInstruction(inst, pc);
    const fl = d.flags;
    const dstAddr = (fl[FLAG.DST_REG] ? fp : ap) + d.offDst - B;
    const op0Addr = (fl[FLAG.OP0_REG] ? fp : ap) + d.offOp0 - B;
    const dst = read(dstAddr, 'dst', s);
    const op0 = read(op0Addr, 'op0', s);
    const op1Base = fl[FLAG.OP1_IMM] ? pc : fl[FLAG.OP1_FP] ? fp : fl[FLAG.OP1_AP] ? ap : Number(op0);
    const op1Addr = op1Base + d.offOp1 - B;
    if (!Number.isSafeInteger(op1Addr) || op1Addr < 0) invalid(`bad op1 address at step ${s}`);
    const op1 = read(op1Addr, 'op1', s);
    const mul = (op0 * op1) % P;
    let res: bigint;
    if (fl[FLAG.PC_JNZ]) res = dst === 0n ? 0n : inv(dst);
    else if (fl[FLAG.RES_ADD]) res = (op0 + op1) % P;
    else if (fl[FLAG.RES_MUL]) res = mul;
    else res = op1;
    const t0 = fl[FLAG.PC_JNZ] ? dst : 0n;
    const row = new Array<bigint>(width).fill(0n);
    row[COL.PC] = BigInt(pc);
    row[COL.AP] = BigInt(ap);
    row[COL.FP] = BigInt(fp);
    row[COL.INST] = inst;
    row[COL.OFF_DST] = BigInt(d.offDst);
    row[COL.OFF_OP0] = BigInt(d.offOp0);
    row[COL.OFF_OP1] = BigInt(d.offOp1);
    for (let k = 0; k < NUM_FLAGS; k++) row[COL.FLAG0 + k] = BigInt(fl[k]!);
    row[COL.DST_ADDR] = BigInt(dstAddr);
    row[COL.DST] = dst;
    row[COL.OP0_ADDR] = BigInt(op0Addr);
    row[COL.OP0] = op0;
    row[COL.OP1_ADDR] = BigInt(op1Addr);
    row[COL.OP1] = op1;
    row[COL.RES] = res;
    row[COL.MUL] = mul;
    row[COL.T0] = t0;
    row[COL.T1] = (t0 * res) % P;
    rows.push(row);
    for (const a of [pc, dstAddr, op0Addr, op1Addr]) accessed.add(a);
    for (const o of [d.offDst, d.offOp0, d.offOp1]) {
      if (o < pub.rcMin || o > pub.rcMax) invalid(`offset ${o - B} at step ${s} outside [rc_min, rc_max]`);
      rcSeen.add(o);
    }
  }
  // Builtin instances access their cells; their limbs join the range-check pool.
  let builtinRows = 0;
  for (const b of layout.builtins) {
    builtinRows = Math.max(builtinRows, b.minRows());
    for (const a of b.cellAddresses()) {
      accessed.add(a);
      const v = memory.get(a);
      if (v === undefined || !(b instanceof RangeCheckComponent)) continue;
      for (let k = 0; k < b.limbs; k++) rcSeen.add(Number((v >> BigInt(16 * k)) & 0xffffn));
    }
  }
  // Holes: memory addresses and 16-bit values nothing touches, filled through the free slots.
  const pmAddrs = new Set(pub.publicMemory.map((c) => c.address));
  let maxAddr = 0;
  for (const a of accessed) maxAddr = Math.max(maxAddr, a);
  for (const a of pmAddrs) maxAddr = Math.max(maxAddr, a);
  const memHoles: number[] = [];
  for (let a = 1; a <= maxAddr; a++) if (!accessed.has(a) && !pmAddrs.has(a)) memHoles.push(a);
  const rcHoles: number[] = [];
  for (let v = pub.rcMin; v <= pub.rcMax; v++) if (!rcSeen.has(v)) rcHoles.push(v);
  // One free memory slot must stay (0, 0): the sorted memory starts with that pair.
  // Range-check holes go to the free RC_X slot of every row and to the limbs of unused builtin rows.
  const rcCapacity = (rows: number) =>
    rows + layout.builtins.reduce((acc, b) => acc + b.freeRcRows(rows) * b.rcCells.length, 0);
  let n = nextPow2(Math.max(steps, pub.publicMemory.length + memHoles.length + 1, builtinRows));
  while (rcCapacity(n) < rcHoles.length) n *= 2;
  if (n > steps) padWithFinalStep(rows, n);
  // Free memory slots: public-memory dummies, holes, then (0, 0) padding.
  let r = 0;
  for (let k = 0; k < pub.publicMemory.length; k++, r++) {
    rows[r]![COL.X_ADDR] = 0n;
    rows[r]![COL.X_VAL] = 0n;
  }
  for (const a of memHoles) {
    rows[r]![COL.X_ADDR] = BigInt(a);
    rows[r++]![COL.X_VAL] = memory.get(a) ?? 0n;
  }
  for (; r < n; r++) {
    rows[r]![COL.X_ADDR] = 0n;
    rows[r]![COL.X_VAL] = 0n;
  }
  for (const b of layout.builtins) b.fill(rows, memory, pub.rcMin);
  let h = 0;
  const nextHole = () => BigInt(h < rcHoles.length ? rcHoles[h++]! : pub.rcMin);
  for (let i = 0; i < n; i++) rows[i]![COL.RC_X] = nextHole();
  for (const b of layout.builtins) {
    for (let i = n - b.freeRcRows(n); i < n; i++) for (const cell of b.rcCells) rows[i]![cell] = nextHole();
  }
  fillSorted(rows, pub, n, layout);
  const columns = Array.from({ length: width }, (_, c) => rows.map((row) => row[c]!));
  return { columns, n };
}

/** Extends the trace with copies of the last step, which must leave (pc, ap, fp) unchanged (`jmp rel 0`). */
function padWithFinalStep(rows: bigint[][], n: number): void {
  const last = rows[rows.length - 1]!;
  const f = (k: number) => last[COL.FLAG0 + k]!;
  const isFixpoint =
    f(FLAG.PC_JUMP_REL) === 1n &&
    last[COL.RES] === 0n &&
    f(FLAG.AP_ADD) * last[COL.RES]! + f(FLAG.AP_ADD1) === 0n &&
    f(FLAG.OPCODE_CALL) + f(FLAG.OPCODE_RET) === 0n;
  if (!isFixpoint) {
    throw new ProverError(
      'TRACE_TOO_SHORT',
      'the trace needs more rows for memory/range-check holes but does not end in a `jmp rel 0` loop',
      { steps: rows.length, needed: n },
    );
  }
  while (rows.length < n) rows.push(last.slice());
}

function fillSorted(rows: bigint[][], pub: CairoPublicInput, n: number, L: CairoLayout): void {
  const MEM_SLOTS = L.memSlots;
  const RC_SLOTS = L.rcSlots;
  // Memory multiset: every access except the public-memory dummies, plus the public memory itself.
  const addrs: bigint[] = [];
  const vals: bigint[] = [];
  let dummies = pub.publicMemory.length;
  for (let r = 0; r < n; r++) {
    for (const [ac, vc] of L.memAccesses) {
      const a = rows[r]![ac]!;
      if (ac === COL.X_ADDR && a === 0n && dummies > 0) {
        dummies--;
        continue;
      }
      addrs.push(a);
      vals.push(rows[r]![vc]!);
    }
  }
  for (const c of pub.publicMemory) {
    addrs.push(BigInt(c.address));
    vals.push(c.value);
  }
  const order = addrs.map((_, i) => i).sort((x, y) => Number(addrs[x]! - addrs[y]!) || x - y);
  for (let j = 0; j < order.length; j++) {
    const row = rows[Math.floor(j / MEM_SLOTS)]!;
    const k = j % MEM_SLOTS;
    row[L.sortedMem + 2 * k] = addrs[order[j]!]!;
    row[L.sortedMem + 2 * k + 1] = vals[order[j]!]!;
  }
  const rc: number[] = [];
  for (let r = 0; r < n; r++) for (const c of L.rcCells) rc.push(Number(rows[r]![c]!));
  rc.sort((a, b) => a - b);
  for (let j = 0; j < rc.length; j++)
    rows[Math.floor(j / RC_SLOTS)]![L.sortedRc + (j % RC_SLOTS)] = BigInt(rc[j]!);
}
