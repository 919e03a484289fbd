import { STARK_BETA } from '@starling/crypto';
import { P } from '@starling/felt';
import { CasmBuilder, type Var } from '../../casm/builder.js';
import { compileError } from '../../errors.js';
import { cc, regular, steps } from '../gas/objects.js';
import {
  argRefs,
  buildFromCasmBuilder,
  inBuffer,
  inDeref,
  nonFallthroughTarget,
  singleCells,
} from '../invocation.js';
import { type InvocationContext, known, type LibfuncDef } from '../types.js';
import { validateUnderLimit } from './casts.js';

function cells(r: readonly unknown[] | undefined, n: number) {
  if (r?.length !== n) throw compileError('invalid reference expression for an EC value');
  return r as Parameters<typeof inDeref>[1][];
}
const tempEq = (b: CasmBuilder, v: Var) => {
  const t = b.allocVar();
  b.assertVarsEq(t, v);
  return t;
};

function computeLhs(b: CasmBuilder, y: Var, lhs: Var) {
  b.assertVarsEq(lhs, b.binOp('*', y, y));
}
function computeRhs(b: CasmBuilder, x: Var, [x2, x3, axb]: Var[], rhs: Var) {
  const beta = b.const(STARK_BETA);
  b.assertVarsEq(x2!, b.binOp('*', x, x));
  b.assertVarsEq(x3!, b.binOp('*', x2!, x));
  b.assertVarsEq(axb!, b.binOp('+', x, beta));
  b.assertVarsEq(rhs, b.binOp('+', x3!, axb!));
}

function addPointsInner(b: CasmBuilder, x0: Var, y0: Var, x1: Var, num: Var, den: Var): [Var, Var] {
  const slope = tempEq(b, b.binOp('/', num, den));
  const slope2 = tempEq(b, b.binOp('*', slope, slope));
  const sumX = tempEq(b, b.binOp('+', x0, x1));
  const [xDiff, change, rx, ry] = [b.allocVar(), b.allocVar(), b.allocVar(), b.allocVar()];
  b.assertVarsEq(rx, b.binOp('-', slope2, sumX));
  b.assertVarsEq(xDiff, b.binOp('-', x0, rx));
  b.assertVarsEq(change, b.binOp('*', slope, xDiff));
  b.assertVarsEq(ry, b.binOp('-', change, y0));
  return [rx, ry];
}

function ecZero(ctx: InvocationContext) {
  const b = new CasmBuilder();
  const zero = b.const(0);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[zero, zero]], undefined]]);
}

function tryNew(ctx: InvocationContext) {
  const [xE, yE] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const x = inDeref(b, xE!);
  const y = inDeref(b, yE!);
  const [y2, exp, a0, a1, a2] = Array.from({ length: 5 }, () => b.allocVar());
  computeLhs(b, y, y2!);
  computeRhs(b, x, [a0!, a1!, a2!], exp!);
  const diff = tempEq(b, b.binOp('-', y2!, exp!));
  b.jumpNz(diff, 'NotOnCurve');
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[x, y]], undefined],
    ['NotOnCurve', [], nonFallthroughTarget(ctx)],
  ]);
}

function fromX(ctx: InvocationContext) {
  const [rcE, xE] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const rc = inBuffer(b, rcE!, 2);
  const x = inDeref(b, xE!);
  const [rhs, a0, a1, a2] = Array.from({ length: 4 }, () => b.allocVar());
  computeRhs(b, x, [a0!, a1!, a2!], rhs!);
  const y = b.allocVar();
  b.addHint('FieldSqrt', { val: rhs! }, { sqrt: y });
  const lhs = b.allocVar();
  computeLhs(b, y, lhs);
  const diff = tempEq(b, b.binOp('-', lhs, rhs!));
  b.jumpNz(diff, 'VerifyNotOnCurve');
  b.jump('OnCurve');
  b.label('VerifyNotOnCurve');
  const three = b.const(3);
  b.assertVarsEq(lhs, b.binOp('*', rhs!, three));
  b.jump('NotOnCurve');
  b.label('OnCurve');
  const aux = Array.from({ length: 4 }, () => b.allocVar());
  validateUnderLimit(b, 1, (P + 1n) / 2n, y, rc, aux);
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[rc], [x, y]], undefined],
    ['NotOnCurve', [[rc]], nonFallthroughTarget(ctx)],
  ]);
}

function unwrapPoint(ctx: InvocationContext) {
  const [xE, yE] = cells(argRefs(ctx, 1)[0], 2);
  const b = new CasmBuilder();
  const x = inDeref(b, xE!);
  const y = inDeref(b, yE!);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[x], [y]], undefined]]);
}

function isZero(ctx: InvocationContext) {
  const [xE, yE] = cells(argRefs(ctx, 1)[0], 2);
  const b = new CasmBuilder();
  const x = inDeref(b, xE!);
  const y = inDeref(b, yE!);
  b.jumpNz(y, 'Target');
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [], undefined],
    ['Target', [[x, y]], nonFallthroughTarget(ctx)],
  ]);
}

function neg(ctx: InvocationContext) {
  const [xE, yE] = cells(argRefs(ctx, 1)[0], 2);
  const b = new CasmBuilder();
  const x = inDeref(b, xE!);
  const y = inDeref(b, yE!);
  const negOne = b.const(-1);
  const negY = b.binOp('*', y, negOne);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[x, negY]], undefined]]);
}

function stateInit(ctx: InvocationContext) {
  const b = new CasmBuilder();
  const [y2, a0, a1, a2, rx, ry, ptr] = Array.from({ length: 7 }, () => b.allocVar()) as Var[];
  b.addHint('RandomEcPoint', {}, { x: rx!, y: ry! });
  const size = b.const(2);
  b.addHint('AllocConstantSize', { size }, { dst: ptr! });
  b.assertVarsEq(rx!, b.doubleDeref(ptr!, 0));
  b.assertVarsEq(ry!, b.doubleDeref(ptr!, 1));
  computeLhs(b, ry!, y2!);
  computeRhs(b, rx!, [a0!, a1!, a2!], y2!);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[rx!, ry!, ptr!]], undefined]]);
}

function stateAdd(ctx: InvocationContext) {
  const [st, pt] = argRefs(ctx, 2);
  const [sxE, syE, rpE] = cells(st, 3);
  const [pxE, pyE] = cells(pt, 2);
  const b = new CasmBuilder();
  const px = inDeref(b, pxE!);
  const py = inDeref(b, pyE!);
  const sx = inDeref(b, sxE!);
  const sy = inDeref(b, syE!);
  const rp = inDeref(b, rpE!);
  const den = tempEq(b, b.binOp('-', px, sx));
  b.jumpNz(den, 'NotSameX');
  b.fail();
  b.label('NotSameX');
  const num = tempEq(b, b.binOp('-', py, sy));
  const [rx, ry] = addPointsInner(b, px, py, sx, num, den);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[rx, ry, rp]], undefined]]);
}

function stateFinalize(ctx: InvocationContext) {
  const [xE, yE, rpE] = cells(argRefs(ctx, 1)[0], 3);
  const b = new CasmBuilder();
  const x = inDeref(b, xE!);
  const y = inDeref(b, yE!);
  const rp = inDeref(b, rpE!);
  const rx = tempEq(b, b.doubleDeref(rp, 0));
  const ry = tempEq(b, b.doubleDeref(rp, 1));
  const den = tempEq(b, b.binOp('-', x, rx));
  b.jumpNz(den, 'NotSameX');
  b.assertVarsEq(y, ry);
  b.jump('SumIsInfinity');
  b.label('NotSameX');
  const num = tempEq(b, b.binOp('+', y, ry));
  const [resX, resY] = addPointsInner(b, x, y, rx, num, den);
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[resX, resY]], undefined],
    ['SumIsInfinity', [], nonFallthroughTarget(ctx)],
  ]);
}

function stateAddMul(ctx: InvocationContext) {
  const [ecR, st, mR, pt] = argRefs(ctx, 4);
  const [ecE] = cells(ecR, 1);
  const [sxE, syE, rpE] = cells(st, 3);
  const [mE] = cells(mR, 1);
  const [pxE, pyE] = cells(pt, 2);
  const b = new CasmBuilder();
  const ec = inBuffer(b, ecE!, 6);
  const sx = inDeref(b, sxE!);
  const sy = inDeref(b, syE!);
  const rp = inDeref(b, rpE!);
  const px = inDeref(b, pxE!);
  const py = inDeref(b, pyE!);
  const m = inDeref(b, mE!);
  for (const v of [sx, sy, px, py, m]) b.bufferWriteAndInc(ec, v);
  const rx = b.getRefAndInc(ec);
  const ry = b.getRefAndInc(ec);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[ec], [rx, ry, rp]], undefined]]);
}

const k =
  (...n: number[]) =>
  () =>
    n.map(known);
export const ecLibfuncs: Record<string, LibfuncDef> = {
  ec_point_is_zero: { apChange: k(0, 0), cost: () => [steps(1), steps(1)], build: isZero },
  ec_neg: { apChange: k(0), cost: () => [steps(0)], build: neg },
  ec_neg_nz: { apChange: k(0), cost: () => [steps(0)], build: neg },
  ec_state_add: { apChange: k(9), cost: () => [steps(10)], build: stateAdd },
  ec_point_try_new_nz: { apChange: k(6, 6), cost: () => [steps(7), steps(7)], build: tryNew },
  ec_state_try_finalize_nz: { apChange: k(11, 3), cost: () => [steps(12), steps(6)], build: stateFinalize },
  ec_state_init: { apChange: k(7), cost: () => [steps(7)], build: stateInit },
  ec_state_add_mul: { apChange: k(0), cost: () => [regular(cc(5), [['EcOp', 1]])], build: stateAddMul },
  ec_point_from_x_nz: { apChange: k(11, 7), cost: () => [regular(cc(14, 3)), steps(9)], build: fromX },
  ec_point_unwrap: { apChange: k(0), cost: () => [steps(0)], build: unwrapPoint },
  ec_point_zero: { apChange: k(0), cost: () => [steps(0)], build: ecZero },
};
