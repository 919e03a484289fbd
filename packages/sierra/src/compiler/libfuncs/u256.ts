import { CasmBuilder, type Var } from '../../casm/builder.js';
import { compileError } from '../../errors.js';
import { cc, regular, steps } from '../gas/objects.js';
import { argRefs, buildFromCasmBuilder, inBuffer, inDeref, nonFallthroughTarget } from '../invocation.js';
import { type InvocationContext, known, type LibfuncDef } from '../types.js';
import { U128_BOUND, U128_MAX } from './range.js';

const U64_LIMIT = 1n << 64n;

/** Shorthands for the casm_build_extend! statements used below. */
class Dsl {
  constructor(readonly b: CasmBuilder) {}
  tv(): Var {
    return this.b.allocVar();
  }
  t(v: Var): Var {
    const x = this.b.allocVar();
    this.b.assertVarsEq(x, v);
    return x;
  }
  add = (a: Var, c: Var) => this.b.binOp('+', a, c);
  sub = (a: Var, c: Var) => this.b.binOp('-', a, c);
  mul = (a: Var, c: Var) => this.b.binOp('*', a, c);
  div = (a: Var, c: Var) => this.b.binOp('/', a, c);
  eq = (dst: Var, v: Var) => this.b.assertVarsEq(dst, v);
  rc = (buf: Var, v: Var) => this.b.bufferWriteAndInc(buf, v);
  c = (v: bigint | number) => this.b.const(v);
  wideMul(lhs: Var, rhs: Var): [Var, Var] {
    const low = this.tv();
    const high = this.tv();
    this.b.addHint('WideMul128', { lhs, rhs }, { high, low });
    return [low, high];
  }
}

function unpack(r: readonly unknown[] | undefined, n: number) {
  if (r?.length !== n) throw compileError('invalid reference expression for a wide integer');
  return r as Parameters<typeof inDeref>[1][];
}

function isZero(ctx: InvocationContext) {
  const [xE, yE] = unpack(argRefs(ctx, 1)[0], 2);
  const b = new CasmBuilder();
  const x = inDeref(b, xE!);
  const y = inDeref(b, yE!);
  b.jumpNz(x, 'Target');
  b.jumpNz(y, 'Target');
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [], undefined],
    ['Target', [[x, y]], nonFallthroughTarget(ctx)],
  ]);
}

/** The `qd_small * qd_large` split that bounds the top product (u256 and u512 division). */
function smallLargeProduct(d: Dsl, rc: Var, q: Var, qLow: Var, dHigh: Var, dLow: Var, zero: Var, fixer: Var) {
  const small = d.tv();
  const large = d.tv();
  d.b.jumpNz(q, 'DIVISOR1_EQ_ZERO');
  const lt1 = d.tv();
  d.b.addHint('TestLessThan', { lhs: qLow, rhs: dHigh }, { dst: lt1 });
  d.b.jumpNz(lt1, 'QUOTIENT_LOW_LESS');
  d.eq(small, dHigh);
  d.eq(large, qLow);
  d.b.jump('MERGE');
  d.b.label('QUOTIENT_LOW_LESS');
  d.eq(small, qLow);
  d.eq(large, dHigh);
  d.b.jump('MERGE');
  d.b.label('DIVISOR1_EQ_ZERO');
  d.eq(dHigh, zero);
  const lt2 = d.tv();
  d.b.addHint('TestLessThan', { lhs: q, rhs: dLow }, { dst: lt2 });
  d.b.jumpNz(lt2, 'QUOTIENT_HIGH_LESS');
  d.eq(small, dLow);
  d.eq(large, q);
  d.b.jump('MERGE');
  d.b.label('QUOTIENT_HIGH_LESS');
  d.eq(small, q);
  d.eq(large, dLow);
  d.b.label('MERGE');
  const fixed = d.t(d.add(small, fixer));
  d.rc(rc, fixed);
  return d.t(d.mul(small, large));
}

/** `remainder < divisor` over two limbs. */
function remainderLtDivisor(
  d: Dsl,
  rc: Var,
  d0: Var,
  d1: Var,
  r0: Var,
  r1: Var,
  one: Var,
  apFixBeforeBranch: number,
) {
  const diff1 = d.t(d.sub(d1, r1));
  if (apFixBeforeBranch) d.b.addAp(apFixBeforeBranch);
  const diff0 = d.tv();
  const diff0m1 = d.tv();
  d.b.jumpNz(diff1, 'HighDiff');
  d.eq(diff0, d.sub(d0, r0));
  d.eq(diff0m1, d.sub(diff0, one));
  d.rc(rc, diff0m1);
  d.b.jump('After');
  d.b.label('HighDiff');
  if (!apFixBeforeBranch) d.b.addAp(1);
  d.rc(rc, diff1);
  d.b.label('After');
}

function divmod(ctx: InvocationContext) {
  const [rcR, dv, ds] = argRefs(ctx, 3);
  const b = new CasmBuilder();
  const d = new Dsl(b);
  const rc = inBuffer(b, unpack(rcR, 1)[0]!, 5);
  const [n0, n1] = unpack(dv, 2).map((x) => inDeref(b, x)) as [Var, Var];
  const [d0, d1] = unpack(ds, 2).map((x) => inDeref(b, x)) as [Var, Var];
  const zero = d.c(0);
  const one = d.c(1);
  const fixer = d.c(U128_MAX - (U64_LIMIT - 1n));
  const limit = d.c(U128_BOUND);
  const [q0, q1, r0, r1] = [d.tv(), d.tv(), d.tv(), d.tv()];
  b.addHint(
    'Uint256DivMod',
    { dividend0: n0, dividend1: n1, divisor0: d0, divisor1: d1 },
    { quotient0: q0, quotient1: q1, remainder0: r0, remainder1: r1 },
  );
  for (const v of [q0, q1, r0, r1]) d.rc(rc, v);
  remainderLtDivisor(d, rc, d0, d1, r0, r1, one, 0);
  const [lo, hi] = d.wideMul(q0, d0);
  const part0 = d.t(d.add(lo, r0));
  const part1 = d.t(d.sub(part0, n0));
  const leftover = d.t(d.div(part1, limit));
  d.eq(leftover, d.mul(leftover, leftover));
  const qd1 = smallLargeProduct(d, rc, q1, q0, d1, d0, zero, fixer);
  const p0 = d.t(d.add(leftover, hi));
  const p1 = d.t(d.add(p0, r1));
  d.eq(n1, d.add(p1, qd1));
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[rc], [q0, q1], [r0, r1], [q0, d0, hi, lo]], undefined],
  ]);
}

function sqrt(ctx: InvocationContext) {
  const [rcR, vR] = argRefs(ctx, 2);
  const b = new CasmBuilder();
  const d = new Dsl(b);
  const rc = inBuffer(b, unpack(rcR, 1)[0]!, 6);
  const [vLow, vHigh] = unpack(vR, 2).map((x) => inDeref(b, x)) as [Var, Var];
  const u64 = d.c(U64_LIMIT);
  const u128 = d.c(U128_BOUND);
  const fix65 = d.c(2n ** 128n - 2n ** 65n);
  const half = d.c(U128_MAX / 2n + 1n);
  const [s0, s1, remLow, remHigh, ge] = [d.tv(), d.tv(), d.tv(), d.tv(), d.tv()];
  b.addHint(
    'Uint256SquareRoot',
    { value_low: vLow, value_high: vHigh },
    {
      sqrt0: s0,
      sqrt1: s1,
      remainder_low: remLow,
      remainder_high: remHigh,
      sqrt_mul_2_minus_remainder_ge_u128: ge,
    },
  );
  d.rc(rc, s0);
  d.rc(rc, s1);
  const sum = d.t(d.add(s0, s1));
  const a = d.t(d.add(sum, fix65));
  d.rc(rc, a);
  d.rc(rc, remLow);
  d.eq(remHigh, d.mul(remHigh, remHigh));
  const e1 = d.t(d.mul(s0, s0));
  const acc0 = d.t(d.add(remLow, e1));
  const acc1 = d.t(d.sub(acc0, vLow));
  const acc2 = d.t(d.div(acc1, u64));
  const temp = d.t(d.add(acc2, half));
  d.rc(rc, temp);
  const e2 = d.t(d.mul(s0, s1));
  const acc3 = d.t(d.add(acc2, e2));
  const acc4 = d.t(d.add(acc3, e2));
  const acc5 = d.t(d.div(acc4, u64));
  d.rc(rc, acc5);
  const acc6 = d.t(d.add(acc5, remHigh));
  const e3 = d.t(d.mul(s1, s1));
  d.eq(vHigh, d.add(acc6, e3));
  const shifted = d.t(d.mul(s1, u64));
  const root = d.t(d.add(s0, shifted));
  const shiftedRem = d.t(d.mul(remHigh, u128));
  const rem = d.t(d.add(remLow, shiftedRem));
  const twice = d.t(d.add(root, root));
  const twiceMinusRem = d.t(d.sub(twice, rem));
  const fixedTwice = d.tv();
  b.jumpNz(ge, 'SqrtMul2MinusRemainderGeU128');
  d.rc(rc, twiceMinusRem);
  b.jump('Done');
  b.label('SqrtMul2MinusRemainderGeU128');
  d.eq(fixedTwice, d.sub(twiceMinusRem, u128));
  d.rc(rc, fixedTwice);
  b.label('Done');
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[rc], [root]], undefined]]);
}

function invModN(ctx: InvocationContext) {
  const [rcR, bR, nR] = argRefs(ctx, 3);
  const b = new CasmBuilder();
  const d = new Dsl(b);
  const rc = inBuffer(b, unpack(rcR, 1)[0]!, 6);
  const [b0, b1] = unpack(bR, 2).map((x) => inDeref(b, x)) as [Var, Var];
  const [n0, n1] = unpack(nR, 2).map((x) => inDeref(b, x)) as [Var, Var];
  const zero = d.c(0);
  const one = d.c(1);
  const fix65 = d.c(2n ** 128n - 2n ** 65n);
  const fixI16 = d.c(U128_MAX - 32767n);
  const i16Low = d.c(-32768);
  const u128 = d.c(U128_BOUND);
  const u64 = d.c(U64_LIMIT);
  const [g0, g1, sr0, sr1, tk0, tk1] = Array.from({ length: 6 }, () => d.tv());
  b.addHint(
    'U256InvModN',
    { b0, b1, n0, n1 },
    { g0_or_no_inv: g0!, g1_option: g1!, s_or_r0: sr0!, s_or_r1: sr1!, t_or_k0: tk0!, t_or_k1: tk1! },
  );
  b.jumpNz(g0!, 'NoInverse');
  const [r0, r1, k0, k1] = [sr0!, sr1!, tk0!, tk1!].map((v) => b.duplicateVar(v)) as [Var, Var, Var, Var];
  for (const v of [r0, r1, k0, k1]) d.rc(rc, v);
  remainderLtDivisor(d, rc, n0, n1, r0, r1, one, 18);
  const [r0b0l, r0b0h] = d.wideMul(r0, b0);
  const [r0b1l, r0b1h] = d.wideMul(r0, b1);
  const [r1b0l, r1b0h] = d.wideMul(r1, b0);
  const [r1b1l, r1b1h] = d.wideMul(r1, b1);
  const [n0k0l, n0k0h] = d.wideMul(n0, k0);
  const [n0k1l, n0k1h] = d.wideMul(n0, k1);
  const [n1k0l, n1k0h] = d.wideMul(n1, k0);
  const [n1k1l, n1k1h] = d.wideMul(n1, k1);
  const p0 = d.t(d.add(n0k0l, one));
  const p1 = d.t(d.sub(p0, r0b0l));
  let leftover = d.t(d.div(p1, u128));
  d.eq(leftover, d.mul(leftover, leftover));
  const limb = (hi: Var, adds: Var[], subs: Var[]) => {
    let acc = d.t(d.add(hi, leftover));
    for (const x of adds) acc = d.t(d.add(acc, x));
    for (const x of subs) acc = d.t(d.sub(acc, x));
    leftover = d.t(d.div(acc, u128));
    d.rc(rc, d.t(d.sub(leftover, i16Low)));
    d.rc(rc, d.t(d.add(leftover, fixI16)));
  };
  limb(n0k0h, [n0k1l, n1k0l], [r0b0h, r0b1l, r1b0l]);
  limb(n0k1h, [n1k0h, n1k1l], [r1b0h, r0b1h, r1b1l]);
  d.eq(r1b1h, d.add(n1k1h, leftover));
  b.jump('Done');

  b.label('NoInverse');
  const [gg0, gg1, s0, s1, t0, t1] = [g0!, g1!, sr0!, sr1!, tk0!, tk1!].map((v) =>
    b.duplicateVar(v),
  ) as Var[];
  for (const v of [gg0!, gg1!, s0!, s1!, t0!, t1!]) d.rc(rc, v);
  const g0m1 = d.tv();
  b.jumpNz(gg1!, 'GIsValid');
  d.eq(g0m1, d.sub(gg0!, one));
  b.jumpNz(g0m1, 'GIsValid');
  d.eq(n1, zero);
  d.eq(n0, one);
  b.label('GIsValid');
  const g0s0Low = b.duplicateVar(b0);
  const g0s0High = d.tv();
  b.addHint('WideMul128', { lhs: gg0!, rhs: s0! }, { high: g0s0High, low: g0s0Low });
  const g0t0Low = b.duplicateVar(n0);
  const g0t0High = d.tv();
  b.addHint('WideMul128', { lhs: gg0!, rhs: t0! }, { high: g0t0High, low: g0t0Low });
  const [gs1, gt1, smalls] = [d.tv(), d.tv(), d.tv()];
  b.jumpNz(gg1!, 'S1_AND_T1_EQ_ZERO');
  d.eq(gs1, d.mul(s1!, gg0!));
  d.eq(gt1, d.mul(t1!, gg0!));
  const g0Small = d.tv();
  b.addHint('TestLessThan', { lhs: gg0!, rhs: u64 }, { dst: g0Small });
  b.jumpNz(g0Small, 'G0IsSmall');
  d.eq(smalls, d.add(s1!, t1!));
  b.jump('MERGE');
  b.label('G0IsSmall');
  d.eq(smalls, gg0!);
  b.jump('MERGE');
  b.label('S1_AND_T1_EQ_ZERO');
  d.eq(gs1, d.mul(s0!, gg1!));
  d.eq(gt1, d.mul(t0!, gg1!));
  d.eq(s1!, zero);
  d.eq(t1!, zero);
  const g1Small = d.tv();
  b.addHint('TestLessThan', { lhs: gg1!, rhs: u64 }, { dst: g1Small });
  b.jumpNz(g1Small, 'G1IsSmall');
  d.eq(smalls, d.add(s0!, t0!));
  b.jump('MERGE');
  b.label('G1IsSmall');
  d.eq(smalls, gg1!);
  b.label('MERGE');
  const fixed = d.t(d.add(smalls, fix65));
  d.rc(rc, fixed);
  d.eq(b1, d.add(gs1, g0s0High));
  d.eq(n1, d.add(gt1, g0t0High));
  b.jump('Failure');
  b.label('Done');
  return buildFromCasmBuilder(ctx, b, [
    [
      'Fallthrough',
      [
        [rc],
        [r0, r1],
        [r0, b0, r0b0h, r0b0l],
        [r0, b1, r0b1h, r0b1l],
        [r1, b0, r1b0h, r1b0l],
        [r1, b1, r1b1h, r1b1l],
        [n0, k0, n0k0h, n0k0l],
        [n0, k1, n0k1h, n0k1l],
        [n1, k0, n1k0h, n1k0l],
        [n1, k1, n1k1h, n1k1l],
      ],
      undefined,
    ],
    [
      'Failure',
      [[rc], [gg0!, s0!, g0s0High, g0s0Low], [gg0!, t0!, g0t0High, g0t0Low]],
      nonFallthroughTarget(ctx),
    ],
  ]);
}

function u512Divmod(ctx: InvocationContext) {
  const [rcR, dv, ds] = argRefs(ctx, 3);
  const b = new CasmBuilder();
  const d = new Dsl(b);
  const rc = inBuffer(b, unpack(rcR, 1)[0]!, 9);
  const [n0, n1, n2, n3] = unpack(dv, 4).map((x) => inDeref(b, x)) as [Var, Var, Var, Var];
  const [d0, d1] = unpack(ds, 2).map((x) => inDeref(b, x)) as [Var, Var];
  const zero = d.c(0);
  const one = d.c(1);
  const minus4 = d.c(U128_MAX - 3n);
  const fixer = d.c(U128_MAX - (U64_LIMIT - 1n));
  const limit = d.c(U128_BOUND);
  const [q0, q1, q2, q3, r0, r1] = Array.from({ length: 6 }, () => d.tv()) as [Var, Var, Var, Var, Var, Var];
  b.addHint(
    'Uint512DivModByUint256',
    { dividend0: n0, dividend1: n1, dividend2: n2, dividend3: n3, divisor0: d0, divisor1: d1 },
    { quotient0: q0, quotient1: q1, quotient2: q2, quotient3: q3, remainder0: r0, remainder1: r1 },
  );
  for (const v of [q0, q1, q2, q3, r0, r1]) d.rc(rc, v);
  remainderLtDivisor(d, rc, d0, d1, r0, r1, one, 12);
  const [q0d0l, q0d0h] = d.wideMul(q0, d0);
  const [q1d0l, q1d0h] = d.wideMul(q1, d0);
  const [q0d1l, q0d1h] = d.wideMul(q0, d1);
  const [q1d1l, q1d1h] = d.wideMul(q1, d1);
  const [q2d0l, q2d0h] = d.wideMul(q2, d0);
  const p0 = d.t(d.add(q0d0l, r0));
  const p1 = d.t(d.sub(p0, n0));
  let leftover = d.t(d.div(p1, limit));
  d.eq(leftover, d.mul(leftover, leftover));
  const limb = (first: Var, adds: Var[], sub: Var) => {
    let acc = d.t(d.add(leftover, first));
    for (const x of adds) acc = d.t(d.add(acc, x));
    acc = d.t(d.sub(acc, sub));
    leftover = d.t(d.div(acc, limit));
    d.rc(rc, leftover);
    d.rc(rc, d.t(d.add(leftover, minus4)));
  };
  limb(q0d0h, [q1d0l, q0d1l, r1], n1);
  limb(q1d0h, [q0d1h, q1d1l, q2d0l], n2);
  const qd3 = smallLargeProduct(d, rc, q3, q2, d1, d0, zero, fixer);
  const a0 = d.t(d.add(leftover, q2d0h));
  const a1 = d.t(d.add(a0, q1d1h));
  d.eq(n3, d.add(a1, qd3));
  return buildFromCasmBuilder(ctx, b, [
    [
      'Fallthrough',
      [
        [rc],
        [q0, q1, q2, q3],
        [r0, r1],
        [q0, d0, q0d0h, q0d0l],
        [q0, d1, q0d1h, q0d1l],
        [q1, d0, q1d0h, q1d0l],
        [q1, d1, q1d1h, q1d1l],
        [q2, d0, q2d0h, q2d0l],
      ],
      undefined,
    ],
  ]);
}

export const u256Libfuncs: Record<string, LibfuncDef> = {
  u256_is_zero: { apChange: () => [known(0), known(0)], cost: () => [steps(2), steps(2)], build: isZero },
  u256_safe_divmod: { apChange: () => [known(19)], cost: () => [regular(cc(26, 6))], build: divmod },
  u256_sqrt: { apChange: () => [known(25)], cost: () => [regular(cc(30, 7))], build: sqrt },
  u256_guarantee_inv_mod_n: {
    apChange: () => [known(46), known(14)],
    cost: () => [regular(cc(40, 9)), regular(cc(25, 7))],
    build: invModN,
  },
  u512_safe_divmod_by_u256: {
    apChange: () => [known(43)],
    cost: () => [regular(cc(47, 12))],
    build: u512Divmod,
  },
};
