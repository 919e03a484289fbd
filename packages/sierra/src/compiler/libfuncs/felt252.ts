import { CasmBuilder, type Var } from '../../casm/builder.js';
import type { CellOperator } from '../../casm/cell-expression.js';
import { steps } from '../gas/objects.js';
import { buildFromCasmBuilder, buildRefsOnly, inDeref, inDerefOrImm, singleCells } from '../invocation.js';
import { valueArg } from '../registry.js';
import { type InvocationContext, known, type LibfuncDef } from '../types.js';
import { buildIsZero } from './core.js';

type Op = 'add' | 'sub' | 'mul' | 'div';
const OPS: Record<Op, CellOperator> = { add: '+', sub: '-', mul: '*', div: '/' };

function binOp(b: CasmBuilder, a: Var, c: Var, op: Op): Var {
  if (op === 'div') {
    const res = b.allocVar();
    const q = b.binOp('/', a, c);
    b.assertVarsEq(res, q);
    return res;
  }
  return b.binOp(OPS[op], a, c);
}

/** `a op b` for felt252-like values (also used by bounded_int_add/sub/mul). */
export function felt252BinOp(ctx: InvocationContext, op: Op) {
  const [a, c] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const av = inDeref(b, a!);
  const cv = inDerefOrImm(b, c!);
  const res = binOp(b, av, cv, op);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[res]], undefined]]);
}

const withVar = (op: Op) => (ctx: InvocationContext) => felt252BinOp(ctx, op);

function withConst(op: Op) {
  return (ctx: InvocationContext) => {
    const [a] = singleCells(ctx, 1);
    const b = new CasmBuilder();
    const av = inDeref(b, a!);
    const cv = b.const(valueArg(ctx.libfunc.args, 0, ctx.libfuncId));
    const res = binOp(b, av, cv, op);
    return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[res]], undefined]]);
  };
}

/** Single-cell constant (`felt252_const<c>`, `u8_const<c>`, …). */
export function singleConst(ctx: InvocationContext) {
  return buildRefsOnly(ctx, [[{ kind: 'imm', value: valueArg(ctx.libfunc.args, 0, ctx.libfuncId) }]]);
}

export const felt252Libfuncs: Record<string, LibfuncDef> = {
  felt252_const: { cost: () => [steps(0)], apChange: () => [known(0)], build: singleConst },
  felt252_is_zero: {
    cost: () => [steps(1), steps(1)],
    apChange: () => [known(0), known(0)],
    build: buildIsZero,
  },
};
for (const op of ['add', 'sub', 'mul', 'div'] as Op[]) {
  const ap = () => [known(op === 'div' ? 1 : 0)];
  felt252Libfuncs[`felt252_${op}`] = {
    apChange: ap,
    cost: () => [steps(op === 'div' ? 5 : 0)],
    build: withVar(op),
  };
  felt252Libfuncs[`felt252_${op}_const`] = {
    apChange: ap,
    cost: () => [steps(op === 'div' ? 5 : 0)],
    build: withConst(op),
  };
}
