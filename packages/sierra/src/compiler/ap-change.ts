import type { Program } from '../program/types.js';
import type { ProgramRegistry } from './registry.js';
import { reverseTopologicalOrdering } from './topological.js';
import { compileTrace } from './trace.js';
import type { SierraApChange } from './types.js';

interface Info {
  localsSize: number;
  knownToReturn: number | undefined;
  tracking: { base: string | number; apChange: number } | undefined;
  effective: number | undefined;
}

/** Port of cairo-lang-sierra-ap-change `calc_ap_changes`: function ap changes and branch-align fixes. */
export function computeApChanges(
  program: Program,
  reg: ProgramRegistry,
  branchesApChange: (idx: number) => SierraApChange[],
): { functionApChange: Map<string, number>; apVariables: Map<number, number> } {
  const n = program.statements.length;
  const branches: [SierraApChange, number][][] = [];
  for (let idx = 0; idx < n; idx++) {
    compileTrace.statement = idx;
    const st = program.statements[idx]!;
    if (st.kind !== 'invocation') {
      branches.push([]);
      continue;
    }
    const changes = branchesApChange(idx);
    branches.push(changes.map((c, i) => [c, nextIdx(idx, st.branches[i]?.target ?? null)]));
  }
  const infos: Info[] = Array.from({ length: n }, () => ({
    localsSize: 0,
    knownToReturn: undefined,
    tracking: undefined,
    effective: undefined,
  }));
  const entry = (id: string) => reg.func(id).entryPoint;
  const branchApChange = (idx: number, c: SierraApChange, fnAp: (id: string) => number | undefined) => {
    switch (c.kind) {
      case 'unknown':
      case 'disable':
        return undefined;
      case 'known':
        return c.n;
      case 'from_metadata':
      case 'at_locals_finalization':
      case 'enable':
        return 0;
      case 'finalize_locals':
        return infos[idx]!.localsSize;
      case 'function_call': {
        const f = fnAp(c.id);
        return f === undefined ? undefined : f + 2;
      }
    }
  };

  // Locals sizes and known ap change to return.
  const rev = reverseTopologicalOrdering(
    Array.from({ length: n }, (_, i) => i),
    n,
    (idx) => {
      const res: number[] = [];
      for (const [c, t] of branches[idx]!) {
        res.push(t);
        if (c.kind === 'function_call') res.push(entry(c.id));
      }
      return res;
    },
  );
  for (let k = rev.length - 1; k >= 0; k--) {
    const idx = rev[k]!;
    for (const [c, t] of branches[idx]!) {
      if (c.kind === 'at_locals_finalization') infos[t]!.localsSize = infos[idx]!.localsSize + c.n;
      else if (c.kind !== 'unknown' && c.kind !== 'finalize_locals')
        infos[t]!.localsSize = infos[idx]!.localsSize;
    }
  }
  for (const idx of rev) {
    let max = 0;
    let ok = true;
    for (const [c, t] of branches[idx]!) {
      const target = infos[t]!.knownToReturn;
      if (target === undefined) {
        ok = false;
        break;
      }
      const ch = branchApChange(idx, c, (id) => infos[entry(id)]!.knownToReturn);
      if (ch === undefined) {
        ok = false;
        break;
      }
      max = Math.max(max, target + ch);
    }
    if (ok) infos[idx]!.knownToReturn = max;
  }
  const functionApChange = new Map<string, number>();
  for (const f of program.funcs) {
    const k = infos[f.entryPoint]!.knownToReturn;
    if (k !== undefined) functionApChange.set(f.id, k);
  }

  // Tracked ap changes, for branch alignment.
  const tracked = reverseTopologicalOrdering(
    Array.from({ length: n }, (_, i) => i),
    n,
    (idx) => {
      const res: number[] = [];
      for (const [c, t] of branches[idx]!) {
        if (c.kind === 'unknown') continue;
        if (c.kind === 'function_call' && !functionApChange.has(c.id)) continue;
        res.push(t);
      }
      return res;
    },
  );
  for (const f of program.funcs) infos[f.entryPoint]!.tracking = { base: f.id, apChange: 0 };
  const fnAp = (id: string) => functionApChange.get(id);
  for (let k = tracked.length - 1; k >= 0; k--) {
    const idx = tracked[k]!;
    for (const [c, t] of branches[idx]!) {
      if (c.kind === 'enable') {
        infos[t]!.tracking = { base: idx, apChange: 0 };
        continue;
      }
      const base = infos[idx]!.tracking;
      if (!base) continue;
      const ch = branchApChange(idx, c, fnAp);
      if (ch === undefined) continue;
      const value = base.apChange + ch;
      const ti = infos[t]!;
      if (ti.tracking)
        ti.tracking = { base: ti.tracking.base, apChange: Math.max(ti.tracking.apChange, value) };
      else ti.tracking = { base: base.base, apChange: value };
    }
  }
  const apVariables = new Map<number, number>();
  for (const idx of tracked) {
    const base = infos[idx]!.tracking;
    if (!base) continue;
    if (program.statements[idx]!.kind === 'return') {
      if (typeof base.base === 'string') {
        const f = functionApChange.get(base.base);
        if (f !== undefined) infos[idx]!.effective = f;
      }
      continue;
    }
    let source: number | undefined;
    const paths: [number, number][] = [];
    for (const [c, t] of branches[idx]!) {
      if (c.kind === 'enable') continue;
      const ch = branchApChange(idx, c, fnAp);
      if (ch === undefined) {
        source = base.apChange;
        continue;
      }
      const te = infos[t]!.effective;
      if (te === undefined) continue;
      const calc = te - ch;
      paths.push([t, calc]);
      source = source === undefined ? calc : Math.min(source, calc);
    }
    if (source !== undefined) {
      infos[idx]!.effective = source;
      for (const [t, p] of paths) if (p !== source) apVariables.set(t, p - source);
    }
  }
  return { functionApChange, apVariables };
}

export function nextIdx(idx: number, target: number | null): number {
  return target === null ? idx + 1 : target;
}
