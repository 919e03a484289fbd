import { CasmBuilder, type Var } from '../../casm/builder.js';
import { compileError } from '../../errors.js';
import { cc, regular, steps } from '../gas/objects.js';
import {
  argRefs,
  buildFromCasmBuilder,
  inBuffer,
  inDeref,
  inDerefOrImm,
  nonFallthroughTarget,
} from '../invocation.js';
import { typeArg } from '../registry.js';
import { type InvocationContext, known, type LibfuncDef, type SpecContext } from '../types.js';

const argSize = (c: Pick<SpecContext, 'reg' | 'libfunc' | 'libfuncId'>) =>
  c.reg.size(typeArg(c.libfunc.args, 0, c.libfuncId));

function single(cells: readonly unknown[] | undefined, what: string) {
  if (cells?.length !== 1) throw compileError(`invalid reference expression for ${what}`);
  return cells[0] as Parameters<typeof inDeref>[1];
}
function pair(cells: readonly unknown[] | undefined) {
  if (cells?.length !== 2) throw compileError('invalid reference expression for an array');
  return cells as Parameters<typeof inDeref>[1][];
}

function arrayNew(ctx: InvocationContext) {
  argRefs(ctx, 0);
  const b = new CasmBuilder();
  const start = b.allocVar();
  b.addHint('AllocSegment', {}, { dst: start });
  b.addAp(1);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[start, start]], undefined]]);
}

function spanFromTuple(ctx: InvocationContext) {
  const [p] = argRefs(ctx, 1);
  const b = new CasmBuilder();
  const start = inDeref(b, single(p, 'span_from_tuple'));
  const size = b.const(argSize(ctx));
  const end = b.binOp('+', start, size);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[start, end]], undefined]]);
}

function tupleFromSpan(ctx: InvocationContext) {
  const [arr] = argRefs(ctx, 1);
  const [s, e] = pair(arr);
  const b = new CasmBuilder();
  const start = inDeref(b, s!);
  const end = inDeref(b, e!);
  const size = b.const(argSize(ctx));
  const len = b.allocVar();
  b.assertVarsEq(len, b.binOp('-', end, start));
  const diff = b.allocVar();
  b.assertVarsEq(diff, b.binOp('-', len, size));
  b.jumpNz(diff, 'Failure');
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[start]], undefined],
    ['Failure', [], nonFallthroughTarget(ctx)],
  ]);
}

function append(ctx: InvocationContext) {
  const [arr, elem] = argRefs(ctx, 2);
  const [s, e] = pair(arr);
  const b = new CasmBuilder();
  const start = inBuffer(b, s!, 0);
  const end = inBuffer(b, e!, elem!.length);
  for (const cell of elem!) {
    const v = inDeref(b, cell);
    b.bufferWriteAndInc(end, v);
  }
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[start, end]], undefined]]);
}

function pop(front: boolean, consume: boolean) {
  return (ctx: InvocationContext) => {
    const [arr] = argRefs(ctx, 1);
    const [s, e] = pair(arr);
    const size = argSize(ctx);
    const b = new CasmBuilder();
    const start = inDeref(b, s!);
    const end = inDeref(b, e!);
    const nonEmpty = b.allocVar();
    b.assertVarsEq(nonEmpty, b.binOp('-', end, start));
    b.jumpNz(nonEmpty, 'NonEmpty');
    b.jump('Failure');
    b.label('NonEmpty');
    const sz = b.const(size);
    const failure: Var[][] = consume ? [] : [[start, end]];
    if (front) {
      const newStart = b.binOp('+', start, sz);
      return buildFromCasmBuilder(ctx, b, [
        ['Fallthrough', [[newStart, end], [start]], undefined],
        ['Failure', failure, nonFallthroughTarget(ctx)],
      ]);
    }
    const newEnd = b.binOp('-', end, sz);
    return buildFromCasmBuilder(ctx, b, [
      ['Fallthrough', [[start, newEnd], [newEnd]], undefined],
      ['Failure', failure, nonFallthroughTarget(ctx)],
    ]);
  };
}

function get(ctx: InvocationContext) {
  const [rcR, arr, idxR] = argRefs(ctx, 3);
  const [s, e] = pair(arr);
  const size = argSize(ctx);
  const b = new CasmBuilder();
  const index = inDerefOrImm(b, single(idxR, 'index'));
  const start = inDeref(b, s!);
  const end = inDeref(b, e!);
  const rc = inBuffer(b, single(rcR, 'range check'), 1);
  const sz = b.const(size);
  const len = b.allocVar();
  b.assertVarsEq(len, b.binOp('-', end, start));
  const offset = b.maybeAddTempvar(b.binOp('*', index, sz));
  const inRange = b.allocVar();
  b.addHint('TestLessThan', { lhs: offset, rhs: len }, { dst: inRange });
  b.jumpNz(inRange, 'InRange');
  const d1 = b.allocVar();
  b.assertVarsEq(d1, b.binOp('-', offset, len));
  b.bufferWriteAndInc(rc, d1);
  b.jump('FailureHandle');
  b.label('InRange');
  const one = b.const(1);
  const plus1 = b.allocVar();
  b.assertVarsEq(plus1, b.binOp('+', offset, one));
  const d2 = b.allocVar();
  b.assertVarsEq(d2, b.binOp('-', len, plus1));
  b.bufferWriteAndInc(rc, d2);
  const target = b.binOp('+', start, offset);
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[rc], [target]], undefined],
    ['FailureHandle', [[rc]], nonFallthroughTarget(ctx)],
  ]);
}

function slice(ctx: InvocationContext) {
  const [rcR, arr, startR, lenR] = argRefs(ctx, 4);
  const [s, e] = pair(arr);
  const size = argSize(ctx);
  const b = new CasmBuilder();
  const sliceStart = inDeref(b, single(startR, 'slice start'));
  const sliceLen = inDerefOrImm(b, single(lenR, 'slice length'));
  const start = inDeref(b, s!);
  const end = inDeref(b, e!);
  const rc = inBuffer(b, single(rcR, 'range check'), 1);
  const sz = b.const(size);
  const len = b.allocVar();
  b.assertVarsEq(len, b.binOp('-', end, start));
  const sliceEnd = b.allocVar();
  b.assertVarsEq(sliceEnd, b.binOp('+', sliceStart, sliceLen));
  const endCells = b.maybeAddTempvar(b.binOp('*', sliceEnd, sz));
  const inRange = b.allocVar();
  b.addHint('TestLessThanOrEqual', { lhs: endCells, rhs: len }, { dst: inRange });
  b.jumpNz(inRange, 'InRange');
  const one = b.const(1);
  const lenPlus1 = b.allocVar();
  b.assertVarsEq(lenPlus1, b.binOp('+', len, one));
  const d1 = b.allocVar();
  b.assertVarsEq(d1, b.binOp('-', endCells, lenPlus1));
  b.bufferWriteAndInc(rc, d1);
  b.jump('FailureHandle');
  b.label('InRange');
  const d2 = b.allocVar();
  b.assertVarsEq(d2, b.binOp('-', len, endCells));
  b.bufferWriteAndInc(rc, d2);
  const startCells = b.maybeAddTempvar(b.binOp('*', sliceStart, sz));
  const startCell = b.binOp('+', start, startCells);
  const endCell = b.binOp('+', start, endCells);
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[rc], [startCell, endCell]], undefined],
    ['FailureHandle', [[rc]], nonFallthroughTarget(ctx)],
  ]);
}

function len(ctx: InvocationContext) {
  const [arr] = argRefs(ctx, 1);
  const [s, e] = pair(arr);
  const size = argSize(ctx);
  const b = new CasmBuilder();
  const start = inDeref(b, s!);
  const end = inDeref(b, e!);
  let length: Var;
  if (size === 1) length = b.binOp('-', end, start);
  else {
    const total = b.allocVar();
    b.assertVarsEq(total, b.binOp('-', end, start));
    const sz = b.const(size);
    length = b.binOp('/', total, sz);
  }
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[length]], undefined]]);
}

function multiPop(front: boolean) {
  return (ctx: InvocationContext) => {
    const [rcR, arr] = argRefs(ctx, 2);
    const [s, e] = pair(arr);
    const popped = argSize(ctx);
    const b = new CasmBuilder();
    const rc = inBuffer(b, single(rcR, 'range check'), 1);
    const start = inDeref(b, s!);
    const end = inDeref(b, e!);
    const sizeMinus1 = b.const(popped - 1);
    const sz = b.const(popped);
    const startPopped = b.binOp('+', start, sz);
    const enough = b.allocVar();
    b.addHint('TestLessThanOrEqualAddress', { lhs: startPopped, rhs: end }, { dst: enough });
    b.jumpNz(enough, 'HasEnoughElements');
    const minusSize = b.allocVar();
    b.assertVarsEq(minusSize, b.binOp('-', start, end));
    const rc1 = b.allocVar();
    b.assertVarsEq(rc1, b.binOp('+', minusSize, sizeMinus1));
    b.bufferWriteAndInc(rc, rc1);
    b.jump('Failure');
    b.label('HasEnoughElements');
    const sz2 = b.const(popped);
    const rc2 = b.allocVar();
    const failure: [string, Var[][], number] = ['Failure', [[rc], [start, end]], nonFallthroughTarget(ctx)];
    if (front) {
      const newStart = b.allocVar();
      b.assertVarsEq(newStart, b.binOp('+', start, sz2));
      b.assertVarsEq(rc2, b.binOp('-', end, newStart));
      b.bufferWriteAndInc(rc, rc2);
      return buildFromCasmBuilder(ctx, b, [
        ['Fallthrough', [[rc], [newStart, end], [start]], undefined],
        failure,
      ]);
    }
    const newEnd = b.allocVar();
    b.assertVarsEq(newEnd, b.binOp('-', end, sz2));
    b.assertVarsEq(rc2, b.binOp('-', newEnd, start));
    b.bufferWriteAndInc(rc, rc2);
    return buildFromCasmBuilder(ctx, b, [
      ['Fallthrough', [[rc], [start, newEnd], [newEnd]], undefined],
      failure,
    ]);
  };
}

const popDef = (front: boolean, consume: boolean): LibfuncDef => ({
  apChange: () => [known(1), known(1)],
  cost: () => [steps(2), steps(3)],
  build: pop(front, consume),
});
const multiPopDef = (front: boolean): LibfuncDef => ({
  apChange: () => [known(3), known(3)],
  cost: () => [regular(cc(4, 1)), regular(cc(5, 1))],
  build: multiPop(front),
});

export const arrayLibfuncs: Record<string, LibfuncDef> = {
  array_new: { apChange: () => [known(1)], cost: () => [steps(1)], build: arrayNew },
  span_from_tuple: { apChange: () => [known(0)], cost: () => [steps(0)], build: spanFromTuple },
  tuple_from_span: {
    apChange: () => [known(2), known(2)],
    cost: () => [steps(3), steps(3)],
    build: tupleFromSpan,
  },
  array_append: { apChange: () => [known(0)], cost: (c) => [steps(argSize(c))], build: append },
  array_pop_front: popDef(true, false),
  array_pop_front_consume: popDef(true, true),
  array_snapshot_pop_front: popDef(true, false),
  array_snapshot_pop_back: popDef(false, false),
  array_snapshot_multi_pop_front: multiPopDef(true),
  array_snapshot_multi_pop_back: multiPopDef(false),
  array_get: {
    apChange: (c) => (argSize(c) === 1 ? [known(4), known(3)] : [known(5), known(4)]),
    cost: (c) =>
      argSize(c) === 1 ? [regular(cc(5, 1)), regular(cc(5, 1))] : [regular(cc(6, 1)), regular(cc(6, 1))],
    build: get,
  },
  array_slice: {
    apChange: (c) => (argSize(c) === 1 ? [known(4), known(5)] : [known(6), known(6)]),
    cost: (c) =>
      argSize(c) === 1 ? [regular(cc(5, 1)), regular(cc(7, 1))] : [regular(cc(7, 1)), regular(cc(8, 1))],
    build: slice,
  },
  array_len: {
    apChange: (c) => [known(argSize(c) === 1 ? 0 : 1)],
    cost: (c) => [steps(argSize(c) === 1 ? 0 : 1)],
    build: len,
  },
};
