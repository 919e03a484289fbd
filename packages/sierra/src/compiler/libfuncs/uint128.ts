import { CasmBuilder } from '../../casm/builder.js';
import { compileError } from '../../errors.js';
import { buildFromCasmBuilder, inBuffer, inDeref, nonFallthroughTarget, singleCells } from '../invocation.js';
import type { InvocationContext } from '../types.js';
import { U128_BOUND, U128_MAX } from './range.js';

const U64_LIMIT = 1n << 64n;

export function buildU128OverflowingAdd(ctx: InvocationContext) {
  const [rcE, aE, bE] = singleCells(ctx, 3);
  const b = new CasmBuilder();
  const rc = inBuffer(b, rcE!, 0);
  const a = inDeref(b, aE!);
  const c = inDeref(b, bE!);
  const noOverflow = b.allocVar();
  const sum = b.allocVar();
  b.assertVarsEq(sum, b.binOp('+', a, c));
  const limit = b.const(U128_BOUND);
  b.addHint('TestLessThan', { lhs: sum, rhs: limit }, { dst: noOverflow });
  b.jumpNz(noOverflow, 'NoOverflow');
  const wrapping = b.allocVar();
  b.assertVarsEq(wrapping, b.binOp('-', sum, limit));
  b.bufferWriteAndInc(rc, wrapping);
  b.jump('Target');
  b.label('NoOverflow');
  b.bufferWriteAndInc(rc, sum);
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[rc], [sum]], undefined],
    ['Target', [[rc], [wrapping]], nonFallthroughTarget(ctx)],
  ]);
}

/** Small unsigned overflowing add (u8..u64). */
export function buildSmallUintOverflowingAdd(ctx: InvocationContext, limit: bigint) {
  const [rcE, aE, bE] = singleCells(ctx, 3);
  const b = new CasmBuilder();
  const rc = inBuffer(b, rcE!, 0);
  const a = inDeref(b, aE!);
  const c = inDeref(b, bE!);
  const noOverflow = b.allocVar();
  const deferred = b.binOp('+', a, c);
  const fixer = b.const(U128_MAX - limit + 1n);
  const lim = b.const(limit);
  b.addHint('TestLessThan', { lhs: deferred, rhs: lim }, { dst: noOverflow });
  b.jumpNz(noOverflow, 'NoOverflow');
  const temp = b.allocVar();
  b.assertVarsEq(temp, deferred);
  const fixedSum = b.allocVar();
  b.assertVarsEq(fixedSum, b.binOp('-', temp, lim));
  b.bufferWriteAndInc(rc, fixedSum);
  b.jump('Target');
  b.label('NoOverflow');
  const tempFixed = b.allocVar();
  const sum = b.allocVar();
  b.assertVarsEq(sum, deferred);
  b.assertVarsEq(tempFixed, b.binOp('+', sum, fixer));
  b.bufferWriteAndInc(rc, tempFixed);
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[rc], [sum]], undefined],
    ['Target', [[rc], [fixedSum]], nonFallthroughTarget(ctx)],
  ]);
}

export function buildU128GuaranteeMul(ctx: InvocationContext) {
  const [aE, bE] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const a = inDeref(b, aE!);
  const c = inDeref(b, bE!);
  const high = b.allocVar();
  const low = b.allocVar();
  b.addHint('WideMul128', { lhs: a, rhs: c }, { high, low });
  b.addAp(2);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[high], [low], [a, c, high, low]], undefined]]);
}

export function buildU128MulGuaranteeVerify(ctx: InvocationContext) {
  const [rcR, g] = ctx.refs;
  if (rcR?.length !== 1 || g?.length !== 4) throw compileError('invalid u128_mul_guarantee_verify arguments');
  const b = new CasmBuilder();
  const rc = inBuffer(b, rcR[0]!, 8);
  const [a, c, resHigh, resLow] = g.map((x) => inDeref(b, x)) as [number, number, number, number];
  const a0 = b.allocVar();
  const a1 = b.allocVar();
  const u64Limit = b.const(U64_LIMIT);
  b.addHint('DivMod', { lhs: a, rhs: u64Limit }, { quotient: a1, remainder: a0 });
  const u64Fixer = b.const(U128_MAX - (U64_LIMIT - 1n));
  const fixedA0 = b.allocVar();
  b.assertVarsEq(fixedA0, b.binOp('+', a0, u64Fixer));
  b.bufferWriteAndInc(rc, fixedA0);
  b.bufferWriteAndInc(rc, a0);
  b.bufferWriteAndInc(rc, a1);
  const a1Shift = b.allocVar();
  b.assertVarsEq(a1Shift, b.binOp('*', a1, u64Limit));
  b.assertVarsEq(a, b.binOp('+', a1Shift, a0));
  const a0b = b.allocVar();
  b.assertVarsEq(a0b, b.binOp('*', a0, c));
  const a1b = b.allocVar();
  b.assertVarsEq(a1b, b.binOp('*', a1, c));
  const upper = b.allocVar();
  const bottom = b.allocVar();
  b.addHint('DivMod', { lhs: a1b, rhs: u64Limit }, { quotient: upper, remainder: bottom });
  const fixedBottom = b.allocVar();
  b.assertVarsEq(fixedBottom, b.binOp('+', bottom, u64Fixer));
  b.bufferWriteAndInc(rc, fixedBottom);
  b.bufferWriteAndInc(rc, bottom);
  b.bufferWriteAndInc(rc, upper);
  const upperShift = b.allocVar();
  b.assertVarsEq(upperShift, b.binOp('*', upper, u64Limit));
  b.assertVarsEq(a1b, b.binOp('+', upperShift, bottom));
  const shiftedBottom = b.allocVar();
  b.assertVarsEq(shiftedBottom, b.binOp('*', bottom, u64Limit));
  const carry = b.allocVar();
  const fixedCarry = b.allocVar();
  const shiftedCarry = b.allocVar();
  const lowerWithCarry = b.allocVar();
  b.assertVarsEq(lowerWithCarry, b.binOp('+', a0b, shiftedBottom));
  const u128Limit = b.const(U128_BOUND);
  b.addHint('DivMod', { lhs: lowerWithCarry, rhs: u128Limit }, { quotient: carry, remainder: resLow });
  const carryFixer = b.const(U128_MAX - (2n ** 65n - 1n));
  b.assertVarsEq(fixedCarry, b.binOp('+', carry, carryFixer));
  b.bufferWriteAndInc(rc, fixedCarry);
  b.bufferWriteAndInc(rc, carry);
  b.bufferWriteAndInc(rc, resLow);
  b.assertVarsEq(shiftedCarry, b.binOp('*', carry, u128Limit));
  b.assertVarsEq(lowerWithCarry, b.binOp('+', shiftedCarry, resLow));
  b.assertVarsEq(resHigh, b.binOp('+', upper, carry));
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[rc]], undefined]]);
}

export function buildU128FromFelt252(ctx: InvocationContext) {
  const [rcE, vE] = singleCells(ctx, 2);
  const maxX = 10633823966279327296825105735305134080n;
  const maxY = 0n;
  const b = new CasmBuilder();
  const rc = inBuffer(b, rcE!, 3);
  const value = inDeref(b, vE!);
  const isU128 = b.allocVar();
  const limit = b.const(U128_BOUND);
  b.addHint('TestLessThan', { lhs: value, rhs: limit }, { dst: isU128 });
  b.jumpNz(isU128, 'NoOverflow');
  const x2128 = b.allocVar();
  const xMinusMaxX = b.allocVar();
  const rced = b.allocVar();
  const x = b.allocVar();
  const y = b.allocVar();
  b.addHint('DivMod', { lhs: value, rhs: limit }, { quotient: x, remainder: y });
  b.bufferWriteAndInc(rc, x);
  b.bufferWriteAndInc(rc, y);
  b.assertVarsEq(x2128, b.binOp('*', x, limit));
  b.assertVarsEq(value, b.binOp('+', x2128, y));
  const minusMaxX = b.const(-maxX);
  b.assertVarsEq(xMinusMaxX, b.binOp('+', x, minusMaxX));
  b.jumpNz(xMinusMaxX, 'XNotMaxX');
  const leFix = b.const(U128_BOUND - maxY - 1n);
  b.assertVarsEq(rced, b.binOp('+', y, leFix));
  b.jump('WriteRcedValue');
  b.label('XNotMaxX');
  const ltFix = b.const(U128_BOUND - maxX);
  b.assertVarsEq(rced, b.binOp('+', x, ltFix));
  b.label('WriteRcedValue');
  b.bufferWriteAndInc(rc, rced);
  b.jumpNz(x, 'FailureHandle');
  b.fail();
  b.label('NoOverflow');
  b.bufferWriteAndInc(rc, value);
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[rc], [value]], undefined],
    ['FailureHandle', [[rc], [x], [y]], nonFallthroughTarget(ctx)],
  ]);
}

export function buildU128ByteReverse(ctx: InvocationContext) {
  const [bwE, inE] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const input = inDeref(b, inE!);
  const bw = inBuffer(b, bwE!, 20);
  const masks = [
    0x00ff00ff00ff00ff00ff00ff00ff00ffn,
    0x00ffff0000ffff0000ffff0000ffff00n,
    0x00ffffffff00000000ffffffff000000n,
    0x00ffffffffffffffff00000000000000n,
  ];
  let temp = input;
  let shift = 1n << 16n;
  for (const m of masks) {
    b.bufferWriteAndInc(bw, temp);
    const maskImm = b.const(m);
    const shiftImm = b.const(shift - 1n);
    const mask = b.allocVar();
    b.assertVarsEq(mask, maskImm);
    b.bufferWriteAndInc(bw, mask);
    const and = b.allocVar();
    b.assertVarsEq(and, b.getRefAndInc(bw));
    b.getRefAndInc(bw);
    b.getRefAndInc(bw);
    const shifted = b.allocVar();
    b.assertVarsEq(shifted, b.binOp('*', and, shiftImm));
    const x = b.allocVar();
    b.assertVarsEq(x, b.binOp('+', temp, shifted));
    shift *= shift;
    temp = x;
  }
  const inv = b.const(-0x800000000000011000000000000000000n);
  const result = b.binOp('*', temp, inv);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[bw], [result]], undefined]]);
}

/** Signed overflowing add/sub with three branches: in range, below, above. */
export function buildSintOverflowing(ctx: InvocationContext, min: bigint, max: bigint, op: 'add' | 'sub') {
  const [rcE, lE, rE] = singleCells(ctx, 3);
  const br = ctx.invocation.branches;
  if (br.length !== 3 || br[0]!.target !== null || br[1]!.target === null || br[2]!.target === null) {
    throw compileError('malformed invocation');
  }
  const b = new CasmBuilder();
  const rc = inBuffer(b, rcE!, 1);
  const lhs = inDeref(b, lE!);
  const rhs = inDeref(b, rE!);
  const value = b.allocVar();
  b.assertVarsEq(value, b.binOp(op === 'add' ? '+' : '-', lhs, rhs));
  const posFix = b.const(-min);
  const size = b.const(max - min + 1n);
  const canonical = b.binOp('+', value, posFix);
  const inRange = b.allocVar();
  b.addHint('TestLessThan', { lhs: canonical, rhs: size }, { dst: inRange });
  b.jumpNz(inRange, 'IsInRange');
  const isAbove = b.allocVar();
  const aboveBound = b.const(U128_BOUND);
  b.addHint('TestLessThan', { lhs: value, rhs: aboveBound }, { dst: isAbove });
  b.jumpNz(isAbove, 'IsAbove');
  const minFix = b.const(U128_MAX + 1n - min);
  const rc1 = b.allocVar();
  b.assertVarsEq(rc1, b.binOp('+', value, minFix));
  b.bufferWriteAndInc(rc, rc1);
  const fixedBelow = b.binOp('+', value, size);
  b.jump('Below');
  b.label('IsAbove');
  const maxPlus1 = b.const(max + 1n);
  const rc2 = b.allocVar();
  b.assertVarsEq(rc2, b.binOp('-', value, maxPlus1));
  b.bufferWriteAndInc(rc, rc2);
  const fixedAbove = b.binOp('-', value, size);
  b.jump('Above');
  b.label('IsInRange');
  const rc3 = b.allocVar();
  b.assertVarsEq(rc3, canonical);
  b.bufferWriteAndInc(rc, rc3);
  if (!(min === -(2n ** 127n) && max === 2n ** 127n - 1n)) {
    const fixerLimit = b.const(U128_MAX - max);
    const rc4 = b.allocVar();
    b.assertVarsEq(rc4, b.binOp('+', value, fixerLimit));
    b.bufferWriteAndInc(rc, rc4);
  }
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[rc], [value]], undefined],
    ['Below', [[rc], [fixedBelow]], br[1]!.target!],
    ['Above', [[rc], [fixedAbove]], br[2]!.target!],
  ]);
}
