import { CasmBuilder, stateGetAdjusted, type Var } from '../../casm/builder.js';
import { cc, regular } from '../gas/objects.js';
import { buildFromCasmBuilder, buildPlain, inBuffer, inDeref, singleCells } from '../invocation.js';
import { type InvocationContext, known, type LibfuncDef } from '../types.js';
import { identity } from './core.js';

const UNIQUE_KEY_COST = cc(46, 6);
const REPEATED_ACCESS_COST = cc(9, 1);
const FIXED_COST = cc(57, 3);
const costValue = (c: { steps: number; rangeChecks: number }) => c.steps * 100 + c.rangeChecks * 70;

/** Small helpers mirroring casm_build_extend statements. */
function tempvarEq(b: CasmBuilder, value: Var, local = false): Var {
  const v = b.allocVar(local);
  b.assertVarsEq(v, value);
  return v;
}
const derefAt = (b: CasmBuilder, buf: Var, off: number) => b.doubleDeref(buf, off);

function dictNew(ctx: InvocationContext) {
  const [pE] = singleCells(ctx, 1);
  const b = new CasmBuilder();
  const p = inBuffer(b, pE!, 2);
  b.addHint('AllocFelt252Dict', { segment_arena_ptr: p }, {});
  const infosStart = tempvarEq(b, derefAt(b, p, -3));
  const nSegments = tempvarEq(b, derefAt(b, p, -2));
  const nFinalized = tempvarEq(b, derefAt(b, p, -1));
  b.bufferWriteAndInc(p, infosStart);
  const one = b.const(1);
  const newN = tempvarEq(b, b.binOp('+', nSegments, one));
  b.bufferWriteAndInc(p, newN);
  b.bufferWriteAndInc(p, nFinalized);
  const three = b.const(3);
  const offset = tempvarEq(b, b.binOp('*', nSegments, three));
  const endPtr = tempvarEq(b, b.binOp('+', infosStart, offset));
  const end = derefAt(b, endPtr, 0);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[p], [end]], undefined]]);
}

function validateFelt252Le(b: CasmBuilder, rc: Var, a: Var, c: Var): void {
  const one = b.const(1);
  const minus1 = b.const(-1);
  const p3 = b.const(3544607988759775765608368578435044694n);
  const p2 = b.const(5316911983139663648412552867652567041n);
  b.addHint('AssertLeFindSmallArcs', { range_check_ptr: rc, a, b: c }, {});
  const pull = () => {
    const v = b.allocVar();
    b.bufferWriteAndInc(rc, v);
    return v;
  };
  const shortLow = pull();
  const shortHighTemp = pull();
  const shortHigh = tempvarEq(b, b.binOp('*', shortHighTemp, p3));
  const arcShort = tempvarEq(b, b.binOp('+', shortLow, shortHigh));
  const longLow = pull();
  const longHighTemp = pull();
  const longHigh = tempvarEq(b, b.binOp('*', longHighTemp, p2));
  const arcLong = tempvarEq(b, b.binOp('+', longLow, longHigh));
  const arcSum = tempvarEq(b, b.binOp('+', arcShort, arcLong));
  const arcProd = tempvarEq(b, b.binOp('*', arcShort, arcLong));
  const skipA = b.allocVar();
  b.addHint('AssertLeIsFirstArcExcluded', {}, { skip_exclude_a_flag: skipA });
  b.jumpNz(skipA, 'AssertLeFelt252SkipExcludeA');
  const minusA = tempvarEq(b, b.binOp('*', a, minus1));
  b.assertVarsEq(arcSum, b.binOp('+', minusA, minus1));
  const aMinusB = tempvarEq(b, b.binOp('-', a, c));
  const bPlus1 = tempvarEq(b, b.binOp('+', c, one));
  b.assertVarsEq(arcProd, b.binOp('*', aMinusB, bPlus1));
  b.jump('EndOfFelt252Le');
  b.label('AssertLeFelt252SkipExcludeA');
  const skipBMinusA = b.allocVar();
  b.addHint('AssertLeIsSecondArcExcluded', {}, { skip_exclude_b_minus_a: skipBMinusA });
  b.jumpNz(skipBMinusA, 'AssertLeFelt252SkipExcludeBMinusA');
  const minusB = tempvarEq(b, b.binOp('*', c, minus1));
  const minusBMinus1 = tempvarEq(b, b.binOp('+', minusB, minus1));
  b.assertVarsEq(arcSum, b.binOp('+', a, minusBMinus1));
  b.assertVarsEq(arcProd, b.binOp('*', a, minusBMinus1));
  b.jump('EndOfFelt252Le');
  b.label('AssertLeFelt252SkipExcludeBMinusA');
  b.allocVar();
  b.assertVarsEq(arcSum, c);
  const bMinusA = tempvarEq(b, b.binOp('-', c, a));
  b.assertVarsEq(arcProd, b.binOp('*', a, bMinusA));
  b.label('EndOfFelt252Le');
}

function validateFelt252Lt(b: CasmBuilder, rc: Var, a: Var, c: Var): void {
  const diff = tempvarEq(b, b.binOp('-', a, c));
  b.jumpNz(diff, 'AssertLtFelt252Continue');
  b.fail();
  b.label('AssertLtFelt252Continue');
  validateFelt252Le(b, rc, a, c);
}

function dictSquash(ctx: InvocationContext) {
  const [rcE, gasE, segE, endE] = singleCells(ctx, 4);
  const b = new CasmBuilder();
  const segmentArena = inBuffer(b, segE!, 2);
  const rangeCheck = inBuffer(b, rcE!, 0);
  const gas = inDeref(b, gasE!);
  const dictEnd = inBuffer(b, endE!, 0);
  const accessSize = b.const(3);
  const infoSize = b.const(3);
  const one = b.const(1);
  const refund = b.const(costValue(UNIQUE_KEY_COST) - costValue(REPEATED_ACCESS_COST));
  const dRc = tempvarEq(b, rangeCheck);
  const dGas = tempvarEq(b, gas);
  const dSeg = tempvarEq(b, segmentArena);
  const dEnd = tempvarEq(b, dictEnd);
  const [fRc, fGas, fSeg, fStart, fEnd] = b.callWithResults('DestructDict', 5) as [Var, Var, Var, Var, Var];
  b.jump('DONE');

  // DestructDict.
  b.label('DestructDict');
  const dictIndex = b.allocVar(true);
  const accessesLen = b.allocVar(true);
  b.addHint('GetSegmentArenaIndex', { dict_end_ptr: dEnd }, { dict_index: dictIndex });
  const infos = tempvarEq(b, derefAt(b, dSeg, -3), true);
  const nDicts = tempvarEq(b, derefAt(b, dSeg, -2), true);
  const nDestructed = tempvarEq(b, derefAt(b, dSeg, -1), true);
  b.bufferWriteAndInc(dRc, dictIndex);
  const nDictsMinus1 = tempvarEq(b, b.binOp('-', nDicts, one));
  const nmi = tempvarEq(b, b.binOp('-', nDictsMinus1, dictIndex));
  b.bufferWriteAndInc(dRc, nmi);
  const infoOffset = tempvarEq(b, b.binOp('*', dictIndex, infoSize));
  const infoPtr = tempvarEq(b, b.binOp('+', infos, infoOffset));
  b.assertVarsEq(nDestructed, derefAt(b, infoPtr, 2));
  b.assertVarsEq(dEnd, derefAt(b, infoPtr, 1));
  b.bufferWriteAndInc(dSeg, infos);
  b.bufferWriteAndInc(dSeg, nDicts);
  const nDestructedPlus1 = tempvarEq(b, b.binOp('+', nDestructed, one));
  b.bufferWriteAndInc(dSeg, nDestructedPlus1);
  const sqRc = tempvarEq(b, dRc);
  const sqStart = tempvarEq(b, derefAt(b, infoPtr, 0));
  const sqEnd = tempvarEq(b, dEnd);
  b.assertVarsEq(accessesLen, b.binOp('-', dEnd, sqStart));
  const [rcAfter, squashedEnd, squashedStart] = b.callWithResults('SquashDict', 3) as [Var, Var, Var];
  const squashedLen = tempvarEq(b, b.binOp('-', squashedEnd, squashedStart));
  const lenDiff = tempvarEq(b, b.binOp('-', accessesLen, squashedLen));
  const nRefunded = tempvarEq(b, b.binOp('/', lenDiff, accessSize));
  const gasToRefund = tempvarEq(b, b.binOp('*', nRefunded, refund));
  tempvarEq(b, rcAfter);
  tempvarEq(b, b.binOp('+', dGas, gasToRefund));
  tempvarEq(b, dSeg);
  tempvarEq(b, squashedStart);
  tempvarEq(b, squashedEnd);
  b.ret();

  // SquashDict.
  b.label('SquashDict');
  const ptrDiff = tempvarEq(b, b.binOp('-', sqEnd, sqStart), true);
  const firstKey = b.allocVar(true);
  const bigKeys = b.allocVar(true);
  const squashedDictStart = b.allocVar(true);
  b.addAp(3);
  b.addHint('AllocSegment', {}, { dst: squashedDictStart });
  b.jumpNz(ptrDiff, 'SquashDictNotEmpty');
  tempvarEq(b, sqRc);
  tempvarEq(b, squashedDictStart);
  tempvarEq(b, squashedDictStart);
  b.ret();
  b.label('SquashDictNotEmpty');
  const nAccesses = tempvarEq(b, b.binOp('/', ptrDiff, accessSize));
  b.addHint(
    'InitSquashData',
    { dict_accesses: sqStart, ptr_diff: ptrDiff, n_accesses: nAccesses },
    { big_keys: bigKeys, first_key: firstKey },
  );
  const tempRc = b.duplicateVar(sqRc);
  const innerRc = b.allocVar();
  b.jumpNz(bigKeys, 'SquashDictIfBigKeys');
  b.bufferWriteAndInc(tempRc, firstKey);
  b.assertVarsEq(innerRc, tempRc);
  const scope: [Var, Var][] = [
    [innerRc, innerRc],
    [sqStart, sqStart],
    [sqEnd, sqEnd],
    [squashedDictStart, squashedDictStart],
    [one, one],
    [firstKey, firstKey],
    [nAccesses, nAccesses],
    [bigKeys, bigKeys],
  ];
  b.rescope(scope);
  b.jump('SquashDictEndIfBigKeys');
  b.label('SquashDictIfBigKeys');
  b.assertVarsEq(innerRc, tempRc);
  b.rescope(scope);
  b.label('SquashDictEndIfBigKeys');
  const iStart = tempvarEq(b, sqStart);
  const iEndMinus1 = tempvarEq(b, b.binOp('-', sqEnd, one));
  const iKey = tempvarEq(b, firstKey);
  const iRemaining = tempvarEq(b, nAccesses);
  const iSquashedEnd = tempvarEq(b, squashedDictStart);
  const iBigKeys = tempvarEq(b, bigKeys);
  b.callWithResults('SquashDictInner', 2);
  tempvarEq(b, squashedDictStart);
  b.ret();

  // SquashDictInner.
  b.label('SquashDictInner');
  const size3 = b.const(3);
  const zero = b.const(0);
  const one2 = b.const(1);
  const nextKey = b.allocVar(true);
  const newRemaining = b.allocVar(true);
  const dictDiff = b.duplicateVar(iSquashedEnd);
  b.addHint('GetCurrentAccessIndex', { range_check_ptr: innerRc }, {});
  const curIndex = tempvarEq(b, derefAt(b, innerRc, 0));
  const ptrDelta = tempvarEq(b, b.binOp('*', curIndex, size3));
  const firstValue = b.allocVar();
  const shouldSkip = b.allocVar();
  const prevAccess = tempvarEq(b, b.binOp('+', iStart, ptrDelta));
  const firstAccess = b.duplicateVar(prevAccess);
  const prevValue = tempvarEq(b, derefAt(b, firstAccess, 2));
  const prevRc = tempvarEq(b, b.binOp('+', innerRc, one2));
  b.assertVarsEq(iKey, derefAt(b, firstAccess, 0));
  b.assertVarsEq(iKey, derefAt(b, dictDiff, 0));
  b.assertVarsEq(firstValue, derefAt(b, firstAccess, 1));
  b.assertVarsEq(firstValue, derefAt(b, dictDiff, 1));
  b.assertVarsEq(firstValue, zero);
  b.addHint('ShouldSkipSquashLoop', {}, { should_skip_loop: shouldSkip });
  b.rescope([
    [iStart, iStart],
    [prevAccess, prevAccess],
    [prevValue, prevValue],
    [prevRc, prevRc],
    [shouldSkip, shouldSkip],
    [one2, one2],
    [size3, size3],
    [iKey, iKey],
    [iEndMinus1, iEndMinus1],
    [innerRc, innerRc],
    [dictDiff, dictDiff],
    [iBigKeys, iBigKeys],
    [iRemaining, iRemaining],
    [iSquashedEnd, iSquashedEnd],
    [nextKey, nextKey],
    [newRemaining, newRemaining],
  ]);
  b.jumpNz(shouldSkip, 'SquashDictInnerSkipLoop');

  // Loop over repeated accesses of the same key.
  const loopSize = b.const(3);
  const loopOne = b.const(1);
  b.label('SquashDictInnerLoop');
  const [deltaMinus1, delta, lPtrDelta, shouldContinue, accessPtr, value, rcPtr] = Array.from(
    { length: 7 },
    () => b.allocVar(),
  ) as Var[];
  b.addHint('GetCurrentAccessDelta', {}, { index_delta_minus1: deltaMinus1! });
  b.assertVarsEq(deltaMinus1!, derefAt(b, prevRc, 0));
  b.assertVarsEq(delta!, b.binOp('+', deltaMinus1!, loopOne));
  b.assertVarsEq(lPtrDelta!, b.binOp('*', delta!, loopSize));
  b.assertVarsEq(accessPtr!, b.binOp('+', prevAccess, lPtrDelta!));
  b.assertVarsEq(prevValue, derefAt(b, accessPtr!, 1));
  b.assertVarsEq(value!, derefAt(b, accessPtr!, 2));
  b.assertVarsEq(iKey, derefAt(b, accessPtr!, 0));
  b.assertVarsEq(rcPtr!, b.binOp('+', prevRc, loopOne));
  b.addHint('ShouldContinueSquashLoop', {}, { should_continue: shouldContinue! });
  b.rescope([
    [iStart, iStart],
    [prevAccess, accessPtr!],
    [prevValue, value!],
    [prevRc, rcPtr!],
    [shouldContinue!, shouldContinue!],
    [iKey, iKey],
    [iEndMinus1, iEndMinus1],
    [innerRc, innerRc],
    [dictDiff, dictDiff],
    [iSquashedEnd, iSquashedEnd],
    [iBigKeys, iBigKeys],
    [iRemaining, iRemaining],
    [nextKey, nextKey],
    [newRemaining, newRemaining],
  ]);
  b.jumpNz(shouldContinue!, 'SquashDictInnerLoop');

  b.label('SquashDictInnerSkipLoop');
  const lastAccess = b.duplicateVar(prevAccess);
  const lastValue = b.duplicateVar(prevValue);
  const lastRc = b.duplicateVar(prevRc);
  const slack = tempvarEq(b, b.binOp('-', iEndMinus1, lastAccess));
  b.assertVarsEq(slack, derefAt(b, lastRc, 0));
  const nUsed = tempvarEq(b, b.binOp('-', lastRc, innerRc));
  b.assertVarsEq(lastValue, derefAt(b, dictDiff, 2));
  const one3 = b.const(1);
  const argRc = b.binOp('+', lastRc, one3);
  b.assertVarsEq(newRemaining, b.binOp('-', iRemaining, nUsed));
  b.jumpNz(newRemaining, 'SquashDictInnerContinueRecursion');
  tempvarEq(b, argRc);
  const size4 = b.const(3);
  tempvarEq(b, b.binOp('+', iSquashedEnd, size4));
  b.ret();

  b.label('SquashDictInnerContinueRecursion');
  b.addHint('GetNextDictKey', {}, { next_key: nextKey });
  b.jumpNz(iBigKeys, 'SquashDictInnerIfBigKeys');
  const keyPlus1 = tempvarEq(b, b.binOp('+', iKey, one3));
  const keyDiff = tempvarEq(b, b.binOp('-', nextKey, keyPlus1));
  b.bufferWriteAndInc(argRc, keyDiff);
  const aligned = () => {
    const aRc = tempvarEq(b, argRc);
    const aAcc = tempvarEq(b, iStart);
    const aEnd = tempvarEq(b, iEndMinus1);
    const aKey = tempvarEq(b, nextKey);
    const aRem = tempvarEq(b, newRemaining);
    b.rescope([
      [aAcc, aAcc],
      [aEnd, aEnd],
      [aKey, aKey],
      [aRem, aRem],
      [aRc, aRc],
      [iSquashedEnd, iSquashedEnd],
      [iBigKeys, iBigKeys],
    ]);
  };
  aligned();
  b.jump('SquashDictInnerEndIfBigKeys');
  b.label('SquashDictInnerIfBigKeys');
  validateFelt252Lt(b, argRc, iKey, nextKey);
  aligned();
  b.label('SquashDictInnerEndIfBigKeys');
  const size5 = b.const(3);
  tempvarEq(b, b.binOp('+', iSquashedEnd, size5));
  tempvarEq(b, iBigKeys);
  b.callWithResults('SquashDictInner', 0);
  b.ret();

  b.label('DONE');
  const res = b.build(['Fallthrough']);
  const st = res.branches[0]!.state;
  const out = [fRc, fGas, fSeg].map((v) => [stateGetAdjusted(st, v)]);
  out.push([stateGetAdjusted(st, fStart), stateGetAdjusted(st, fEnd)]);
  return buildPlain(ctx, res.instructions, [], [out]);
}

function entryGet(ctx: InvocationContext) {
  const [pE, kE] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const p = inBuffer(b, pE!, 2);
  const key = inDeref(b, kE!);
  b.addHint('Felt252DictEntryInit', { dict_ptr: p, key }, {});
  b.bufferWriteAndInc(p, key);
  const prev = b.getRefAndInc(p);
  b.getRefAndInc(p);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[p], [prev]], undefined]]);
}

function entryFinalize(ctx: InvocationContext) {
  const [eE, vE] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const e = inBuffer(b, eE!, 0);
  const v = inDeref(b, vE!);
  b.addHint('Felt252DictEntryUpdate', { dict_ptr: e, value: v }, {});
  b.assertVarsEq(v, b.doubleDeref(e, -1));
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[e]], undefined]]);
}

export const dictLibfuncs: Record<string, LibfuncDef> = {
  felt252_dict_new: { apChange: () => [known(6)], cost: () => [regular(cc(17))], build: dictNew },
  felt252_dict_squash: {
    apChange: () => [{ kind: 'unknown' }],
    cost: () => [regular(FIXED_COST)],
    build: dictSquash,
  },
  felt252_dict_entry_get: {
    apChange: () => [known(0)],
    cost: () => [regular(cc(1 + UNIQUE_KEY_COST.steps, UNIQUE_KEY_COST.rangeChecks))],
    build: entryGet,
  },
  felt252_dict_entry_finalize: {
    apChange: () => [known(0)],
    cost: () => [regular(cc(1))],
    build: entryFinalize,
  },
  squashed_felt252_dict_entries: {
    apChange: () => [known(0)],
    cost: () => [regular(cc(0))],
    build: identity,
  },
};
