import type { CostToken } from '../types.js';
import { TokenMap } from './token-map.js';

/** Constant cost of a branch in steps, holes and range checks. */
export interface ConstCost {
  steps: number;
  holes: number;
  rangeChecks: number;
  rangeChecks96: number;
}

export const cc = (steps = 0, rangeChecks = 0, holes = 0, rangeChecks96 = 0): ConstCost => ({
  steps,
  holes,
  rangeChecks,
  rangeChecks96,
});

/** The gas value of a ConstCost. */
export const constCostValue = (c: ConstCost) =>
  c.steps * 100 + c.holes * 10 + c.rangeChecks * 70 + c.rangeChecks96 * 56;

export type BranchCost =
  | { kind: 'regular'; constCost: ConstCost; preCost: TokenMap }
  | { kind: 'function'; constCost: ConstCost; functionId: string; sign: 'add' | 'sub' }
  | { kind: 'branch_align' }
  | { kind: 'withdraw_gas'; success: boolean; withBuiltinCosts: boolean }
  | { kind: 'redeposit_gas' }
  | { kind: 'get_unspent_gas' };

export const regular = (constCost: ConstCost, pre?: [CostToken, number][]): BranchCost => ({
  kind: 'regular',
  constCost,
  preCost: TokenMap.from(pre ?? []),
});
export const steps = (n: number): BranchCost => regular(cc(n));

/** Tokens paid through the builtin cost table (in this order). */
export const PRECOST_TOKENS: CostToken[] = [
  'Pedersen',
  'Poseidon',
  'Bitwise',
  'EcOp',
  'AddMod',
  'MulMod',
  'Blake',
];

/** Steps to compute a gas amount that depends on builtin token usages. */
export function costComputationSteps(tableAvailable: boolean, usages: (t: CostToken) => number): number {
  let s = 0;
  for (const t of PRECOST_TOKENS) {
    const u = usages(t);
    s += u === 0 ? 0 : u === 1 ? 2 : 3;
  }
  return s > 0 && !tableAvailable ? s + 4 : s;
}

/** ConstCost of a withdraw_gas branch. */
export function withdrawGasConstCost(
  info: { success: boolean; withBuiltinCosts: boolean },
  usages: (t: CostToken) => number,
): ConstCost {
  const comp = costComputationSteps(info.withBuiltinCosts, usages);
  let s = 3 + comp;
  if (!info.success) s += info.withBuiltinCosts || comp > 0 ? 2 : 1;
  return cc(s, 1);
}
