import { compileError } from '../errors.js';
import {
  type CellExpression,
  type CellOperator,
  mustApplyApChange,
  shiftCellRef,
  shiftResOperand,
} from './cell-expression.js';
import type { Hint } from './hints.js';
import { hint as makeHint } from './hints.js';
import { type Instruction, type InstructionBody, instructionSize } from './instruction.js';
import type { CellRef, DerefOrImmediate, ResOperand } from './operand.js';

export type Var = number;

/** Builder state: variable values, allocated temp cells, ap change and step count. */
export interface BuilderState {
  vars: Map<Var, CellExpression>;
  allocated: number;
  apChange: number;
  steps: number;
}

const emptyState = (): BuilderState => ({ vars: new Map(), allocated: 0, apChange: 0, steps: 0 });
const cloneState = (s: BuilderState): BuilderState => ({ ...s, vars: new Map(s.vars) });

function stateGet(s: BuilderState, v: Var): CellExpression {
  const e = s.vars.get(v);
  if (!e) throw compileError(`casm builder: unknown var ${v}`);
  return e;
}

/** A var's value with the state's ap change applied. */
export function stateGetAdjusted(s: BuilderState, v: Var): CellExpression {
  return mustApplyApChange(stateGet(s, v), s.apChange);
}

function validateFinality(s: BuilderState): void {
  if (s.apChange < s.allocated) throw compileError('casm builder: not enough instructions to update ap');
}

function intersect(self: BuilderState, other: BuilderState, readOnly: boolean): void {
  if (self.apChange !== other.apChange) throw compileError('casm builder: merged branches not aligned on ap');
  if (self.allocated !== other.allocated)
    throw compileError('casm builder: merged branches allocations differ');
  // Step counts only feed the upstream cost self-checks (whose `steps = 0` resets are not
  // mirrored here), so a finalized label keeps its count.
  if (!readOnly) self.steps = Math.max(self.steps, other.steps);
  for (const [v] of self.vars) {
    if (!other.vars.has(v)) self.vars.delete(v);
  }
}

interface LabelInfo {
  state: BuilderState;
  offset: number | undefined;
}

export interface CasmBuildResult {
  instructions: Instruction[];
  branches: { state: BuilderState; relocations: number[] }[];
}

function toRes(e: CellExpression): ResOperand {
  switch (e.kind) {
    case 'deref':
    case 'double_deref':
    case 'imm':
      return e;
    case 'binop':
      if (e.op === '+' || e.op === '*') return { kind: 'binop', op: e.op, a: e.a, b: e.b };
      throw compileError('casm builder: hint operand cannot be a sub/div expression');
  }
}

/** Port of cairo-lang-casm `CasmBuilder`: straight-line CASM with labels and typed vars. */
export class CasmBuilder {
  private labels = new Map<string, LabelInfo>();
  private main: BuilderState = emptyState();
  readonly instructions: Instruction[] = [];
  private relocations: { label: string; index: number; offset: number }[] = [];
  private hints: Hint[] = [];
  private varCount = 0;
  private reachable = true;
  private nextOffset = 0;

  /** Finishes building; `branchNames[i]` labels the i-th exit (`Fallthrough` is the end of the code). */
  build(branchNames: string[]): CasmBuildResult {
    if (this.hints.length) throw compileError('casm builder: trailing hints');
    const branchRelocs: number[][] = branchNames.map(() => []);
    for (const r of this.relocations) {
      const info = this.labels.get(r.label);
      if (info && info.offset !== undefined) {
        relocate(this.instructions[r.index]!, info.offset - r.offset);
      } else {
        const i = branchNames.indexOf(r.label);
        if (i < 0) throw compileError(`casm builder: unknown label ${r.label}`);
        branchRelocs[i]!.push(r.index);
      }
    }
    for (const [k, info] of [...this.labels]) if (info.offset !== undefined) this.labels.delete(k);
    if (this.reachable) this.labels.set('Fallthrough', { state: this.main, offset: undefined });
    const branches = branchNames.map((name, i) => {
      const info = this.labels.get(name);
      if (!info) throw compileError(`casm builder: missing final label ${name}`);
      this.labels.delete(name);
      validateFinality(info.state);
      return { state: info.state, relocations: branchRelocs[i]! };
    });
    if (this.labels.size) throw compileError('casm builder: unused branches');
    return { instructions: this.instructions, branches };
  }

  get apChange(): number {
    return this.main.apChange;
  }

  addVar(value: CellExpression): Var {
    const v = this.varCount++;
    this.main.vars.set(v, value);
    return v;
  }
  /** `tempvar` (ap-based) or `localvar` (fp-based) allocation. */
  allocVar(local = false): Var {
    const v = this.addVar({
      kind: 'deref',
      cell: { register: local ? 'fp' : 'ap', offset: this.main.allocated },
    });
    this.main.allocated++;
    return v;
  }
  const(value: bigint | number): Var {
    return this.addVar({ kind: 'imm', value: BigInt(value) });
  }
  duplicateVar(v: Var): Var {
    return this.addVar(stateGet(this.main, v));
  }
  getUnadjusted(v: Var): CellExpression {
    return stateGet(this.main, v);
  }
  getAdjusted(v: Var): CellExpression {
    return stateGetAdjusted(this.main, v);
  }

  /** Adds a hint for the next instruction (inputs as ResOperands, outputs as cells). */
  addHint(name: string, inputs: Record<string, Var>, outputs: Record<string, Var>): void {
    const args: Hint['args'] = {};
    for (const [k, v] of Object.entries(inputs)) {
      args[k] = shiftResOperand(toRes(stateGet(this.main, v)), this.main.apChange);
    }
    for (const [k, v] of Object.entries(outputs)) args[k] = this.adjustedCell(v);
    this.hints.push(makeHint(name, args));
  }

  assertVarsEq(dst: Var, res: Var, qm31 = false): void {
    const dstE = stateGet(this.main, dst);
    if (dstE.kind !== 'deref') throw compileError('casm builder: assert destination must be a cell');
    let a: CellRef = dstE.cell;
    const b0 = stateGet(this.main, res);
    let b: ResOperand;
    if (b0.kind === 'binop') {
      if (b0.op === '+' || b0.op === '*') b = { kind: 'binop', op: b0.op, a: b0.a, b: b0.b };
      else {
        // dst = x - y  <=>  x = dst + y (and likewise for division).
        b = { kind: 'binop', op: b0.op === '-' ? '+' : '*', a, b: b0.b };
        a = b0.a;
      }
    } else b = b0;
    const ap = this.main.apChange;
    const body: InstructionBody = {
      kind: 'assert_eq',
      a: shiftCellRef(a, ap),
      b: shiftResOperand(b, ap),
      ...(qm31 ? { qm31: true } : {}),
    };
    this.instructions.push(this.next(body, true));
  }

  /** `assert value = *(buffer++)` */
  bufferWriteAndInc(buffer: Var, value: Var): void {
    const [cell, offset] = this.bufferGetAndInc(buffer);
    const location = this.addVar({ kind: 'double_deref', cell, offset });
    this.assertVarsEq(value, location);
  }

  /** `maybe_tempvar`: reuses a plain cell, otherwise stores into a new tempvar. */
  maybeAddTempvar(v: Var): Var {
    const e = stateGet(this.main, v);
    let cell: CellRef | undefined;
    if (e.kind === 'deref') cell = e.cell;
    else if (e.kind === 'binop' && e.b.kind === 'imm') {
      if ((e.op === '+' || e.op === '-') && e.b.value === 0n) cell = e.a;
      if ((e.op === '*' || e.op === '/') && e.b.value === 1n) cell = e.a;
    }
    if (cell) return this.addVar({ kind: 'deref', cell });
    const temp = this.allocVar(false);
    this.assertVarsEq(temp, v);
    return temp;
  }

  /** `let x = *(buffer++)` */
  getRefAndInc(buffer: Var): Var {
    const [cell, offset] = this.cellPlusConst(buffer, 0);
    this.main.vars.set(buffer, {
      kind: 'binop',
      op: '+',
      a: cell,
      b: { kind: 'imm', value: BigInt(offset + 1) },
    });
    return this.addVar({ kind: 'double_deref', cell, offset });
  }

  private bufferGetAndInc(buffer: Var): [CellRef, number] {
    const [base, offset] = this.cellPlusConst(buffer, 0);
    this.main.vars.set(buffer, {
      kind: 'binop',
      op: '+',
      a: base,
      b: { kind: 'imm', value: BigInt(offset + 1) },
    });
    return [base, offset];
  }

  addAp(size: number): void {
    this.instructions.push(
      this.next({ kind: 'add_ap', operand: { kind: 'imm', value: BigInt(size) } }, false),
    );
    this.main.apChange += size;
  }

  increaseApChange(amount: number): void {
    this.main.apChange += amount;
    this.main.allocated += amount;
  }

  binOp(op: CellOperator, lhs: Var, rhs: Var): Var {
    const l = stateGet(this.main, lhs);
    let a: CellRef;
    let b: DerefOrImmediate;
    if (l.kind === 'deref') {
      a = l.cell;
      b = this.derefOrImm(rhs);
    } else if (l.kind === 'binop' && l.op === '+' && l.b.kind === 'imm' && op === '+') {
      const r = stateGet(this.main, rhs);
      if (r.kind !== 'imm') throw compileError('casm builder: add_with_const needs an immediate');
      a = l.a;
      b = { kind: 'imm', value: l.b.value + r.value };
    } else throw compileError('casm builder: unsupported bin_op operands');
    return this.addVar({ kind: 'binop', op, a, b });
  }

  doubleDeref(v: Var, offset: number): Var {
    const [cell, full] = this.cellPlusConst(v, offset);
    return this.addVar({ kind: 'double_deref', cell, offset: full });
  }

  jump(label: string): void {
    this.pushLabeled(label, { kind: 'jump', target: { kind: 'imm', value: 0n }, relative: true }, true);
    const state = this.main;
    this.main = emptyState();
    this.setOrTestLabel(label, state);
    this.reachable = false;
  }

  jumpNz(condition: Var, label: string): void {
    const cell = this.adjustedCell(condition);
    this.pushLabeled(label, { kind: 'jnz', condition: cell, jumpOffset: { kind: 'imm', value: 0n } }, true);
    this.setOrTestLabel(label, cloneState(this.main));
  }

  label(name: string): void {
    let info = this.labels.get(name);
    if (info) {
      if (this.reachable) intersect(info.state, this.main, false);
    } else {
      if (!this.reachable) throw compileError(`casm builder: no known state at ${name}`);
      info = { state: cloneState(this.main), offset: undefined };
      this.labels.set(name, info);
    }
    info.offset = this.nextOffset;
    this.main = cloneState(info.state);
    this.reachable = true;
  }

  rescope(pairs: [Var, Var][]): void {
    validateFinality(this.main);
    const values = pairs.map(([n, v]) => [n, stateGetAdjusted(this.main, v)] as const);
    this.main.apChange = 0;
    this.main.allocated = 0;
    this.main.vars = new Map(values);
  }

  /** `call label`: ap-based vars move to the callee frame (fp-based); caller keeps fp-based ones. */
  call(label: string): void {
    validateFinality(this.main);
    const fnVars = new Map<Var, CellExpression>();
    const mainVars = new Map<Var, CellExpression>();
    const ap = this.main.apChange;
    const flags = (c: CellRef): [boolean, boolean] => (c.register === 'ap' ? [true, false] : [false, true]);
    for (const [v, value] of this.main.vars) {
      let f: [boolean, boolean];
      if (value.kind === 'deref' || value.kind === 'double_deref') f = flags(value.cell);
      else if (value.kind === 'imm') f = [true, true];
      else if (value.b.kind === 'deref')
        f = value.a.register === value.b.cell.register ? flags(value.b.cell) : [false, false];
      else f = [true, true];
      if (f[0]) {
        const shifted = mustApplyApChange(value, ap + 2);
        fnVars.set(v, toFp(shifted));
      }
      if (f[1]) mainVars.set(v, value);
    }
    this.pushLabeled(label, { kind: 'call', target: { kind: 'imm', value: 0n }, relative: true }, false);
    this.main.vars = mainVars;
    this.main.allocated = 0;
    this.main.apChange = 0;
    this.setOrTestLabel(label, { vars: fnVars, allocated: 0, apChange: 0, steps: 0 });
  }

  /** `let (a, b) = call label;` — results are the last cells pushed by the callee. */
  callWithResults(label: string, count: number): Var[] {
    this.call(label);
    const out: Var[] = [];
    for (let i = 0; i < count; i++)
      out.push(this.addVar({ kind: 'deref', cell: { register: 'ap', offset: i - count } }));
    return out;
  }

  ret(): void {
    validateFinality(this.main);
    this.instructions.push(this.next({ kind: 'ret' }, false));
    this.reachable = false;
  }

  get steps(): number {
    return this.main.steps;
  }
  resetSteps(): void {
    this.main.steps = 0;
  }

  /** `fail`: an unsatisfiable assertion `[fp - 1] = [fp - 1] + 1`. */
  fail(): void {
    const c: CellRef = { register: 'fp', offset: -1 };
    this.instructions.push(
      this.next(
        { kind: 'assert_eq', a: c, b: { kind: 'binop', op: '+', a: c, b: { kind: 'imm', value: 1n } } },
        false,
      ),
    );
    this.reachable = false;
  }
  markUnreachable(): void {
    this.reachable = false;
  }

  /** Pushes an instruction built outside the DSL (blake2s, qm31); `incApSupported` as the DSL does. */
  pushRaw(body: InstructionBody, incApSupported: boolean): Instruction {
    const ins = this.next(body, incApSupported);
    this.instructions.push(ins);
    return ins;
  }

  adjustedCell(v: Var): CellRef {
    const e = stateGet(this.main, v);
    if (e.kind !== 'deref') throw compileError('casm builder: expected a cell');
    return shiftCellRef(e.cell, this.main.apChange);
  }

  private derefOrImm(v: Var): DerefOrImmediate {
    const e = stateGet(this.main, v);
    if (e.kind === 'deref') return { kind: 'deref', cell: e.cell };
    if (e.kind === 'imm') return { kind: 'imm', value: e.value };
    throw compileError('casm builder: expected a cell or an immediate');
  }

  private cellPlusConst(v: Var, extra: number): [CellRef, number] {
    const e = stateGet(this.main, v);
    if (e.kind === 'deref') return [e.cell, extra];
    if (e.kind === 'binop' && e.op === '+' && e.b.kind === 'imm') {
      const o = Number(e.b.value) + extra;
      if (o < -32768 || o > 32767) throw compileError('casm builder: offset too large for deref');
      return [e.a, o];
    }
    throw compileError('casm builder: not a valid pointer');
  }

  private next(body: InstructionBody, incApSupported: boolean): Instruction {
    if (!this.reachable) throw compileError('casm builder: instruction in unreachable code');
    const incAp = incApSupported && this.main.allocated > this.main.apChange;
    if (incAp) this.main.apChange++;
    this.main.steps++;
    this.nextOffset += instructionSize(body);
    const hints = this.hints;
    this.hints = [];
    return { body, incAp, hints };
  }

  private pushLabeled(label: string, body: InstructionBody, incApSupported: boolean): void {
    this.relocations.push({ label, index: this.instructions.length, offset: this.nextOffset });
    this.instructions.push(this.next(body, incApSupported));
  }

  private setOrTestLabel(label: string, state: BuilderState): void {
    const info = this.labels.get(label);
    if (info) intersect(info.state, state, info.offset !== undefined);
    else this.labels.set(label, { state, offset: undefined });
  }
}

function toFp(e: CellExpression): CellExpression {
  const fp = (c: CellRef): CellRef => ({ register: 'fp', offset: c.offset });
  switch (e.kind) {
    case 'deref':
      return { kind: 'deref', cell: fp(e.cell) };
    case 'double_deref':
      return { kind: 'double_deref', cell: fp(e.cell), offset: e.offset };
    case 'imm':
      return e;
    case 'binop':
      return {
        kind: 'binop',
        op: e.op,
        a: fp(e.a),
        b: e.b.kind === 'deref' ? { kind: 'deref', cell: fp(e.b.cell) } : e.b,
      };
  }
}

/** Sets the relative offset of a jump/call instruction. */
export function relocate(ins: Instruction, value: number): void {
  const b = ins.body;
  if (b.kind === 'jnz' && b.jumpOffset.kind === 'imm')
    ins.body = { ...b, jumpOffset: { kind: 'imm', value: BigInt(value) } };
  else if ((b.kind === 'jump' || b.kind === 'call') && b.target.kind === 'imm')
    ins.body = { ...b, target: { kind: 'imm', value: BigInt(value) } };
  else throw compileError('only jumps and calls can be relocated');
}
