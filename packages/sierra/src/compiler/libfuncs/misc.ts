import { CasmBuilder } from '../../casm/builder.js';
import { compileError } from '../../errors.js';
import { cc, regular, steps } from '../gas/objects.js';
import {
  argRefs,
  buildFromCasmBuilder,
  buildRefsOnly,
  inBuffer,
  inDeref,
  nonFallthroughTarget,
  singleCells,
} from '../invocation.js';
import { typeArg, valueArg } from '../registry.js';
import { type InvocationContext, known, type LibfuncDef, type SpecContext } from '../types.js';
import { identity } from './core.js';
import { singleConst } from './felt252.js';
import { buildSmallDiff } from './int-helpers.js';
import { U128_BOUND } from './range.js';
import { tryFromFelt252Bits } from './starknet.js';

/** The function a `Coupon<user@f>` type stands for. */
function couponFunction(c: Pick<SpecContext, 'reg' | 'libfunc' | 'libfuncId'>): string {
  const t = c.reg.type(typeArg(c.libfunc.args, 0, c.libfuncId));
  const f = t.args[0];
  if (t.genericId !== 'Coupon' || f?.kind !== 'userFunc')
    throw compileError(`${c.libfuncId}: expected a coupon type`);
  return f.id;
}

function gasReserveCreate(ctx: InvocationContext) {
  return buildSmallDiff(ctx, U128_BOUND, (v) => [
    [[v.rc], [v.aMinusB], [v.b]],
    [[v.rc], [v.a]],
  ]);
}

function gasReserveUtilize(ctx: InvocationContext) {
  const [gE, rE] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const g = inDeref(b, gE!);
  const r = inDeref(b, rE!);
  const updated = b.binOp('+', g, r);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[updated]], undefined]]);
}

function print(ctx: InvocationContext) {
  const [arr] = argRefs(ctx, 1);
  if (arr?.length !== 2) throw compileError('invalid reference expression for print');
  const b = new CasmBuilder();
  const start = inBuffer(b, arr[0]!, 0);
  const end = inBuffer(b, arr[1]!, 0);
  b.addHint('DebugPrint', { start, end }, {});
  b.addAp(0);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [], undefined]]);
}

function trace(ctx: InvocationContext) {
  const b = new CasmBuilder();
  const flag = b.const(valueArg(ctx.libfunc.args, 0, ctx.libfuncId));
  b.addHint('AddTrace', { flag }, {});
  b.addAp(0);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [], undefined]]);
}

function unsafePanic(ctx: InvocationContext) {
  const b = new CasmBuilder();
  b.fail();
  return buildFromCasmBuilder(ctx, b, []);
}

function rangeTryNew(ctx: InvocationContext) {
  const [rcE, sE, eE] = singleCells(ctx, 3);
  const b = new CasmBuilder();
  const start = inDeref(b, sE!);
  const end = inDeref(b, eE!);
  const rc = inBuffer(b, rcE!, 1);
  const diff = b.allocVar();
  b.assertVarsEq(diff, b.binOp('-', end, start));
  const bound = b.const(U128_BOUND);
  const valid = b.allocVar();
  b.addHint('TestLessThan', { lhs: diff, rhs: bound }, { dst: valid });
  b.jumpNz(valid, 'Valid');
  const fixed = b.allocVar();
  b.assertVarsEq(fixed, b.binOp('+', diff, bound));
  b.bufferWriteAndInc(rc, fixed);
  b.jump('Failure');
  b.label('Valid');
  b.bufferWriteAndInc(rc, diff);
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[rc], [start, end]], undefined],
    ['Failure', [[rc], [end, end]], nonFallthroughTarget(ctx)],
  ]);
}

function rangePopFront(ctx: InvocationContext) {
  const [r] = argRefs(ctx, 1);
  if (r?.length !== 2) throw compileError('invalid reference expression for a range');
  const b = new CasmBuilder();
  const start = inDeref(b, r[0]!);
  const end = inDeref(b, r[1]!);
  const one = b.const(1);
  const newStart = b.binOp('+', start, one);
  const nonEmpty = b.allocVar();
  b.assertVarsEq(nonEmpty, b.binOp('-', end, start));
  b.jumpNz(nonEmpty, 'NonEmpty');
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [], undefined],
    ['NonEmpty', [[newStart, end], [start]], nonFallthroughTarget(ctx)],
  ]);
}

export const miscLibfuncs: Record<string, LibfuncDef> = {
  coupon_buy: {
    apChange: () => [known(0)],
    cost: (c) => [{ kind: 'function', constCost: cc(0), functionId: couponFunction(c), sign: 'sub' }],
    build: (ctx) => buildRefsOnly(ctx, [[]]),
  },
  coupon_refund: {
    apChange: () => [known(0)],
    cost: (c) => [{ kind: 'function', constCost: cc(0), functionId: couponFunction(c), sign: 'add' }],
    build: (ctx) => buildRefsOnly(ctx, []),
  },
  bytes31_const: { apChange: () => [known(0)], cost: () => [steps(0)], build: singleConst },
  bytes31_to_felt252: { apChange: () => [known(0)], cost: () => [steps(0)], build: identity },
  bytes31_try_from_felt252: {
    apChange: () => [known(5), known(6)],
    cost: () => [regular(cc(7, 3)), regular(cc(9, 3))],
    build: (ctx) => tryFromFelt252Bits(ctx, 248),
  },
  gas_reserve_create: {
    apChange: () => [known(2), known(3)],
    cost: () => [regular(cc(3, 1)), regular(cc(5, 1))],
    build: gasReserveCreate,
  },
  gas_reserve_utilize: { apChange: () => [known(0)], cost: () => [steps(0)], build: gasReserveUtilize },
  print: { apChange: () => [known(0)], cost: () => [steps(1)], build: print },
  trace: { apChange: () => [known(0)], cost: () => [steps(1)], build: trace },
  unsafe_panic: { apChange: () => [], cost: () => [], build: unsafePanic },
  int_range_try_new: {
    apChange: () => [known(2), known(3)],
    cost: () => [regular(cc(3, 1)), regular(cc(5, 1))],
    build: rangeTryNew,
  },
  int_range_pop_front: {
    apChange: () => [known(1), known(1)],
    cost: () => [steps(2), steps(2)],
    build: rangePopFront,
  },
};
