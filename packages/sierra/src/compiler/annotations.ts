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
  refs: Map<string, RefValue>;
  functionId: string;
  convergenceAllowed: boolean;
  env: Environment;
}

/** Rebases every reference after an ap change (`unknown` keeps only ap-independent ones). */
export function applyApChangeToRefs(
  refs: Map<string, RefValue>,
  apChange: number | 'unknown',
  where: number,
): void {
  if (apChange === 0) return;
  for (const [k, r] of refs) {
    if (apChange === 'unknown') {
      if (!r.cells.every(canApplyUnknown)) {
        throw compileError(`#${where}: variable ${k} is ap-based across an unknown ap change`, { var: k });
      }
      continue;
    }
    const cells = r.cells.map((c) => applyApChange(c, apChange));
    if (cells.some((c) => c === null)) throw compileError(`#${where}: ap offset overflow for ${k}`);
    refs.set(k, { cells: cells as CellExpression[], ty: r.ty });
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
    if (e!.cells.length !== r.cells.length || e!.cells.some((c, i) => !cellExprEquals(c, r.cells[i]!))) {
      fail(`expression of ${k}`);
    }
  }
  if (!expected.convergenceAllowed) fail('invalid convergence');
}
