import type { ProgramRegistry } from '../registry.js';
import type { CostMap, CostToken, Metadata } from '../types.js';
import {
  type BranchCost,
  cc,
  constCostValue,
  costComputationSteps,
  PRECOST_TOKENS,
  withdrawGasConstCost,
} from './objects.js';
import { TokenMap } from './token-map.js';

/** Token costs of each branch of the invocation at `idx` (as the compiler charges the gas wallet). */
export function branchCostMaps(
  costs: BranchCost[],
  idx: number,
  metadata: Metadata,
  reg: ProgramRegistry,
): CostMap[] {
  const vars = metadata.gasVariables.get(idx);
  const varCost = (t: CostToken) => vars?.get(t);
  const usages = (t: CostToken) => vars?.get(t) ?? 0;
  const fnCost = (id: string, t: CostToken) => metadata.functionCosts.get(id)?.get(t);
  const statementVars = () => {
    const m = new TokenMap();
    for (const t of PRECOST_TOKENS) {
      const v = varCost(t);
      if (v !== undefined) m.set(t, v);
    }
    return m;
  };
  return costs.map((c) => {
    let pre: TokenMap;
    let post: number;
    switch (c.kind) {
      case 'regular':
        pre = c.preCost.clone();
        post = constCostValue(c.constCost);
        break;
      case 'function': {
        void reg;
        const content = new TokenMap();
        for (const t of PRECOST_TOKENS) {
          const v = fnCost(c.functionId, t);
          if (v !== undefined) content.set(t, v);
        }
        pre = c.sign === 'add' ? statementVars().subCollection(content.entries()) : content;
        const cost = constCostValue(c.constCost) + (fnCost(c.functionId, 'Const') ?? 0);
        if (c.sign === 'add') {
          const refund = varCost('Const');
          post = refund !== undefined ? refund - cost : -cost;
        } else post = cost;
        break;
      }
      case 'branch_align': {
        pre = statementVars();
        const ap = metadata.apVariables.get(idx) ?? 0;
        const burnt = varCost('Const') ?? 0;
        post = ap === 0 ? burnt : burnt + constCostValue(cc(1, 0, ap));
        break;
      }
      case 'redeposit_gas': {
        pre = statementVars();
        const base = constCostValue(cc(costComputationSteps(false, usages)));
        const v = varCost('Const');
        post = v !== undefined ? base + v : base;
        break;
      }
      case 'get_unspent_gas':
        pre = new TokenMap();
        post = constCostValue(cc(costComputationSteps(false, usages)));
        break;
      case 'withdraw_gas': {
        if (c.success) {
          pre = statementVars();
          pre.values = pre.values.map((v) => -v);
        } else pre = new TokenMap();
        const total = constCostValue(withdrawGasConstCost(c, usages));
        const v = varCost('Const');
        post = c.success && v !== undefined ? total - v : total;
        break;
      }
    }
    const out = pre.toMap();
    if (post !== 0) out.set('Const', post);
    return out;
  });
}
