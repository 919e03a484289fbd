import { SierraError } from '../errors.js';
import type { Program } from '../program/types.js';
import { computeApChanges } from './ap-change.js';
import { combineGas, computePostcost, computePrecost } from './gas/compute.js';
import type { BranchCost } from './gas/objects.js';
import { getLibfuncDef } from './libfuncs/index.js';
import type { ProgramRegistry } from './registry.js';
import { compileTrace } from './trace.js';
import type { CostMap, CostToken, LibfuncDef, Metadata, SierraApChange, SpecContext } from './types.js';

export function resolveDefs(reg: ProgramRegistry): Map<string, LibfuncDef> {
  const defs = new Map<string, LibfuncDef>();
  const missing = new Set<string>();
  for (const [id, longId] of reg.libfuncs) {
    const def = getLibfuncDef(longId.genericId);
    if (def) defs.set(id, def);
    else missing.add(longId.genericId);
  }
  if (missing.size) {
    throw new SierraError('SIERRA_UNSUPPORTED_LIBFUNC', `unsupported libfuncs: ${[...missing].join(', ')}`, {
      libfuncs: [...missing],
    });
  }
  return defs;
}

function specContext(reg: ProgramRegistry, libfuncId: string, tokens: CostMap | undefined): SpecContext {
  return {
    reg,
    libfunc: reg.libfunc(libfuncId),
    libfuncId,
    tokenUsages: (t: CostToken) => tokens?.get(t) ?? 0,
  };
}

// Libfuncs whose ap change depends on the gas token usages at the statement.
const TOKEN_DEPENDENT = new Set(['withdraw_gas', 'withdraw_gas_all', 'redeposit_gas', 'get_unspent_gas']);

/** Per-libfunc ap changes and costs, computed once per concrete libfunc. */
export class LibfuncSpecs {
  private ap = new Map<string, SierraApChange[]>();
  private costs = new Map<string, BranchCost[]>();
  private dependent = new Map<string, boolean>();
  constructor(
    private readonly reg: ProgramRegistry,
    private readonly defs: Map<string, LibfuncDef>,
  ) {}
  spec(libfuncId: string, tokens?: CostMap): SpecContext {
    return specContext(this.reg, libfuncId, tokens);
  }
  apChange(libfuncId: string, tokens: () => CostMap | undefined): SierraApChange[] {
    let dep = this.dependent.get(libfuncId);
    if (dep === undefined) {
      dep = TOKEN_DEPENDENT.has(this.reg.libfunc(libfuncId).genericId);
      this.dependent.set(libfuncId, dep);
    }
    if (dep) return this.defs.get(libfuncId)!.apChange(this.spec(libfuncId, tokens()));
    let r = this.ap.get(libfuncId);
    if (!r) {
      r = this.defs.get(libfuncId)!.apChange(this.spec(libfuncId));
      this.ap.set(libfuncId, r);
    }
    return r;
  }
  cost(libfuncId: string): BranchCost[] {
    let r = this.costs.get(libfuncId);
    if (!r) {
      r = this.defs.get(libfuncId)!.cost(this.spec(libfuncId));
      this.costs.set(libfuncId, r);
    }
    return r;
  }
}

/** Computes ap-change and gas metadata for a program (pre-cost, ap changes, post-cost). */
export function computeMetadata(
  program: Program,
  reg: ProgramRegistry,
  defs: Map<string, LibfuncDef>,
  setCosts: Map<string, number> = new Map(),
  specs: LibfuncSpecs = new LibfuncSpecs(reg, defs),
  apChangeOnly = false,
): Metadata {
  const branchCosts = program.statements.map((st, idx) => {
    compileTrace.statement = idx;
    return st.kind === 'invocation' ? specs.cost(st.libfuncId) : [];
  });
  if (apChangeOnly) {
    // `calc_metadata_ap_change_only`: ap changes with zero token usages, no gas information.
    const ap = computeApChanges(program, reg, (idx) => {
      const st = program.statements[idx]!;
      return st.kind === 'invocation' ? specs.apChange(st.libfuncId, () => undefined) : [];
    });
    return { ...ap, gasVariables: new Map(), functionCosts: new Map() };
  }
  const pre = computePrecost(program, reg, branchCosts);
  const ap = computeApChanges(program, reg, (idx) => {
    const st = program.statements[idx]!;
    if (st.kind !== 'invocation') return [];
    return specs.apChange(st.libfuncId, () => pre.variables.get(idx)?.toMap());
  });
  const enforced = new Map<number, number>();
  for (const [f, v] of setCosts) enforced.set(reg.func(f).entryPoint, v);
  const post = computePostcost(
    program,
    reg,
    branchCosts,
    pre,
    (idx) => ap.apVariables.get(idx) ?? 0,
    enforced,
  );
  const gas = combineGas(pre, post);
  const gasVariables = new Map<number, CostMap>();
  for (const [k, v] of gas.variables) gasVariables.set(k, v.toMap());
  return { ...ap, gasVariables, functionCosts: gas.functionCosts };
}
