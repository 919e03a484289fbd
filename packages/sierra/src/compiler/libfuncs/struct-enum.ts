import { P } from '@starling/felt';
import { CasmBuilder } from '../../casm/builder.js';
import {
  addWithConst,
  type CellExpression,
  mustApplyApChange,
  toDerefWithOffset,
} from '../../casm/cell-expression.js';
import type { Instruction } from '../../casm/instruction.js';
import type { CellRef } from '../../casm/operand.js';
import { compileError } from '../../errors.js';
import { variantSelector } from '../consts.js';
import { type BranchCost, steps } from '../gas/objects.js';
import {
  argRefs,
  buildFromCasmBuilder,
  buildPlain,
  buildRefsOnly,
  inDeref,
  singleCells,
} from '../invocation.js';
import { typeArg, valueArg } from '../registry.js';
import type { CompiledInvocation, InvocationContext, LibfuncDef, RelocationEntry } from '../types.js';
import { known } from '../types.js';
import { identity } from './core.js';

function structConstruct(ctx: InvocationContext) {
  return buildRefsOnly(ctx, [ctx.refs.flat()]);
}

function structDeconstruct(ctx: InvocationContext) {
  const ty = ctx.reg.unwrapSnapshot(typeArg(ctx.libfunc.args, 0, ctx.libfuncId));
  const [cells] = argRefs(ctx, 1);
  if (cells!.length !== ctx.reg.size(ty)) throw compileError('invalid reference expression for struct');
  const outs: CellExpression[][] = [];
  let offset = 0;
  for (const m of ctx.reg.structMembers(ty)) {
    const size = ctx.reg.size(m);
    outs.push(cells!.slice(offset, offset + size));
    offset += size;
  }
  return buildRefsOnly(ctx, outs);
}

function structBoxedDeconstruct(ctx: InvocationContext) {
  const ty = ctx.reg.unwrapSnapshot(typeArg(ctx.libfunc.args, 0, ctx.libfuncId));
  const [ptr] = singleCells(ctx, 1);
  const r = toDerefWithOffset(ptr!);
  if (!r) throw compileError('invalid reference expression for boxed struct');
  const [base, orig] = r;
  let cur = orig;
  const outs: CellExpression[][] = [];
  for (const m of ctx.reg.structMembers(ty)) {
    outs.push([addWithConst(base, cur)]);
    cur += ctx.reg.size(m);
  }
  return buildRefsOnly(ctx, outs);
}

function enumInit(ctx: InvocationContext) {
  const ty = typeArg(ctx.libfunc.args, 0, ctx.libfuncId);
  const index = Number(valueArg(ctx.libfunc.args, 1, ctx.libfuncId));
  const variants = ctx.reg.enumVariants(ty);
  const variant = variants[index];
  if (variant === undefined) throw compileError('enum_init index out of range');
  const [cells] = argRefs(ctx, 1);
  const vsize = ctx.reg.size(variant);
  if (cells!.length !== vsize) throw compileError('invalid reference expression for enum_init');
  const pad = ctx.reg.size(ty) - 1 - vsize;
  const out: CellExpression[] = [{ kind: 'imm', value: BigInt(variantSelector(variants.length, index)) }];
  for (let i = 0; i < pad; i++) out.push({ kind: 'imm', value: 0n });
  out.push(...cells!);
  return buildRefsOnly(ctx, [out]);
}

function matchTargets(ctx: InvocationContext): number[] {
  return ctx.invocation.branches.slice(1).map((b) => {
    if (b.target === null) throw compileError('malformed enum match');
    return b.target;
  });
}

function matchShortOrLong(
  ctx: InvocationContext,
  selector: CellRef,
  outputs: CellExpression[][][],
  pre: Instruction[],
): CompiledInvocation {
  const instructions = [...pre];
  const relocations: RelocationEntry[] = [];
  const targets = matchTargets(ctx);
  if (ctx.invocation.branches.length <= 2) {
    if (targets.length === 1) {
      relocations.push({ index: instructions.length, relocation: { kind: 'statement', idx: targets[0]! } });
      instructions.push({
        body: { kind: 'jnz', condition: selector, jumpOffset: { kind: 'imm', value: 0n } },
        incAp: false,
        hints: [],
      });
    }
  } else {
    instructions.push({
      body: { kind: 'jump', target: { kind: 'deref', cell: selector }, relative: true },
      incAp: false,
      hints: [],
    });
    [...targets].reverse().forEach((t) => {
      relocations.push({ index: instructions.length, relocation: { kind: 'statement', idx: t } });
      instructions.push({
        body: { kind: 'jump', target: { kind: 'imm', value: 0n }, relative: true },
        incAp: false,
        hints: [],
      });
    });
  }
  return buildPlain(ctx, instructions, relocations, outputs);
}

function enumMatch(ctx: InvocationContext) {
  const ty = ctx.reg.unwrapSnapshot(typeArg(ctx.libfunc.args, 0, ctx.libfuncId));
  const [cells] = argRefs(ctx, 1);
  if (cells!.length !== ctx.reg.size(ty)) throw compileError('invalid reference expression for enum');
  const sel = cells![0]!;
  if (sel.kind !== 'deref') throw compileError('invalid reference expression for enum selector');
  const inner = cells!.slice(1);
  const outputs = ctx.reg.enumVariants(ty).map((v) => [inner.slice(inner.length - ctx.reg.size(v))]);
  return matchShortOrLong(ctx, sel.cell, outputs, []);
}

function enumBoxedMatch(ctx: InvocationContext) {
  const n = ctx.invocation.branches.length;
  if (n === 0) return buildPlain(ctx, [], [], []);
  const ty = ctx.reg.unwrapSnapshot(typeArg(ctx.libfunc.args, 0, ctx.libfuncId));
  const [ptr] = singleCells(ctx, 1);
  const r = toDerefWithOffset(ptr!);
  if (!r) throw compileError('invalid reference expression for boxed enum');
  const [base, orig] = r;
  if (n === 1) return buildPlain(ctx, [], [], [[[addWithConst(base, orig + 1)]]]);
  const sizes = ctx.reg.enumVariants(ty).map((v) => ctx.reg.size(v));
  const max = Math.max(...sizes);
  const pre: Instruction[] = [
    {
      body: {
        kind: 'assert_eq',
        a: { register: 'ap', offset: 0 },
        b: { kind: 'double_deref', cell: base, offset: orig },
      },
      incAp: true,
      hints: [],
    },
  ];
  const shifted = (mustApplyApChange({ kind: 'deref', cell: base }, 1) as { cell: CellRef }).cell;
  const outputs = sizes.map((s) => [[addWithConst(shifted, orig + 1 + max - s)]]);
  return matchShortOrLong(ctx, { register: 'ap', offset: -1 }, outputs, pre);
}

function enumFromBoundedInt(ctx: InvocationContext) {
  const ty = typeArg(ctx.libfunc.args, 0, ctx.libfuncId);
  const n = ctx.reg.enumVariants(ty).length;
  if (n <= 2) return identity(ctx);
  const [value] = singleCells(ctx, 1);
  const b = new CasmBuilder();
  const v = inDeref(b, value!);
  // m = (2n - 1) / 2 in the field.
  const m = (BigInt(n * 2 - 1) * ((P + 1n) / 2n)) % P;
  const mv = b.const(m);
  const negTwo = b.const(-2n);
  const t = b.allocVar();
  b.assertVarsEq(t, b.binOp('-', v, mv));
  const sel = b.binOp('*', t, negTwo);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[sel]], undefined]]);
}

function enumMatchApChange(c: {
  reg: InvocationContext['reg'];
  libfunc: InvocationContext['libfunc'];
  libfuncId: string;
}) {
  const ty = c.reg.unwrapSnapshot(typeArg(c.libfunc.args, 0, c.libfuncId));
  return c.reg.enumVariants(ty).map(() => known(0));
}

/** Enum match costs: no branch none, one branch free, otherwise `first` then `rest` (two: `first` each). */
function matchCosts(n: number, first: number, rest: number): BranchCost[] {
  if (n === 0) return [];
  if (n === 1) return [steps(0)];
  if (n === 2) return [steps(first), steps(first)];
  return [steps(first), ...Array.from({ length: n - 1 }, () => steps(rest))];
}

export const structEnumLibfuncs: Record<string, LibfuncDef> = {
  struct_construct: { cost: () => [steps(0)], apChange: () => [known(0)], build: structConstruct },
  struct_deconstruct: { cost: () => [steps(0)], apChange: () => [known(0)], build: structDeconstruct },
  struct_snapshot_deconstruct: {
    cost: () => [steps(0)],
    apChange: () => [known(0)],
    build: structDeconstruct,
  },
  struct_boxed_deconstruct: {
    cost: () => [steps(0)],
    apChange: () => [known(0)],
    build: structBoxedDeconstruct,
  },
  enum_init: { cost: () => [steps(0)], apChange: () => [known(0)], build: enumInit },
  enum_match: {
    cost: (c) => matchCosts(enumMatchApChange(c).length, 1, 2),
    apChange: enumMatchApChange,
    build: enumMatch,
  },
  enum_snapshot_match: {
    cost: (c) => matchCosts(enumMatchApChange(c).length, 1, 2),
    apChange: enumMatchApChange,
    build: enumMatch,
  },
  enum_boxed_match: {
    cost: (c) => matchCosts(enumMatchApChange(c).length, 2, 3),
    apChange: (c) => {
      const n = enumMatchApChange(c).length;
      return Array.from({ length: n }, () => known(n <= 1 ? 0 : 1));
    },
    build: enumBoxedMatch,
  },
  enum_from_bounded_int: {
    cost: (c) => [steps(c.reg.enumVariants(typeArg(c.libfunc.args, 0, c.libfuncId)).length <= 2 ? 0 : 1)],
    apChange: (c) => [known(c.reg.enumVariants(typeArg(c.libfunc.args, 0, c.libfuncId)).length <= 2 ? 0 : 1)],
    build: enumFromBoundedInt,
  },
};
