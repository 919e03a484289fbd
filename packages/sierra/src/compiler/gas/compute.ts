import type { Program } from '../../program/types.js';
import type { ProgramRegistry } from '../registry.js';
import type { CostToken, LibfuncDef, SpecContext } from '../types.js';
import {
  computeCosts,
  type GasInfo,
  postCostOps,
  preCostOps,
  precostFull,
  type SpecificContext,
} from './compute-costs.js';
import {
  type BranchCost,
  cc,
  constCostValue,
  costComputationSteps,
  withdrawGasConstCost,
} from './objects.js';
import { TokenMap } from './token-map.js';

/** Branch costs of every statement (empty for returns). */
export function allBranchCosts(
  program: Program,
  defs: Map<string, LibfuncDef>,
  spec: (libfuncId: string) => SpecContext,
): BranchCost[][] {
  return program.statements.map((st) =>
    st.kind === 'invocation' ? defs.get(st.libfuncId)!.cost(spec(st.libfuncId)) : [],
  );
}

/** Pre-cost (builtin token) solution. */
export function computePrecost(program: Program, reg: ProgramRegistry, branchCosts: BranchCost[][]): GasInfo {
  const ctx: SpecificContext<TokenMap> = {
    ops: preCostOps,
    fullCost: precostFull,
    toCostMap: (c) => c.clone(),
    gasWithdrawal: (_idx, _c, wallet, future) => preCostOps.sub(future, wallet),
    branchRequirement: (walletAt, _idx, target, c) => {
      let cost: TokenMap;
      switch (c.kind) {
        case 'regular':
          cost = c.preCost;
          break;
        case 'function': {
          const f = walletAt(reg.func(c.functionId).entryPoint);
          cost = c.sign === 'add' ? preCostOps.neg(f) : f;
          break;
        }
        case 'withdraw_gas':
          if (c.success) return new TokenMap();
          cost = new TokenMap();
          break;
        default:
          cost = new TokenMap();
      }
      return preCostOps.add(cost, walletAt(target));
    },
  };
  return computeCosts(program, reg, branchCosts, ctx);
}

/** Post-cost (Const token) solution, given the pre-cost solution and the branch-align ap fixes. */
export function computePostcost(
  program: Program,
  reg: ProgramRegistry,
  branchCosts: BranchCost[][],
  pre: GasInfo,
  apVar: (idx: number) => number,
  enforced: Map<number, number> = new Map(),
): GasInfo {
  const usages = (idx: number) => (t: CostToken) => pre.variables.get(idx)?.get(t) ?? 0;
  const withdrawCost = (idx: number, c: { success: boolean; withBuiltinCosts: boolean }) =>
    constCostValue(withdrawGasConstCost(c, usages(idx)));
  const ctx: SpecificContext<number> = {
    ops: postCostOps,
    fullCost: (c) => [['Const', c]],
    toCostMap: (c) => (c === 0 ? new TokenMap() : TokenMap.from([['Const', c]])),
    gasWithdrawal: (idx, c, wallet, future) => {
      if (c.kind !== 'withdraw_gas') throw new Error('unreachable');
      return future + withdrawCost(idx, c) - wallet;
    },
    branchRequirement: (walletAt, idx, target, c) => {
      let v: number;
      switch (c.kind) {
        case 'regular':
          v = constCostValue(c.constCost);
          break;
        case 'branch_align': {
          const ap = apVar(idx);
          v = ap === 0 ? 0 : constCostValue(cc(1, 0, ap));
          break;
        }
        case 'function': {
          const cost = walletAt(reg.func(c.functionId).entryPoint) + constCostValue(c.constCost);
          v = c.sign === 'add' ? -cost : cost;
          break;
        }
        case 'withdraw_gas': {
          const cost = withdrawCost(idx, c);
          if (c.success) return cost;
          v = cost;
          break;
        }
        case 'redeposit_gas':
        case 'get_unspent_gas':
          v = constCostValue(cc(costComputationSteps(false, usages(idx))));
          break;
      }
      return v + walletAt(target);
    },
  };
  return computeCosts(program, reg, branchCosts, ctx, enforced);
}

/** `GasInfo::combine`: adds post-cost values onto the pre-cost ones. */
export function combineGas(a: GasInfo, b: GasInfo): GasInfo {
  const variables = new Map<number, TokenMap>();
  for (const [k, v] of a.variables) variables.set(k, v.clone());
  for (const [k, v] of b.variables) {
    const m = variables.get(k) ?? new TokenMap();
    for (const [t, x] of v.entries()) m.set(t, (m.get(t) ?? 0) + x);
    variables.set(k, m);
  }
  const functionCosts = new Map<string, TokenMap>();
  for (const [k, v] of a.functionCosts) functionCosts.set(k, v.clone());
  for (const [k, v] of b.functionCosts) {
    const m = functionCosts.get(k);
    if (!m) functionCosts.set(k, v.clone());
    else for (const [t, x] of v.entries()) m.set(t, (m.get(t) ?? 0) + x);
  }
  return { variables, functionCosts };
}
