import { P } from '@starling/felt';
import { CasmBuilder, type Var } from '../../casm/builder.js';
import {
  buildFromCasmBuilder,
  inBuffer,
  inDeref,
  inDerefOrImm,
  nonFallthroughTarget,
  singleCells,
} from '../invocation.js';
import type { InvocationContext } from '../types.js';
import { type Range, U128_BOUND } from './range.js';

/** `a == b` on single cells: fallthrough when different, jump when equal. */
export function buildCellEq(ctx: InvocationContext) {
  const [aE, bE] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const a = inDeref(b, aE!);
  const c = inDerefOrImm(b, bE!);
  const diff = b.allocVar();
  b.assertVarsEq(diff, b.binOp('-', a, c));
  b.jumpNz(diff, 'NotEqual');
  b.jump('Equal');
  b.label('NotEqual');
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [], undefined],
    ['Equal', [], nonFallthroughTarget(ctx)],
  ]);
}

export function buildSmallWideMul(ctx: InvocationContext) {
  const [aE, bE] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const a = inDeref(b, aE!);
  const c = inDerefOrImm(b, bE!);
  const res = b.binOp('*', a, c);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[res]], undefined]]);
}

/** Overflowing subtraction with wrap-around at `limit` (SmallDiffHelper). */
export function buildSmallDiff(
  ctx: InvocationContext,
  limit: bigint,
  shape?: (v: { rc: Var; a: Var; b: Var; aMinusB: Var; wrap: Var }) => [Var[][], Var[][]],
) {
  const [rcE, aE, bE] = singleCells(ctx, 3);
  const b = new CasmBuilder();
  const rc = inBuffer(b, rcE!, 0);
  const a = inDeref(b, aE!);
  const c = inDeref(b, bE!);
  const aGeB = b.allocVar();
  const aMinusB = b.allocVar();
  b.assertVarsEq(aMinusB, b.binOp('-', a, c));
  const u128Limit = b.const(U128_BOUND);
  const lim = b.const(limit);
  b.addHint('TestLessThan', { lhs: aMinusB, rhs: lim }, { dst: aGeB });
  b.jumpNz(aGeB, 'NoOverflow');
  const fixed = b.allocVar();
  b.assertVarsEq(fixed, b.binOp('+', aMinusB, u128Limit));
  b.bufferWriteAndInc(rc, fixed);
  const wrapping = b.binOp('+', aMinusB, lim);
  b.jump('Overflow');
  b.label('NoOverflow');
  b.bufferWriteAndInc(rc, aMinusB);
  const wrap = limit === U128_BOUND ? fixed : wrapping;
  const [ok, overflow] = shape
    ? shape({ rc, a, b: c, aMinusB, wrap })
    : [
        [[rc], [aMinusB]],
        [[rc], [wrap]],
      ];
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', ok, undefined],
    ['Overflow', overflow, nonFallthroughTarget(ctx)],
  ]);
}

export type DivRemAlg =
  | { kind: 'small_rhs' }
  | { kind: 'small_quotient'; qUpper: bigint }
  | { kind: 'small_lhs'; lhsUpperSqrt: bigint };

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

/** BoundedIntDivRemAlgorithm::try_new */
export function divRemAlgorithm(lhs: Range, rhs: Range): DivRemAlg | undefined {
  const qMax = (lhs.upper - 1n) / (rhs.lower > 1n ? rhs.lower : 1n);
  if (!(qMax < U128_BOUND)) return undefined;
  if (!(rhs.upper <= U128_BOUND + 1n)) return undefined;
  if (rhs.upper * U128_BOUND < P) return { kind: 'small_rhs' };
  const qUpper = qMax + 1n;
  if (qUpper * U128_BOUND < P) return { kind: 'small_quotient', qUpper };
  let s = isqrt(lhs.upper);
  if (s * s !== lhs.upper) s += 1n;
  if (s * U128_BOUND < P && s < U128_BOUND) return { kind: 'small_lhs', lhsUpperSqrt: s };
  return undefined;
}

/** Division with remainder of bounded values (bounded_int_div_rem, uN_safe_divmod). */
export function buildDivRem(ctx: InvocationContext, alg: DivRemAlg) {
  const [rcE, aE, bE] = singleCells(ctx, 3);
  const b = new CasmBuilder();
  const rc = inBuffer(b, rcE!, alg.kind === 'small_rhs' ? 2 : 3);
  const a = inDeref(b, aE!);
  const d = inDeref(b, bE!);
  const rPlus1 = b.allocVar();
  const bMinusRMinus1 = b.allocVar();
  let qIsSmall: Var | undefined;
  let bound: Var | undefined;
  if (alg.kind === 'small_quotient') bound = b.allocVar();
  else if (alg.kind === 'small_lhs') {
    qIsSmall = b.allocVar();
    bound = b.allocVar();
  }
  const bq = b.allocVar();
  const q = b.allocVar();
  const r = b.allocVar();
  b.addHint('DivMod', { lhs: a, rhs: d }, { quotient: q, remainder: r });
  const qAfter = alg.kind === 'small_rhs';
  if (!qAfter) b.bufferWriteAndInc(rc, q);
  b.bufferWriteAndInc(rc, r);
  const one = b.const(1);
  b.assertVarsEq(rPlus1, b.binOp('+', r, one));
  b.assertVarsEq(bMinusRMinus1, b.binOp('-', d, rPlus1));
  b.bufferWriteAndInc(rc, bMinusRMinus1);
  if (qAfter) b.bufferWriteAndInc(rc, q);
  if (alg.kind === 'small_quotient') {
    const fix = b.const(U128_BOUND - alg.qUpper);
    b.assertVarsEq(bound!, b.binOp('+', q, fix));
    b.bufferWriteAndInc(rc, bound!);
  } else if (alg.kind === 'small_lhs') {
    const limiter = b.const(alg.lhsUpperSqrt);
    b.addHint('TestLessThan', { lhs: q, rhs: limiter }, { dst: qIsSmall! });
    const fix = b.const(U128_BOUND - alg.lhsUpperSqrt);
    b.jumpNz(qIsSmall!, 'QIsSmall');
    b.assertVarsEq(bound!, b.binOp('+', d, fix));
    b.jump('VerifyBQ');
    b.label('QIsSmall');
    b.assertVarsEq(bound!, b.binOp('+', q, fix));
    b.label('VerifyBQ');
    b.bufferWriteAndInc(rc, bound!);
  }
  b.assertVarsEq(bq, b.binOp('*', d, q));
  b.assertVarsEq(a, b.binOp('+', bq, r));
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[rc], [q], [r]], undefined]]);
}

export function buildSqrt(ctx: InvocationContext) {
  const [rcE, vE] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const rc = inBuffer(b, rcE!, 3);
  const value = inDeref(b, vE!);
  const fixedRoot = b.allocVar();
  const rootSquared = b.allocVar();
  const vMinusRs = b.allocVar();
  const rootTimesTwo = b.allocVar();
  const diff = b.allocVar();
  const root = b.allocVar();
  b.addHint('SquareRoot', { value }, { dst: root });
  const fixer = b.const(U128_BOUND - 1n - (2n ** 125n - 1n));
  b.assertVarsEq(fixedRoot, b.binOp('+', root, fixer));
  b.bufferWriteAndInc(rc, root);
  b.bufferWriteAndInc(rc, fixedRoot);
  b.assertVarsEq(rootSquared, b.binOp('*', root, root));
  b.assertVarsEq(vMinusRs, b.binOp('-', value, rootSquared));
  b.bufferWriteAndInc(rc, vMinusRs);
  b.assertVarsEq(rootTimesTwo, b.binOp('+', root, root));
  b.assertVarsEq(diff, b.binOp('-', rootTimesTwo, vMinusRs));
  b.bufferWriteAndInc(rc, diff);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[rc], [root]], undefined]]);
}

export function buildBitwise(ctx: InvocationContext) {
  const [bwE, xE, yE] = singleCells(ctx, 3);
  const b = new CasmBuilder();
  const x = inDeref(b, xE!);
  const y = inDeref(b, yE!);
  const bw = inBuffer(b, bwE!, 4);
  b.bufferWriteAndInc(bw, x);
  b.bufferWriteAndInc(bw, y);
  const and = b.getRefAndInc(bw);
  const xor = b.getRefAndInc(bw);
  const or = b.getRefAndInc(bw);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[bw], [and], [xor], [or]], undefined]]);
}
