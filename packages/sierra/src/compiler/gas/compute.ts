import type { Program } from '../../program/types.js';
import type { ProgramRegistry } from '../registry.js';
import type { CostMap, LibfuncDef, SierraApChange } from '../types.js';

/** Gas metadata: per-statement gas variables and per-function costs. */
export function computeGas(
  program: Program,
  reg: ProgramRegistry,
  defs: Map<string, LibfuncDef>,
  apChangeOf: (idx: number, tokens: CostMap | undefined) => SierraApChange[],
): { gasVariables: Map<number, CostMap>; functionCosts: Map<string, CostMap> } {
  void program;
  void reg;
  void defs;
  void apChangeOf;
  return { gasVariables: new Map(), functionCosts: new Map() };
}
