import {
  applyApChange,
  type CellExpression,
  canApplyUnknown,
  cellExprEquals,
} from '../casm/cell-expression.js';
import { compileError } from '../errors.js';
import type { CostMap, Environment } from './types.js';

export interface RefValue {
  cells: CellExpression[];
  ty: string;
}

export interface StatementAnnotations {
  /** References with ap-based cells stored `apShift` cells above their actual offsets. */
  refs: Map<string, RefValue>;
  apShift: number;
  functionId: string;
  convergenceAllowed: boolean;
  env: Environment;
}

/** Actual cells of a stored reference (ap-based offsets lowered by the pending shift). */
export function materialize(r: RefValue, apShift: number, where: number): CellExpression[] {
  if (apShift === 0) return r.cells;
  return r.cells.map((c) => {
    const x = applyApChange(c, apShift);
    if (!x) throw compileError(`#${where}: ap offset overflow`);
    return x;
  });
}

/** Stored form of actual cells under a pending shift. */
export function store(cells: CellExpression[], apShift: number): CellExpression[] {
  if (apShift === 0) return cells;
  return cells.map((c) => applyApChange(c, -apShift)!);
}

/** Checks that no reference depends on ap (needed across an unknown ap change). */
export function checkNoApRefs(refs: Map<string, RefValue>, where: number): void {
  for (const [k, r] of refs) {
    if (!r.cells.every(canApplyUnknown)) {
      throw compileError(`#${where}: variable ${k} is ap-based across an unknown ap change`, { var: k });
    }
  }
}

function sameWallet(a: CostMap | undefined, b: CostMap | undefined): boolean {
  if (!a || !b) return a === b;
  const keys = new Set([...a.keys(), ...b.keys()]);
  for (const k of keys) if ((a.get(k) ?? 0) !== (b.get(k) ?? 0)) return false;
  return true;
}

/** Checks that two flows merging into one statement agree (as `set_or_assert` does). */
export function assertConsistent(
  idx: number,
  expected: StatementAnnotations,
  actual: StatementAnnotations,
): void {
  const fail = (why: string) => {
    throw compileError(`#${idx}: inconsistent annotations: ${why}`);
  };
  if (expected.functionId !== actual.functionId) fail('function id');
  const ea = expected.env.apTracking;
  const aa = actual.env.apTracking;
  if (
    ea.kind !== aa.kind ||
    (ea.kind === 'enabled' && aa.kind === 'enabled' && (ea.apChange !== aa.apChange || ea.base !== aa.base))
  ) {
    fail('ap tracking');
  }
  if (JSON.stringify(expected.env.frameState) !== JSON.stringify(actual.env.frameState)) fail('frame state');
  if (!sameWallet(expected.env.gasWallet, actual.env.gasWallet)) fail('gas wallet');
  if (expected.refs.size !== actual.refs.size) fail('variable count');
  for (const [k, r] of actual.refs) {
    const e = expected.refs.get(k);
    if (!e) fail(`variable ${k} missing`);
    // Output types are not tracked for libfunc results, so only known types are compared.
    if (e!.ty && r.ty && e!.ty !== r.ty) fail(`type of ${k}`);
    const ec = materialize(e!, expected.apShift, idx);
    const rc = materialize(r, actual.apShift, idx);
    if (ec.length !== rc.length || ec.some((c, i) => !cellExprEquals(c, rc[i]!))) {
      fail(`expression of ${k}`);
    }
  }
  if (!expected.convergenceAllowed) fail('invalid convergence');
}
