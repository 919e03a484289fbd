import { CasmBuilder } from '../../casm/builder.js';
import { cc, regular, steps } from '../gas/objects.js';
import { buildFromCasmBuilder, inBuffer, inDeref, nonFallthroughTarget, singleCells } from '../invocation.js';
import { typeArg, valueArg } from '../registry.js';
import { type InvocationContext, known, type LibfuncDef, type SpecContext } from '../types.js';
import { validateGe, validateLt } from './casts.js';
import { buildIsZero, identity } from './core.js';
import { felt252BinOp } from './felt252.js';
import { rangeOfType, U128_BOUND } from './range.js';

type Spec = Pick<SpecContext, 'reg' | 'libfunc' | 'libfuncId'>;
const boundary = (c: Spec) => valueArg(c.libfunc.args, 1, c.libfuncId);

function constrain(ctx: InvocationContext) {
  const bnd = boundary(ctx);
  const [rcE, vE] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const rc = inBuffer(b, rcE!, 1);
  const value = inDeref(b, vE!);
  const underFixer = b.const(U128_BOUND - bnd);
  const rcBound = b.const(U128_BOUND);
  const minusBoundary = b.const(-bnd);
  const isUnder = b.allocVar();
  const canonical = b.binOp('+', value, minusBoundary);
  b.addHint('TestLessThanOrEqual', { lhs: rcBound, rhs: canonical }, { dst: isUnder });
  b.jumpNz(isUnder, 'Under');
  const s1 = b.maybeAddTempvar(canonical);
  b.bufferWriteAndInc(rc, s1);
  b.jump('Over');
  b.label('Under');
  const s2 = b.maybeAddTempvar(b.binOp('+', value, underFixer));
  b.bufferWriteAndInc(rc, s2);
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[rc], [value]], undefined],
    ['Over', [[rc], [value]], nonFallthroughTarget(ctx)],
  ]);
}

const trimmedValue = (c: Spec, isMax: boolean) => {
  const r = rangeOfType(c.reg, typeArg(c.libfunc.args, 0, c.libfuncId));
  return isMax ? r.upper - 1n : r.lower;
};

function trim(isMax: boolean) {
  return (ctx: InvocationContext) => {
    const [vE] = singleCells(ctx, 1);
    const b = new CasmBuilder();
    const value = inDeref(b, vE!);
    const t = b.const(trimmedValue(ctx, isMax));
    const diff = b.maybeAddTempvar(b.binOp('-', value, t));
    b.jumpNz(diff, 'Target');
    return buildFromCasmBuilder(ctx, b, [
      ['Fallthrough', [], undefined],
      ['Target', [[value]], nonFallthroughTarget(ctx)],
    ]);
  };
}

const guaranteeRange = (c: Spec) => ({
  lower: valueArg(c.libfunc.args, 0, c.libfuncId),
  upper: valueArg(c.libfunc.args, 1, c.libfuncId) + 1n,
});

function guaranteeVerify(ctx: InvocationContext) {
  const range = guaranteeRange(ctx);
  const [rcE, vE] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const rc = inBuffer(b, rcE!, 2);
  const value = inDeref(b, vE!);
  validateGe(b, rc, value, range.lower);
  validateLt(b, rc, value, range.upper);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[rc]], undefined]]);
}

function u128ToU32Guarantees(ctx: InvocationContext) {
  const [vE] = singleCells(ctx, 1);
  const b = new CasmBuilder();
  const value = inDeref(b, vE!);
  const pow = b.const(1n << 32n);
  const [w123s, w23s, w3s, w123, w23, w0, w1, w2, w3] = Array.from({ length: 9 }, () =>
    b.allocVar(),
  ) as number[];
  b.addHint('DivMod', { lhs: value, rhs: pow }, { quotient: w123!, remainder: w0! });
  b.addHint('DivMod', { lhs: w123!, rhs: pow }, { quotient: w23!, remainder: w1! });
  b.addHint('DivMod', { lhs: w23!, rhs: pow }, { quotient: w3!, remainder: w2! });
  b.addAp(3);
  b.assertVarsEq(w123s!, b.binOp('*', w123!, pow));
  b.assertVarsEq(value, b.binOp('+', w123s!, w0!));
  b.assertVarsEq(w23s!, b.binOp('*', w23!, pow));
  b.assertVarsEq(w123!, b.binOp('+', w23s!, w1!));
  b.assertVarsEq(w3s!, b.binOp('*', w3!, pow));
  b.assertVarsEq(w23!, b.binOp('+', w3s!, w2!));
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[w0!], [w1!], [w2!], [w3!]], undefined]]);
}

const trimDef = (isMax: boolean): LibfuncDef => ({
  apChange: (c) => {
    const n = trimmedValue(c, isMax) === 0n ? 0 : 1;
    return [known(n), known(n)];
  },
  cost: (c) => {
    const s = steps(trimmedValue(c, isMax) === 0n ? 1 : 2);
    return [s, s];
  },
  build: trim(isMax),
});

export const boundedLibfuncs: Record<string, LibfuncDef> = {
  bounded_int_add: {
    apChange: () => [known(0)],
    cost: () => [steps(0)],
    build: (x) => felt252BinOp(x, 'add'),
  },
  bounded_int_sub: {
    apChange: () => [known(0)],
    cost: () => [steps(0)],
    build: (x) => felt252BinOp(x, 'sub'),
  },
  bounded_int_mul: {
    apChange: () => [known(0)],
    cost: () => [steps(0)],
    build: (x) => felt252BinOp(x, 'mul'),
  },
  bounded_int_constrain: {
    apChange: (c) => [
      known(1 + (boundary(c) === U128_BOUND ? 0 : 1)),
      known(1 + (boundary(c) === 0n ? 0 : 1)),
    ],
    cost: (c) => [
      regular(cc(2 + (boundary(c) === U128_BOUND ? 0 : 1), 1)),
      regular(cc(3 + (boundary(c) === 0n ? 0 : 1), 1)),
    ],
    build: constrain,
  },
  bounded_int_trim_min: trimDef(false),
  bounded_int_trim_max: trimDef(true),
  bounded_int_is_zero: {
    apChange: () => [known(0), known(0)],
    cost: () => [steps(1), steps(1)],
    build: buildIsZero,
  },
  bounded_int_wrap_non_zero: { apChange: () => [known(0)], cost: () => [steps(0)], build: identity },
  bounded_int_guarantee_verify: {
    apChange: (c) => {
      const r = guaranteeRange(c);
      return [known((r.lower === 0n ? 0 : 1) + (r.upper - 1n === U128_BOUND - 1n ? 0 : 1))];
    },
    cost: (c) => {
      const r = guaranteeRange(c);
      return [regular(cc(2 + (r.lower === 0n ? 0 : 1) + (r.upper - 1n === U128_BOUND - 1n ? 0 : 1), 2))];
    },
    build: guaranteeVerify,
  },
  u128_to_u32_guarantees: { apChange: () => [known(9)], cost: () => [steps(7)], build: u128ToU32Guarantees },
};
