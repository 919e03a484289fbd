import { P } from '@starling/felt';
import type { CasmBuilder, Var } from '../../casm/builder.js';
import { CasmBuilder as Builder } from '../../casm/builder.js';
import { compileError } from '../../errors.js';
import { cc, regular } from '../gas/objects.js';
import {
  buildFromCasmBuilder,
  buildPlain,
  inBuffer,
  inDeref,
  nonFallthroughTarget,
  singleCells,
} from '../invocation.js';
import { typeArg } from '../registry.js';
import { type InvocationContext, known, type LibfuncDef, type SpecContext } from '../types.js';
import { identity } from './core.js';
import {
  intersection,
  isFullFelt252Range,
  isSmallRange,
  type Range,
  rangeOfType,
  rangeSize,
  U128_BOUND,
  U128_MAX,
} from './range.js';

/** `validate_under_limit::<K>`: asserts `value < limit` using range checks. */
export function validateUnderLimit(
  b: CasmBuilder,
  k: 1 | 2,
  limit: bigint,
  value: Var,
  rc: Var,
  aux: Var[],
): void {
  const div = U128_MAX - BigInt(k - 1);
  const aImm = limit / div;
  const bImm = limit % div;
  if (aImm > bImm) throw compileError('validate_under_limit: unsupported limit');
  const aV = b.const(aImm);
  const bFix = b.const(U128_MAX - bImm + 1n);
  const limitMinus1 = b.const(U128_MAX);
  const [x, y, xPart, yFixed, diff] = aux as [Var, Var, Var, Var, Var];
  if (k === 1) {
    b.addHint('LinearSplit', { value, scalar: aV, max_x: limitMinus1 }, { x, y });
    b.assertVarsEq(xPart, b.binOp('*', x, aV));
    b.assertVarsEq(value, b.binOp('+', xPart, y));
    b.bufferWriteAndInc(rc, x);
    b.bufferWriteAndInc(rc, y);
    b.assertVarsEq(yFixed, b.binOp('+', y, bFix));
    b.bufferWriteAndInc(rc, yFixed);
  } else {
    const limitMinus2 = b.const(U128_MAX - 1n);
    b.addHint('LinearSplit', { value, scalar: aV, max_x: limitMinus2 }, { x, y });
    b.assertVarsEq(xPart, b.binOp('*', x, aV));
    b.assertVarsEq(value, b.binOp('+', xPart, y));
    b.bufferWriteAndInc(rc, y);
    b.assertVarsEq(yFixed, b.binOp('+', y, bFix));
    b.bufferWriteAndInc(rc, yFixed);
    b.bufferWriteAndInc(rc, x);
    b.assertVarsEq(diff, b.binOp('-', x, limitMinus1));
    b.jumpNz(diff, 'Done');
    b.fail();
  }
}

/** Converts a felt252 into `out` or fails (range reduction with `validate_under_limit::<2>`). */
export function buildFelt252RangeReduction(ctx: InvocationContext, out: Range) {
  if (!isSmallRange(out)) throw compileError('range reduction needs a small target range');
  const [rcE, valueE] = singleCells(ctx, 2);
  const b = new Builder();
  const rc = inBuffer(b, rcE!, 0);
  const value = inDeref(b, valueE!);
  const size = b.const(rangeSize(out));
  const minusLower = b.const(-out.lower);
  const upper = b.const(out.upper);
  const canonical = b.binOp('+', value, minusLower);
  const inRange = b.allocVar();
  b.addHint('TestLessThan', { lhs: canonical, rhs: size }, { dst: inRange });
  b.jumpNz(inRange, 'InRange');
  const validated = b.maybeAddTempvar(b.binOp('-', value, upper));
  const aux = Array.from({ length: 5 }, () => b.allocVar());
  validateUnderLimit(b, 2, P - rangeSize(out), validated, rc, aux);
  b.label('InRange');
  const rcVal = b.maybeAddTempvar(b.binOp('+', value, minusLower));
  b.bufferWriteAndInc(rc, rcVal);
  if (rangeSize(out) < U128_BOUND) {
    const fixer = b.const(U128_BOUND - out.upper);
    const v = b.maybeAddTempvar(b.binOp('+', value, fixer));
    b.bufferWriteAndInc(rc, v);
  }
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[rc], [value]], undefined],
    ['Done', [[rc]], nonFallthroughTarget(ctx)],
  ]);
}

export function validateLt(b: CasmBuilder, rc: Var, value: Var, bound: bigint): void {
  const shift = b.const(U128_BOUND - bound);
  const v = b.maybeAddTempvar(b.binOp('+', value, shift));
  b.bufferWriteAndInc(rc, v);
}
export function validateGe(b: CasmBuilder, rc: Var, value: Var, bound: bigint): void {
  const c = b.const(bound);
  const v = b.maybeAddTempvar(b.binOp('-', value, c));
  b.bufferWriteAndInc(rc, v);
}

interface DowncastInfo {
  from: Range;
  to: Range;
  above: boolean;
  below: boolean;
}

function downcastInfo(c: SpecContext | InvocationContext): DowncastInfo {
  const fromTy = typeArg(c.libfunc.args, 0, c.libfuncId);
  const toTy = typeArg(c.libfunc.args, 1, c.libfuncId);
  const from = rangeOfType(c.reg, fromTy);
  const to = intersection(rangeOfType(c.reg, toTy), from);
  if (!to || !isSmallRange(to)) throw compileError(`${c.libfuncId}: unsupported downcast`);
  if (fromTy === toTy && from.lower === 0n) return { from, to, above: true, below: false };
  return { from, to, above: to.upper < from.upper, below: to.lower > from.lower };
}

function downcast(ctx: InvocationContext) {
  const info = downcastInfo(ctx);
  if (isFullFelt252Range(info.from)) return buildFelt252RangeReduction(ctx, info.to);
  const [rcE, valueE] = singleCells(ctx, 2);
  if (!info.above && !info.below) return buildPlain(ctx, [], [], [[[rcE!], [valueE!]], [[rcE!]]]);
  const b = new Builder();
  const rc = inBuffer(b, rcE!, 1);
  const value = inDeref(b, valueE!);
  if (info.above !== info.below) {
    const bound = info.above ? info.to.upper : info.to.lower;
    const minus = b.const(-bound);
    const diff = b.binOp('+', value, minus);
    const valid = b.allocVar();
    const rcBound = b.const(U128_BOUND);
    if (info.above) b.addHint('TestLessThanOrEqual', { lhs: rcBound, rhs: diff }, { dst: valid });
    else b.addHint('TestLessThan', { lhs: diff, rhs: rcBound }, { dst: valid });
    b.jumpNz(valid, 'Success');
    (info.above ? validateGe : validateLt)(b, rc, value, bound);
    b.jump('Failure');
    b.label('Success');
    (info.above ? validateLt : validateGe)(b, rc, value, bound);
  } else {
    const to = info.to;
    const minusMin = b.const(-to.lower);
    const canonical = b.binOp('+', value, minusMin);
    const valid = b.allocVar();
    const size = b.const(rangeSize(to));
    b.addHint('TestLessThan', { lhs: canonical, rhs: size }, { dst: valid });
    b.jumpNz(valid, 'Success');
    const rcBound = b.const(U128_BOUND);
    const isAbove = b.allocVar();
    b.addHint('TestLessThan', { lhs: canonical, rhs: rcBound }, { dst: isAbove });
    b.jumpNz(isAbove, 'OverflowAbove');
    let prev = b.apChange;
    validateLt(b, rc, value, to.lower);
    if (prev === b.apChange) b.allocVar();
    b.jump('Failure');
    b.label('OverflowAbove');
    prev = b.apChange;
    validateGe(b, rc, value, to.upper);
    if (prev === b.apChange) b.allocVar();
    b.jump('Failure');
    b.label('Success');
    validateGe(b, rc, value, to.lower);
    validateLt(b, rc, value, to.upper);
  }
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[rc], [value]], undefined],
    ['Failure', [[rc]], nonFallthroughTarget(ctx)],
  ]);
}

function downcastApChange(c: SpecContext) {
  const { from, to, above, below } = downcastInfo(c);
  if (isFullFelt252Range(from)) {
    const succ = (to.lower === 0n ? 0 : 1) + (to.upper - 1n === U128_MAX ? 0 : 1);
    const fail = to.upper === 0n ? 0 : 1;
    return [known(succ + 1), known(fail + 6)];
  }
  const extraBelow = to.lower === 0n ? 0 : 1;
  const extraAbove = to.upper === 0n ? 0 : 1;
  if (!above && !below) return [known(0), known(0)];
  if (above && !below) return [known(2), known(1 + extraAbove)];
  if (!above && below) return [known(1 + extraBelow), known(2)];
  return [known(2 + extraBelow), known(3)];
}

function downcastCost(c: SpecContext) {
  const { from, to, above, below } = downcastInfo(c);
  if (isFullFelt252Range(from)) {
    const succ = (to.lower === 0n ? 0 : 1) + (to.upper - 1n === U128_MAX ? 0 : 1);
    const fail = to.upper === 0n ? 0 : 1;
    return [regular(cc(succ + 3, 2)), regular(cc(fail + 9, 3))];
  }
  const extraBelow = to.lower === 0n ? 0 : 1;
  const extraAbove = to.upper === 0n ? 0 : 1;
  if (!above && !below) return [regular(cc(0)), regular(cc(0))];
  if (above && !below) return [regular(cc(3, 1)), regular(cc(3 + extraAbove, 1))];
  if (!above && below) return [regular(cc(2 + extraBelow, 1)), regular(cc(4, 1))];
  return [regular(cc(4 + extraBelow, 2)), regular(cc(5, 1))];
}

export const castLibfuncs: Record<string, LibfuncDef> = {
  downcast: { apChange: downcastApChange, cost: downcastCost, build: downcast },
  upcast: { apChange: () => [known(0)], cost: () => [regular(cc(0))], build: identity },
};
