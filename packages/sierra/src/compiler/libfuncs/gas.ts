import { CasmBuilder, type Var } from '../../casm/builder.js';
import { addWithConst } from '../../casm/cell-expression.js';
import type { Instruction } from '../../casm/instruction.js';
import { compileError } from '../../errors.js';
import { costComputationSteps, PRECOST_TOKENS, steps } from '../gas/objects.js';
import {
  buildFromCasmBuilder,
  buildRefsOnly,
  inBuffer,
  inDeref,
  nonFallthroughTarget,
  singleCells,
} from '../invocation.js';
import {
  type CostToken,
  type InvocationContext,
  known,
  type LibfuncDef,
  type RelocationEntry,
  type SpecContext,
} from '../types.js';

const U128_LIMIT = 1n << 128n;
const BUILTIN_COST_OFFSET: Partial<Record<CostToken, number>> = {
  Pedersen: 0,
  Bitwise: 1,
  EcOp: 2,
  Poseidon: 3,
  AddMod: 4,
  MulMod: 5,
  Blake: 6,
};

const usage = (ctx: InvocationContext) => (t: CostToken) =>
  ctx.metadata.gasVariables.get(ctx.idx)?.get(t) ?? 0;

function validateTokenVars(ctx: InvocationContext): void {
  if (!ctx.env.gasWallet) return;
  const vars = ctx.metadata.gasVariables.get(ctx.idx);
  for (const t of [...PRECOST_TOKENS, 'Const' as const]) {
    if (vars?.get(t) === undefined) throw compileError(`#${ctx.idx}: unknown gas variable data`);
  }
}

/** `call rel <end>; [ap] = [ap - 1] + <offset>`: a pointer past the program code (the builtin cost table). */
export function pointerAfterProgramCode(offset: number): {
  instructions: Instruction[];
  relocations: RelocationEntry[];
} {
  return {
    instructions: [
      { body: { kind: 'call', target: { kind: 'imm', value: 0n }, relative: true }, incAp: false, hints: [] },
      {
        body: {
          kind: 'assert_eq',
          a: { register: 'ap', offset: 0 },
          b: {
            kind: 'binop',
            op: '+',
            a: { register: 'ap', offset: -1 },
            b: { kind: 'imm', value: BigInt(offset) },
          },
        },
        incAp: true,
        hints: [],
      },
    ],
    relocations: [
      { index: 0, relocation: { kind: 'end_of_program' } },
      { index: 1, relocation: { kind: 'end_of_program' } },
    ],
  };
}

function costTableFetch(b: CasmBuilder) {
  const pre = pointerAfterProgramCode(1);
  b.increaseApChange(3);
  const ptr = b.addVar({ kind: 'double_deref', cell: { register: 'ap', offset: 2 }, offset: 0 });
  return { pre, ptr };
}

function totalRequested(
  ctx: InvocationContext,
  b: CasmBuilder,
  builtinCost: Var,
): { constCount: number; total: Var } {
  const u = usage(ctx);
  const constCount = u('Const');
  let total = b.const(constCount);
  for (const t of PRECOST_TOKENS) {
    const n = u(t);
    if (n === 0) continue;
    const single = b.allocVar();
    b.assertVarsEq(single, b.doubleDeref(builtinCost, BUILTIN_COST_OFFSET[t]!));
    let multi = single;
    if (n !== 1) {
      const c = b.const(n);
      multi = b.allocVar();
      b.assertVarsEq(multi, b.binOp('*', single, c));
    }
    const updated = b.allocVar();
    b.assertVarsEq(updated, b.binOp('+', multi, total));
    total = updated;
  }
  return { constCount, total };
}

function withdrawGivenTable(
  ctx: InvocationContext,
  b: CasmBuilder,
  rc: Var,
  gas: Var,
  table: Var,
  pre?: { instructions: Instruction[]; relocations: RelocationEntry[] },
) {
  const { total } = totalRequested(ctx, b, table);
  const has = b.allocVar();
  b.addHint('TestLessThanOrEqual', { lhs: total, rhs: gas }, { dst: has });
  b.jumpNz(has, 'HasEnoughGas');
  const diff = b.allocVar();
  b.assertVarsEq(diff, b.binOp('-', gas, total));
  const limit = b.const(U128_LIMIT);
  const fixed = b.allocVar();
  b.assertVarsEq(fixed, b.binOp('+', diff, limit));
  b.bufferWriteAndInc(rc, fixed);
  b.jump('Failure');
  b.label('HasEnoughGas');
  const updated = b.allocVar();
  b.assertVarsEq(updated, b.binOp('-', gas, total));
  b.bufferWriteAndInc(rc, updated);
  return buildFromCasmBuilder(
    ctx,
    b,
    [
      ['Fallthrough', [[rc], [updated]], undefined],
      ['Failure', [[rc], [gas]], nonFallthroughTarget(ctx)],
    ],
    pre,
  );
}

function withdrawGas(ctx: InvocationContext) {
  const [rcE, gasE] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const rc = inBuffer(b, rcE!, 1);
  const gas = inDeref(b, gasE!);
  validateTokenVars(ctx);
  const u = usage(ctx);
  if (PRECOST_TOKENS.some((t) => u(t) > 0)) {
    const { pre, ptr } = costTableFetch(b);
    const table = b.allocVar();
    b.assertVarsEq(table, ptr);
    return withdrawGivenTable(ctx, b, rc, gas, table, pre);
  }
  const requested = u('Const');
  const has = b.allocVar();
  const reqImm = b.const(requested);
  b.addHint('TestLessThanOrEqual', { lhs: reqImm, rhs: gas }, { dst: has });
  b.jumpNz(has, 'HasEnoughGas');
  const fix = b.const(U128_LIMIT - BigInt(requested));
  const diff = b.allocVar();
  b.assertVarsEq(diff, b.binOp('+', gas, fix));
  b.bufferWriteAndInc(rc, diff);
  b.jump('Failure');
  b.label('HasEnoughGas');
  const updated = b.allocVar();
  b.assertVarsEq(updated, b.binOp('-', gas, reqImm));
  b.bufferWriteAndInc(rc, updated);
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[rc], [updated]], undefined],
    ['Failure', [[rc], [gas]], nonFallthroughTarget(ctx)],
  ]);
}

function unspentGas(isRedeposit: boolean) {
  return (ctx: InvocationContext) => {
    const [gasE] = singleCells(ctx, 1);
    validateTokenVars(ctx);
    const u = usage(ctx);
    const requested = u('Const');
    if (PRECOST_TOKENS.every((t) => u(t) === 0)) {
      if (gasE!.kind !== 'deref') throw compileError('invalid reference expression for gas counter');
      const updated = addWithConst(gasE!.cell, requested);
      return buildRefsOnly(ctx, isRedeposit ? [[updated]] : [[gasE!], [updated]]);
    }
    const b = new CasmBuilder();
    const gas = inDeref(b, gasE!);
    const { pre, ptr } = costTableFetch(b);
    const cost = b.allocVar();
    b.assertVarsEq(cost, ptr);
    const { total } = totalRequested(ctx, b, cost);
    const updated = b.binOp('+', gas, total);
    return buildFromCasmBuilder(
      ctx,
      b,
      [['Fallthrough', isRedeposit ? [[updated]] : [[gas], [updated]], undefined]],
      pre,
    );
  };
}

function builtinWithdrawGas(ctx: InvocationContext) {
  const [rcE, gasE, costE] = singleCells(ctx, 3);
  const b = new CasmBuilder();
  const rc = inBuffer(b, rcE!, 1);
  const gas = inDeref(b, gasE!);
  const table = inDeref(b, costE!);
  validateTokenVars(ctx);
  return withdrawGivenTable(ctx, b, rc, gas, table);
}

function getBuiltinCosts(ctx: InvocationContext) {
  const b = new CasmBuilder();
  const { pre, ptr } = costTableFetch(b);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[ptr]], undefined]], pre);
}

const comp = (c: SpecContext, table: boolean) => costComputationSteps(table, (t) => c.tokenUsages(t));

export const gasLibfuncs: Record<string, LibfuncDef> = {
  withdraw_gas: {
    apChange: (c) => {
      const n = comp(c, false);
      return n === 0 ? [known(2), known(2)] : [known(n + 2), known(n + 3)];
    },
    cost: () => [
      { kind: 'withdraw_gas', success: true, withBuiltinCosts: false },
      { kind: 'withdraw_gas', success: false, withBuiltinCosts: false },
    ],
    build: withdrawGas,
  },
  withdraw_gas_all: {
    apChange: (c) => [known(comp(c, true) + 2), known(comp(c, true) + 3)],
    cost: () => [
      { kind: 'withdraw_gas', success: true, withBuiltinCosts: true },
      { kind: 'withdraw_gas', success: false, withBuiltinCosts: true },
    ],
    build: builtinWithdrawGas,
  },
  redeposit_gas: {
    apChange: (c) => [known(comp(c, false))],
    cost: () => [{ kind: 'redeposit_gas' }],
    build: unspentGas(true),
  },
  get_unspent_gas: {
    apChange: (c) => [known(comp(c, false))],
    cost: () => [{ kind: 'get_unspent_gas' }],
    build: unspentGas(false),
  },
  get_available_gas: {
    apChange: () => [known(0)],
    cost: () => [steps(0)],
    build: (ctx) => {
      const [r] = ctx.refs;
      return buildRefsOnly(ctx, [r!, r!]);
    },
  },
  get_builtin_costs: {
    apChange: () => [known(3)],
    cost: () => [steps(3)],
    build: getBuiltinCosts,
  },
};
