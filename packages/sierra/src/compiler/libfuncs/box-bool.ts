import { CasmBuilder } from '../../casm/builder.js';
import { addWithConst, type CellExpression } from '../../casm/cell-expression.js';
import { compileError } from '../../errors.js';
import { steps } from '../gas/objects.js';
import {
  argRefs,
  buildFromCasmBuilder,
  buildPlain,
  buildRefsOnly,
  inDeref,
  singleCells,
} from '../invocation.js';
import { typeArg } from '../registry.js';
import { type InvocationContext, known, type LibfuncDef } from '../types.js';
import { buildIsZero, identity } from './core.js';

function intoBox(ctx: InvocationContext) {
  const [cells] = argRefs(ctx, 1);
  const b = new CasmBuilder();
  let addr: number;
  if (cells!.length === 0) {
    const one = b.const(1);
    addr = b.allocVar();
    b.assertVarsEq(addr, one);
  } else {
    const size = b.const(cells!.length);
    addr = b.allocVar();
    b.addHint('AllocConstantSize', { size }, { dst: addr });
    cells!.forEach((c, i) => {
      const v = inDeref(b, c);
      b.assertVarsEq(v, b.doubleDeref(addr, i));
    });
  }
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[addr]], undefined]]);
}

function localIntoBox(ctx: InvocationContext) {
  const [cells] = argRefs(ctx, 1);
  let offset: number;
  const first = cells![0];
  if (!first) offset = 0;
  else if (first.kind === 'deref' && first.cell.register === 'fp') offset = first.cell.offset;
  else throw compileError('invalid reference expression for local_into_box');
  const ptr = addWithConst({ register: 'ap', offset: -2 }, offset);
  return buildPlain(
    ctx,
    [{ body: { kind: 'call', target: { kind: 'imm', value: 0n }, relative: true }, incAp: false, hints: [] }],
    [{ index: 0, relocation: { kind: 'end_of_program' } }],
    [[[ptr]]],
  );
}

function unbox(ctx: InvocationContext) {
  const size = ctx.reg.size(typeArg(ctx.libfunc.args, 0, ctx.libfuncId));
  const [op] = singleCells(ctx, 1);
  if (op!.kind !== 'deref') throw compileError('invalid reference expression for unbox');
  const cells: CellExpression[] = [];
  for (let i = 0; i < size; i++) cells.push({ kind: 'double_deref', cell: op!.cell, offset: i });
  return buildRefsOnly(ctx, [cells]);
}

function boolBinary(kind: 'and' | 'xor' | 'or') {
  return (ctx: InvocationContext) => {
    const [a, c] = singleCells(ctx, 2);
    const b = new CasmBuilder();
    const av = inDeref(b, a!);
    const cv = inDeref(b, c!);
    let res: number;
    if (kind === 'and') res = b.binOp('*', av, cv);
    else if (kind === 'xor') {
      const diff = b.allocVar();
      b.assertVarsEq(diff, b.binOp('-', av, cv));
      res = b.binOp('*', diff, diff);
    } else {
      const sum = b.allocVar();
      b.assertVarsEq(sum, b.binOp('+', av, cv));
      const prod = b.allocVar();
      b.assertVarsEq(prod, b.binOp('*', av, cv));
      res = b.binOp('-', sum, prod);
    }
    return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[res]], undefined]]);
  };
}

function boolNot(ctx: InvocationContext) {
  const [a] = singleCells(ctx, 1);
  const b = new CasmBuilder();
  const av = inDeref(b, a!);
  const oneImm = b.const(1);
  const one = b.allocVar();
  b.assertVarsEq(one, oneImm);
  const res = b.binOp('-', one, av);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[res]], undefined]]);
}

function matchNullable(ctx: InvocationContext) {
  const [c] = singleCells(ctx, 1);
  if (c!.kind !== 'deref') throw compileError('invalid reference expression for match_nullable');
  return buildIsZero(ctx);
}

export const boxBoolLibfuncs: Record<string, LibfuncDef> = {
  into_box: {
    cost: (c) => [steps(Math.max(1, c.reg.size(typeArg(c.libfunc.args, 0, c.libfuncId))))],
    apChange: () => [known(1)],
    build: intoBox,
  },
  local_into_box: { cost: () => [steps(2)], apChange: () => [known(2)], build: localIntoBox },
  unbox: { cost: () => [steps(0)], apChange: () => [known(0)], build: unbox },
  box_forward_snapshot: { cost: () => [steps(0)], apChange: () => [known(0)], build: identity },
  null: {
    cost: () => [steps(0)],
    apChange: () => [known(0)],
    build: (ctx) => buildRefsOnly(ctx, [[{ kind: 'imm', value: 0n }]]),
  },
  nullable_from_box: { cost: () => [steps(0)], apChange: () => [known(0)], build: identity },
  nullable_forward_snapshot: { cost: () => [steps(0)], apChange: () => [known(0)], build: identity },
  match_nullable: {
    cost: () => [steps(1), steps(1)],
    apChange: () => [known(0), known(0)],
    build: matchNullable,
  },
  bool_and_impl: { cost: () => [steps(0)], apChange: () => [known(0)], build: boolBinary('and') },
  bool_xor_impl: { cost: () => [steps(1)], apChange: () => [known(1)], build: boolBinary('xor') },
  bool_or_impl: { cost: () => [steps(2)], apChange: () => [known(2)], build: boolBinary('or') },
  bool_not_impl: { cost: () => [steps(1)], apChange: () => [known(1)], build: boolNot },
  bool_to_felt252: { cost: () => [steps(0)], apChange: () => [known(0)], build: identity },
};
