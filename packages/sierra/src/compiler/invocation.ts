import type { CasmBuilder, Var } from '../casm/builder.js';
import { stateGetAdjusted } from '../casm/builder.js';
import { type CellExpression, toBuffer } from '../casm/cell-expression.js';
import type { Instruction } from '../casm/instruction.js';
import { compileError } from '../errors.js';
import type { CompiledInvocation, InvocationContext, RelocationEntry } from './types.js';

/** A lowering with straight-line instructions and one branch per `outputs` entry. */
export function buildPlain(
  ctx: InvocationContext,
  instructions: Instruction[],
  relocations: RelocationEntry[],
  outputs: CellExpression[][][],
): CompiledInvocation {
  return { instructions, relocations, branches: outputs.map((refs) => ({ refs })), env: ctx.env };
}

/** A lowering that only renames references (no code). */
export function buildRefsOnly(ctx: InvocationContext, outputs: CellExpression[][]): CompiledInvocation {
  return buildPlain(ctx, [], [], [outputs]);
}

/** Branch spec for `buildFromCasmBuilder`: label, output vars (cells per output), statement target. */
export type BranchSpec = [label: string, vars: Var[][], target: number | undefined];

/** Finishes a CasmBuilder lowering: resolves branch relocations and reads output expressions. */
export function buildFromCasmBuilder(
  ctx: InvocationContext,
  builder: CasmBuilder,
  branches: BranchSpec[],
  pre?: { instructions: Instruction[]; relocations: RelocationEntry[] },
): CompiledInvocation {
  const res = builder.build(branches.map((b) => b[0]));
  const preLen = pre?.instructions.length ?? 0;
  const relocations: RelocationEntry[] = [...(pre?.relocations ?? [])];
  res.branches.forEach((b, i) => {
    const target = branches[i]![2];
    if ((b.relocations.length === 0) !== (target === undefined)) {
      throw compileError('branch relocations do not match branch targets');
    }
    for (const idx of b.relocations)
      relocations.push({ index: preLen + idx, relocation: { kind: 'statement', idx: target! } });
  });
  relocations.sort((a, b) => a.index - b.index);
  return {
    instructions: [...(pre?.instructions ?? []), ...res.instructions],
    relocations,
    branches: res.branches.map((b, i) => ({
      refs: branches[i]![1].map((cells) => cells.map((v) => stateGetAdjusted(b.state, v))),
    })),
    env: ctx.env,
  };
}

/** The ap changes a CasmBuilder lowering ended with, per branch (for self-checks). */
export function nonFallthroughTarget(ctx: InvocationContext, branch = 1): number {
  const b = ctx.invocation.branches[branch];
  if (!b) throw compileError('missing branch');
  return b.target ?? ctx.idx + 1;
}

/** The single cell of each argument. */
export function singleCells(ctx: InvocationContext, count: number): CellExpression[] {
  if (ctx.refs.length !== count) throw compileError(`expected ${count} arguments, got ${ctx.refs.length}`);
  return ctx.refs.map((r) => {
    if (r.length !== 1) throw compileError('expected a single-cell argument');
    return r[0]!;
  });
}

export function argRefs(ctx: InvocationContext, count: number): CellExpression[][] {
  if (ctx.refs.length !== count) throw compileError(`expected ${count} arguments, got ${ctx.refs.length}`);
  return ctx.refs;
}

/** `add_input_variables!`: `deref x` */
export function inDeref(b: CasmBuilder, e: CellExpression): Var {
  if (e.kind !== 'deref') throw compileError('invalid reference expression for argument (expected a cell)');
  return b.addVar(e);
}
/** `add_input_variables!`: `deref_or_immediate x` */
export function inDerefOrImm(b: CasmBuilder, e: CellExpression): Var {
  if (e.kind !== 'deref' && e.kind !== 'imm') throw compileError('invalid reference expression for argument');
  return b.addVar(e);
}
/** `add_input_variables!`: `buffer(slack) x` */
export function inBuffer(b: CasmBuilder, e: CellExpression, slack: number): Var {
  const r = toBuffer(e, slack);
  if (!r) throw compileError('invalid reference expression for argument (expected a buffer)');
  return b.addVar(r);
}
