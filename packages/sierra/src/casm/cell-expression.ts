import { compileError } from '../errors.js';
import type { CellRef, DerefOrImmediate, ResOperand } from './operand.js';

export type CellOperator = '+' | '-' | '*' | '/';

/** A value location as the compiler tracks it (cairo-lang-casm `CellExpression`). */
export type CellExpression =
  | { kind: 'deref'; cell: CellRef }
  | { kind: 'double_deref'; cell: CellRef; offset: number }
  | { kind: 'imm'; value: bigint }
  | { kind: 'binop'; op: CellOperator; a: CellRef; b: DerefOrImmediate };

export const derefExpr = (cell: CellRef): CellExpression => ({ kind: 'deref', cell });
export const immExpr = (value: bigint | number): CellExpression => ({ kind: 'imm', value: BigInt(value) });

function shiftCell(c: CellRef, apChange: number): CellRef | null {
  if (c.register === 'fp') return c;
  const o = c.offset - apChange;
  return o < -32768 ? null : { register: 'ap', offset: o };
}
function shiftDoi(d: DerefOrImmediate, apChange: number): DerefOrImmediate | null {
  if (d.kind === 'imm') return d;
  const c = shiftCell(d.cell, apChange);
  return c ? { kind: 'deref', cell: c } : null;
}

/** Rebases ap-relative cells after `apChange` cells were pushed; null on offset overflow. */
export function applyApChange(e: CellExpression, apChange: number): CellExpression | null {
  if (apChange === 0) return e;
  switch (e.kind) {
    case 'imm':
      return e;
    case 'deref': {
      const c = shiftCell(e.cell, apChange);
      return c ? { kind: 'deref', cell: c } : null;
    }
    case 'double_deref': {
      const c = shiftCell(e.cell, apChange);
      return c ? { kind: 'double_deref', cell: c, offset: e.offset } : null;
    }
    case 'binop': {
      const a = shiftCell(e.a, apChange);
      const b = shiftDoi(e.b, apChange);
      return a && b ? { kind: 'binop', op: e.op, a, b } : null;
    }
  }
}

/** Same as applyApChange but the change must succeed. */
export function mustApplyApChange<T extends CellExpression>(e: T, apChange: number): T {
  const r = applyApChange(e, apChange);
  if (!r) throw compileError('ap offset overflow');
  return r as T;
}

export function shiftCellRef(c: CellRef, apChange: number): CellRef {
  const r = shiftCell(c, apChange);
  if (!r) throw compileError('ap offset overflow');
  return r;
}

export function shiftResOperand(r: ResOperand, apChange: number): ResOperand {
  return mustApplyApChange(r as CellExpression, apChange) as ResOperand;
}

/** True when the expression does not depend on ap (survives an unknown ap change). */
export function canApplyUnknown(e: CellExpression): boolean {
  switch (e.kind) {
    case 'imm':
      return true;
    case 'deref':
    case 'double_deref':
      return e.cell.register === 'fp';
    case 'binop':
      return e.a.register === 'fp' && (e.b.kind === 'imm' || e.b.cell.register === 'fp');
  }
}

export function cellExprEquals(x: CellExpression, y: CellExpression): boolean {
  return cellExprToString(x) === cellExprToString(y);
}

export function cellExprToString(e: CellExpression): string {
  const c = (r: CellRef) => `[${r.register} + ${r.offset}]`;
  switch (e.kind) {
    case 'deref':
      return c(e.cell);
    case 'double_deref':
      return `[${c(e.cell)} + ${e.offset}]`;
    case 'imm':
      return e.value.toString();
    case 'binop':
      return `${c(e.a)} ${e.op} ${e.b.kind === 'imm' ? e.b.value.toString() : c(e.b.cell)}`;
  }
}

/** `(base, offset)` if the expression is `[x]` or `[x] + const`. */
export function toDerefWithOffset(e: CellExpression): [CellRef, number] | null {
  if (e.kind === 'deref') return [e.cell, 0];
  if (e.kind === 'binop' && e.op === '+' && e.b.kind === 'imm') {
    const v = e.b.value;
    if (v < -(2n ** 31n) || v >= 2n ** 31n) return null;
    return [e.a, Number(v)];
  }
  return null;
}

export function addWithConst(cell: CellRef, value: number | bigint): CellExpression {
  const v = BigInt(value);
  return v === 0n
    ? { kind: 'deref', cell }
    : { kind: 'binop', op: '+', a: cell, b: { kind: 'imm', value: v } };
}

/** The buffer form of an expression (for `buffer(slack)` inputs). */
export function toBuffer(e: CellExpression, slack: number): CellExpression | null {
  const r = toDerefWithOffset(e);
  if (!r) return null;
  const [base, offset] = r;
  if (offset < -32768 || offset > 32767 || offset + slack > 32767) return null;
  return addWithConst(base, offset);
}
