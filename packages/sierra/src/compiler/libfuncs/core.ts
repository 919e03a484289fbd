import { CasmBuilder } from '../../casm/builder.js';
import type { CellExpression } from '../../casm/cell-expression.js';
import { mustApplyApChange } from '../../casm/cell-expression.js';
import type { Instruction } from '../../casm/instruction.js';
import type { CellRef } from '../../casm/operand.js';
import { compileError } from '../../errors.js';
import { cc, regular, steps } from '../gas/objects.js';
import {
  argRefs,
  buildFromCasmBuilder,
  buildPlain,
  buildRefsOnly,
  inDeref,
  nonFallthroughTarget,
  singleCells,
} from '../invocation.js';
import { typeArg } from '../registry.js';
import { type InvocationContext, known, type LibfuncDef, type SpecContext } from '../types.js';

const k0 = () => [known(0)];
const ins = (body: Instruction['body'], incAp = false): Instruction => ({ body, incAp, hints: [] });

/** Identity lowering: outputs are the inputs. */
export const identity = (ctx: InvocationContext) => buildRefsOnly(ctx, ctx.refs);

/** `jmp rel <target> if value != 0` with the value passed on in the jump branch. */
export function buildIsZero(ctx: InvocationContext) {
  const [value] = singleCells(ctx, 1);
  const b = new CasmBuilder();
  const v = inDeref(b, value!);
  b.jumpNz(v, 'Target');
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [], undefined],
    ['Target', [[v]], nonFallthroughTarget(ctx)],
  ]);
}

/** Store instructions writing `src` cells into `dst` cells (store_temp/store_local). */
export function storeInstructions(dst: CellRef[], src: CellExpression[]): Instruction[] {
  if (dst.length !== src.length) throw compileError('store size mismatch');
  const out: Instruction[] = [];
  let apChange = 0;
  dst.forEach((d, i) => {
    const e = mustApplyApChange(src[i]!, apChange);
    let inst: Instruction;
    switch (e.kind) {
      case 'deref':
      case 'double_deref':
      case 'imm':
        inst = ins({ kind: 'assert_eq', a: d, b: e });
        break;
      case 'binop':
        if (e.op === '+' || e.op === '*')
          inst = ins({ kind: 'assert_eq', a: d, b: { kind: 'binop', op: e.op, a: e.a, b: e.b } });
        else
          inst = ins({
            kind: 'assert_eq',
            a: e.a,
            b: { kind: 'binop', op: e.op === '-' ? '+' : '*', a: d, b: e.b },
          });
        break;
    }
    if (d.register === 'ap') {
      apChange++;
      inst.incAp = true;
      // The destination is `[ap + 0]` before the increment.
    }
    out.push(inst);
  });
  return out;
}

function storeTemp(ctx: InvocationContext) {
  const [src] = argRefs(ctx, 1);
  const ty = typeArg(ctx.libfunc.args, 0, ctx.libfuncId);
  const size = ctx.reg.size(ty);
  const dst = Array.from({ length: size }, (): CellRef => ({ register: 'ap', offset: 0 }));
  const out: CellExpression[] = [];
  for (let i = -size; i < 0; i++) out.push({ kind: 'deref', cell: { register: 'ap', offset: i } });
  return buildPlain(ctx, storeInstructions(dst, src!), [], [[out]]);
}

function storeLocal(ctx: InvocationContext) {
  const [dstE, src] = argRefs(ctx, 2);
  const dst = dstE!.map((c) => {
    if (c.kind !== 'deref') throw compileError('store_local destination must be a cell');
    return c.cell;
  });
  return buildPlain(ctx, storeInstructions(dst, src!), [], [[dstE!]]);
}

function allocLocal(ctx: InvocationContext) {
  const ty = typeArg(ctx.libfunc.args, 0, ctx.libfuncId);
  const size = ctx.reg.size(ty);
  const fs = ctx.env.frameState;
  const t = ctx.env.apTracking;
  if (t.kind !== 'enabled' || t.base !== 'function')
    throw compileError(`#${ctx.idx}: alloc_local is not allowed at this point.`);
  let slot: number;
  let next: typeof fs;
  if (fs.kind === 'before') {
    slot = t.apChange;
    next = { kind: 'allocating', allocated: size, localsStart: t.apChange };
  } else if (fs.kind === 'allocating' && t.apChange === fs.localsStart) {
    slot = fs.localsStart + fs.allocated;
    next = { kind: 'allocating', allocated: fs.allocated + size, localsStart: fs.localsStart };
  } else throw compileError(`#${ctx.idx}: alloc_local is not allowed at this point.`);
  const cells: CellExpression[] = [];
  for (let i = 0; i < size; i++) cells.push({ kind: 'deref', cell: { register: 'fp', offset: slot + i } });
  return { ...buildRefsOnly(ctx, [cells]), env: { ...ctx.env, frameState: next } };
}

function finalizeLocals(ctx: InvocationContext) {
  const fs = ctx.env.frameState;
  const t = ctx.env.apTracking;
  const atStart = t.kind === 'enabled' && t.base === 'function';
  let n: number;
  if (fs.kind === 'before' && atStart) n = 0;
  else if (fs.kind === 'allocating' && atStart && t.apChange === fs.localsStart) n = fs.allocated;
  else throw compileError(`#${ctx.idx}: finalize_locals is not allowed at this point.`);
  const instructions = [ins({ kind: 'add_ap', operand: { kind: 'imm', value: BigInt(n) } })];
  return {
    ...buildPlain(ctx, instructions, [], [[]]),
    env: { ...ctx.env, frameState: { kind: 'finalized' as const, allocated: n } },
  };
}

function branchAlign(ctx: InvocationContext) {
  const fix = ctx.metadata.apVariables.get(ctx.idx) ?? 0;
  const instructions = fix > 0 ? [ins({ kind: 'add_ap', operand: { kind: 'imm', value: BigInt(fix) } })] : [];
  return buildPlain(ctx, instructions, [], [[]]);
}

function jump(ctx: InvocationContext) {
  const target = ctx.invocation.branches[0]?.target;
  if (target === null || target === undefined) throw compileError('malformed jump');
  const b = new CasmBuilder();
  b.jump('Target');
  return buildFromCasmBuilder(ctx, b, [['Target', [], target]]);
}

/** Function calls: arguments must be on the stack; results are the callee's last pushed cells. */
export function buildFunctionCall(ctx: InvocationContext, funcId: string, checkArgsOnStack: boolean) {
  if (checkArgsOnStack) {
    let expected = -1;
    for (let i = ctx.refs.length - 1; i >= 0; i--) {
      for (let j = ctx.refs[i]!.length - 1; j >= 0; j--) {
        const c = ctx.refs[i]![j]!;
        if (c.kind !== 'deref' || c.cell.register !== 'ap' || c.cell.offset !== expected) {
          throw compileError(`#${ctx.idx}: function call arguments are not on the stack`);
        }
        expected--;
      }
    }
  }
  const f = ctx.reg.func(funcId);
  const outs: CellExpression[][] = [];
  let offset = -1;
  for (let i = f.retTypes.length - 1; i >= 0; i--) {
    const size = ctx.reg.size(f.retTypes[i]!);
    const cells: CellExpression[] = [];
    for (let o = offset - size + 1; o <= offset; o++)
      cells.push({ kind: 'deref', cell: { register: 'ap', offset: o } });
    outs.unshift(cells);
    offset -= size;
  }
  return buildPlain(
    ctx,
    [ins({ kind: 'call', target: { kind: 'imm', value: 0n }, relative: true })],
    [{ index: 0, relocation: { kind: 'statement', idx: f.entryPoint } }],
    [outs],
  );
}

function userFuncArg(ctx: SpecContext | InvocationContext): string {
  const a = ctx.libfunc.args[0];
  if (a?.kind !== 'userFunc') throw compileError(`${ctx.libfuncId}: expected a user function argument`);
  return a.id;
}

export const coreLibfuncs: Record<string, LibfuncDef> = {
  store_temp: {
    cost: (c) => [steps(c.reg.size(typeArg(c.libfunc.args, 0, c.libfuncId)))],
    apChange: (c) => [known(c.reg.size(typeArg(c.libfunc.args, 0, c.libfuncId)))],
    build: storeTemp,
  },
  store_local: {
    cost: (c) => {
      const n = c.reg.size(typeArg(c.libfunc.args, 0, c.libfuncId));
      return [regular(cc(n, 0, -n))];
    },
    apChange: k0,
    build: storeLocal,
  },
  alloc_local: {
    cost: (c) => [regular(cc(0, 0, c.reg.size(typeArg(c.libfunc.args, 0, c.libfuncId))))],
    apChange: (c) => [
      { kind: 'at_locals_finalization', n: c.reg.size(typeArg(c.libfunc.args, 0, c.libfuncId)) },
    ],
    build: allocLocal,
  },
  finalize_locals: {
    cost: () => [steps(1)],
    apChange: () => [{ kind: 'finalize_locals' }],
    build: finalizeLocals,
  },
  rename: { cost: () => [steps(0)], apChange: k0, build: identity },
  revoke_ap_tracking: {
    cost: () => [steps(0)],
    apChange: () => [{ kind: 'unknown' }],
    build: (ctx) => buildPlain(ctx, [], [], [[]]),
  },
  enable_ap_tracking: {
    cost: () => [steps(0)],
    apChange: () => [{ kind: 'enable' }],
    build: (ctx) => buildPlain(ctx, [], [], [[]]),
  },
  disable_ap_tracking: {
    cost: () => [steps(0)],
    apChange: () => [{ kind: 'disable' }],
    build: (ctx) => buildPlain(ctx, [], [], [[]]),
  },
  branch_align: {
    cost: () => [{ kind: 'branch_align' }],
    apChange: () => [{ kind: 'from_metadata' }],
    build: branchAlign,
  },
  jump: { cost: () => [steps(1)], apChange: k0, build: jump },
  drop: { cost: () => [steps(0)], apChange: k0, build: (ctx) => buildRefsOnly(ctx, []) },
  dup: {
    cost: () => [steps(0)],
    apChange: k0,
    build: (ctx) => {
      const [r] = argRefs(ctx, 1);
      return buildRefsOnly(ctx, [r!, r!]);
    },
  },
  function_call: {
    cost: (c) => [{ kind: 'function', constCost: cc(2), functionId: userFuncArg(c), sign: 'sub' }],
    apChange: (c) => [{ kind: 'function_call', id: userFuncArg(c) }],
    build: (ctx) => buildFunctionCall(ctx, userFuncArg(ctx), true),
  },
  coupon_call: {
    cost: () => [steps(2)],
    apChange: (c) => [{ kind: 'function_call', id: userFuncArg(c) }],
    build: (ctx) => buildFunctionCall(ctx, userFuncArg(ctx), true),
  },
  snapshot_take: {
    cost: () => [steps(0)],
    apChange: k0,
    build: (ctx) => {
      const [r] = argRefs(ctx, 1);
      return buildRefsOnly(ctx, [r!, r!]);
    },
  },
  unwrap_non_zero: { cost: () => [steps(0)], apChange: k0, build: identity },
};
