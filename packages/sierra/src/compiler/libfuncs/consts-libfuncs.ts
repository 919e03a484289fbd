import type { Instruction } from '../../casm/instruction.js';
import { constValues } from '../consts.js';
import { steps } from '../gas/objects.js';
import { buildPlain, buildRefsOnly } from '../invocation.js';
import { typeArg, valueArg } from '../registry.js';
import { type InvocationContext, known, type LibfuncDef } from '../types.js';

function asBox(ctx: InvocationContext) {
  const ty = typeArg(ctx.libfunc.args, 0, ctx.libfuncId);
  const segment = Number(valueArg(ctx.libfunc.args, 1, ctx.libfuncId));
  const instructions: Instruction[] = [
    { body: { kind: 'call', target: { kind: 'imm', value: 0n }, relative: true }, incAp: false, hints: [] },
    {
      body: {
        kind: 'assert_eq',
        a: { register: 'ap', offset: 0 },
        b: { kind: 'binop', op: '+', a: { register: 'ap', offset: -1 }, b: { kind: 'imm', value: 1n } },
      },
      incAp: true,
      hints: [],
    },
  ];
  return buildPlain(
    ctx,
    instructions,
    [
      { index: 0, relocation: { kind: 'segment_start', segment } },
      { index: 1, relocation: { kind: 'const_start', segment, ty } },
    ],
    [[[{ kind: 'deref', cell: { register: 'ap', offset: -1 } }]]],
  );
}

export const constLibfuncs: Record<string, LibfuncDef> = {
  const_as_box: { cost: () => [steps(3)], apChange: () => [known(3)], build: asBox },
  const_as_immediate: {
    cost: () => [steps(0)],
    apChange: () => [known(0)],
    build: (ctx) => {
      const ty = typeArg(ctx.libfunc.args, 0, ctx.libfuncId);
      return buildRefsOnly(ctx, [constValues(ctx.reg, ty).map((value) => ({ kind: 'imm' as const, value }))]);
    },
  },
};
