import { compileError } from '../../errors.js';
import type { Program } from '../../program/types.js';
import { nextIdx } from '../ap-change.js';
import type { ProgramRegistry } from '../registry.js';
import { reverseTopologicalOrdering } from '../topological.js';
import { compileTrace } from '../trace.js';
import type { CostToken } from '../types.js';
import { type BranchCost, PRECOST_TOKENS } from './objects.js';
import { TokenMap } from './token-map.js';

/** Arithmetic of a cost type (PreCost maps or plain post-cost numbers). */
export interface CostOps<T> {
  zero(): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  min(a: T, b: T): T;
  max(a: T, b: T): T;
  rectify(a: T): T;
  neg(a: T): T;
}

// TokenMaps are never mutated once built, so an operation whose result equals an operand returns that
// operand (most statements have no builtin pre-costs: this avoids most allocations of the solver).
export const preCostOps: CostOps<TokenMap> = {
  zero: () => new TokenMap(),
  add: (a, b) => (b.size === 0 ? a : a.addCollection(b.entries())),
  sub: (a, b) => (b.size === 0 ? a : a.subCollection(b.entries())),
  min: (a, b) => {
    if (a.size === 0) return a;
    const m = a.clone();
    m.retain((k) => b.get(k) !== undefined);
    m.keys.forEach((k, i) => {
      m.values[i] = Math.min(m.values[i]!, b.get(k)!);
    });
    return m;
  },
  max: (a, b) => {
    if (b.size === 0) return a;
    if (a.size === 0) return b;
    const m = a.clone();
    for (const [k, v] of b.entries()) {
      const cur = m.get(k);
      m.set(k, cur === undefined ? v : Math.max(cur, v));
    }
    return m;
  },
  rectify: (a) => {
    if (a.values.every((v) => v > 0)) return a;
    const m = a.clone();
    m.retain((_k, v) => v > 0);
    return m;
  },
  neg: (a) => {
    if (a.size === 0) return a;
    const m = a.clone();
    m.values = m.values.map((v) => -v);
    return m;
  },
};

export const postCostOps: CostOps<number> = {
  zero: () => 0,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  min: Math.min,
  max: Math.max,
  rectify: (a) => Math.max(a, 0),
  neg: (a) => -a,
};

/** The parts that differ between the pre-cost and post-cost computations. */
export interface SpecificContext<T> {
  ops: CostOps<T>;
  fullCost(c: T): [CostToken, number][];
  toCostMap(c: T): TokenMap;
  gasWithdrawal(idx: number, cost: BranchCost, wallet: T, future: T): T;
  branchRequirement(walletAt: (idx: number) => T, idx: number, target: number, cost: BranchCost): T;
}

export interface GasInfo {
  variables: Map<number, TokenMap>;
  functionCosts: Map<string, TokenMap>;
}

/** Port of cairo-lang-sierra-gas `compute_costs` (the linear gas solver). */
export function computeCosts<T>(
  program: Program,
  reg: ProgramRegistry,
  branchCosts: BranchCost[][],
  sc: SpecificContext<T>,
  enforced: Map<number, T> = new Map(),
): GasInfo {
  const n = program.statements.length;
  const ops = sc.ops;
  const costs: T[] = Array.from({ length: n }, () => ops.zero());
  let targets: T[] | undefined;
  const walletAt = (i: number) => enforced.get(i) ?? costs[i]!;
  const rawWalletAt = (i: number) => costs[i]!;

  const requirements = (idx: number, rectify: boolean): T[] => {
    const inv = invocationOf(program, idx)!;
    return inv.branches.map((b, i) => {
      const r = sc.branchRequirement(walletAt, idx, nextIdx(idx, b.target), branchCosts[idx]![i]!);
      return rectify ? ops.rectify(r) : r;
    });
  };

  const computeWallet = (idx: number): T => {
    compileTrace.statement = idx;
    const inv = invocationOf(program, idx);
    if (!inv) return ops.zero();
    const reqs = requirements(idx, true);
    let max = reqs.length ? reqs.reduce((a, b) => ops.max(a, b)) : ops.zero();
    const bc = branchCosts[idx]!;
    const isRedeposit = bc.length === 1 && bc[0]!.kind === 'redeposit_gas';
    if ((reqs.length > 1 || isRedeposit) && targets) max = ops.max(max, targets[idx]!);
    return max;
  };

  // Order: dependencies first, cycles are errors.
  const order = orderWithCycleCheck(n, (idx) => {
    const inv = invocationOf(program, idx);
    if (!inv) return [];
    const res: number[] = [];
    const add = (x: number) => {
      if (!res.includes(x)) res.push(x);
    };
    inv.branches.forEach((b, i) => {
      const c = branchCosts[idx]![i]!;
      if (c.kind === 'function') add(reg.func(c.functionId).entryPoint);
      else if (c.kind === 'withdraw_gas' && c.success) return;
      add(nextIdx(idx, b.target));
    });
    return res;
  });
  const prepare = () => {
    for (const idx of order) costs[idx] = computeWallet(idx);
  };
  prepare();
  targets = computeTargets(program, branchCosts, sc, walletAt, rawWalletAt, requirements, enforced);
  prepare();
  for (const [idx, v] of enforced) {
    if (JSON.stringify(rawWalletAt(idx)) !== JSON.stringify(v))
      throw compileError(`failed to enforce function cost at #${idx}`);
  }

  const variables = new Map<number, TokenMap>();
  const put = (idx: number, entries: [CostToken, number][]) => {
    const m = variables.get(idx) ?? new TokenMap();
    for (const [k, v] of entries) m.set(k, v);
    variables.set(idx, m);
  };
  for (let idx = 0; idx < n; idx++) {
    compileTrace.statement = idx;
    const inv = invocationOf(program, idx);
    if (!inv) continue;
    const reqs = requirements(idx, false);
    const wallet = walletAt(idx);
    inv.branches.forEach((b, i) => {
      const c = branchCosts[idx]![i]!;
      const target = nextIdx(idx, b.target);
      if (c.kind === 'withdraw_gas' && c.success) {
        const w = sc.gasWithdrawal(idx, c, wallet, walletAt(target));
        const full = sc.fullCost(w);
        put(
          idx,
          full.map(([k, v]) => [k, Math.max(v, 0)]),
        );
        put(
          target,
          full.map(([k, v]) => [k, Math.max(-v, 0)]),
        );
      } else if (c.kind === 'redeposit_gas' || (c.kind === 'function' && c.sign === 'add')) {
        put(idx, sc.fullCost(ops.sub(wallet, reqs[i]!)));
      } else if (c.kind === 'get_unspent_gas') {
        put(idx, sc.fullCost(wallet));
      } else if (inv.branches.length > 1) {
        put(target, sc.fullCost(ops.sub(wallet, reqs[i]!)));
      }
    });
  }
  const functionCosts = new Map<string, TokenMap>();
  for (const f of program.funcs) functionCosts.set(f.id, sc.toCostMap(walletAt(f.entryPoint)));
  return { variables, functionCosts };
}

function computeTargets<T>(
  program: Program,
  branchCosts: BranchCost[][],
  sc: SpecificContext<T>,
  walletAt: (i: number) => T,
  rawWalletAt: (i: number) => T,
  requirements: (idx: number, rectify: boolean) => T[],
  enforced: Map<number, T>,
): T[] {
  const n = program.statements.length;
  const ops = sc.ops;
  const rev = reverseTopologicalOrdering(
    Array.from({ length: n }, (_, i) => i),
    n,
    (idx) => invocationOf(program, idx)?.branches.map((b) => nextIdx(idx, b.target)) ?? [],
  );
  const excess: (T | undefined)[] = new Array(n);
  const finalized = new Uint8Array(n);
  for (let k = rev.length - 1; k >= 0; k--) {
    const idx = rev[k]!;
    compileTrace.statement = idx;
    const wallet = rawWalletAt(idx);
    const forced = enforced.get(idx);
    if (forced !== undefined) excess[idx] = ops.rectify(ops.sub(forced, wallet));
    finalized[idx] = 1;
    const current = excess[idx] ?? ops.zero();
    const inv = invocationOf(program, idx);
    if (!inv) continue;
    const reqs = requirements(idx, false);
    for (let i = 0; i < inv.branches.length; i++) {
      const b = inv.branches[i]!;
      const c = branchCosts[idx]![i]!;
      const target = nextIdx(idx, b.target);
      if (finalized[target]) break;
      const future = walletAt(target);
      let actual = current;
      if (inv.branches.length > 1) {
        if (c.kind === 'withdraw_gas' && c.success) {
          actual = ops.rectify(ops.sub(actual, sc.gasWithdrawal(idx, c, wallet, future)));
        } else actual = ops.add(actual, ops.rectify(ops.sub(wallet, reqs[i]!)));
      } else if (c.kind === 'redeposit_gas') actual = ops.zero();
      else if (c.kind === 'function' && c.sign === 'add')
        actual = ops.add(actual, ops.rectify(ops.sub(wallet, reqs[i]!)));
      const prev = excess[target];
      excess[target] = prev === undefined ? actual : ops.min(prev, actual);
    }
  }
  return Array.from({ length: n }, (_, i) => ops.add(rawWalletAt(i), excess[i] ?? ops.zero()));
}

function orderWithCycleCheck(n: number, deps: (idx: number) => number[]): number[] {
  const ordering: number[] = [];
  const status = new Uint8Array(n);
  for (let root = 0; root < n; root++) {
    const stack = [root];
    while (stack.length) {
      const idx = stack.pop()!;
      if (status[idx] === 0) {
        status[idx] = 1;
        stack.push(idx);
        for (const c of deps(idx)) {
          if (status[c] === 1) throw compileError('found an unexpected cycle during cost computation');
          if (status[c] === 0) stack.push(c);
        }
      } else if (status[idx] === 1) {
        status[idx] = 2;
        ordering.push(idx);
      }
    }
  }
  return ordering;
}

function invocationOf(program: Program, idx: number) {
  const st = program.statements[idx];
  return st?.kind === 'invocation' ? st : undefined;
}

export const precostFull = (c: TokenMap): [CostToken, number][] =>
  PRECOST_TOKENS.map((t) => [t, c.get(t) ?? 0]);
