import { P } from '@starling/felt';
import { ldePool } from '../parallel/hash-pool.js';
import { extendSubCoset, type LdeJob } from './lde-kernel.js';
import { LIMBS, readCanonical, u64, type VecField, writeCanonical } from './vec-field.js';

/**
 * values[k][c] = column c at points[k] (coefficient arrays in internal form, all of length n); the
 * columns are split over the worker pool when one is set and the arrays are in shared memory.
 */
export function evaluateColumnsAtPoints(
  vf: VecField,
  coeffs: readonly Uint32Array[],
  points: readonly bigint[],
): bigint[][] {
  const n = coeffs.length > 0 ? coeffs[0]!.length / LIMBS : 0;
  const pool = n >= 1024 ? ldePool() : null;
  if (!pool || !coeffs.every((c) => c.buffer instanceof SharedArrayBuffer))
    return points.map((x) => evaluateColumnsAt(vf, coeffs, x));
  const out = new Uint32Array(new SharedArrayBuffer(points.length * coeffs.length * LIMBS * 4));
  pool.evaluateAt({ coeffs: [...coeffs], points: [...points], out, field: vf.name });
  const view = u64(out);
  return points.map((_, k) => coeffs.map((_, c) => readCanonical(view, k * coeffs.length + c)));
}

/** Σ_i a_i·x^i for each coefficient array (internal form, all of length n), by vector products. */
export function evaluateColumnsAt(vf: VecField, coeffs: readonly Uint32Array[], x: bigint): bigint[] {
  if (coeffs.length === 0) return [];
  const n = coeffs[0]!.length / LIMBS;
  const powers = new Array<bigint>(n);
  let acc = 1n;
  for (let i = 0; i < n; i++) {
    powers[i] = acc;
    acc = (acc * x) % P;
  }
  if (vf.name === 'bigint') {
    // BigInt: sum the unreduced products, one reduction per column.
    return coeffs.map((c) => {
      const a = vf.toBigints(c);
      let s = 0n;
      for (let i = 0; i < n; i++) s += a[i]! * powers[i]!;
      return s % P;
    });
  }
  const xp = vf.fromBigints(powers);
  const tmp = new Uint32Array(n * LIMBS);
  return coeffs.map((c) => {
    vf.mul(c, xp, tmp);
    // Halving sums: tmp[0..h) += tmp[h..2h).
    for (let h = n >> 1; h >= 1; h >>= 1) {
      vf.add(tmp.subarray(0, h * LIMBS), tmp.subarray(h * LIMBS, 2 * h * LIMBS), tmp.subarray(0, h * LIMBS));
    }
    return vf.toBigints(tmp.subarray(0, LIMBS))[0]!;
  });
}

/**
 * Evaluations on g·⟨ω_N⟩ (natural order) of the DEEP polynomial
 * Σ_k Σ_c γ_{k,c}·(t_c − t_c(z_k))/(X − z_k) + Σ_e γ_e·(h_e − h_e(z))/(X − z), computed in coefficient
 * form: one combination per point, one exact division by (X − z_k), then one size-n transform per
 * LDE sub-coset (cheaper than one size-N transform, and spread over the worker pool when one is set).
 */
export function deepEvaluations(
  vf: VecField,
  trace: readonly Uint32Array[],
  parts: readonly Uint32Array[],
  points: readonly bigint[],
  gammas: readonly bigint[],
  N: number,
): Uint32Array {
  const n = trace[0]!.length / LIMBS;
  const q = new Array<bigint>(n).fill(0n);
  // combos[k] = Σ_c γ_{k,c}·t_c (+ Σ_e γ_e·h_e for k = 0), in internal form; by coefficient range on the pool.
  const job: DeepComboJob = {
    trace: [...trace],
    parts: [...parts],
    points: points.length,
    gammas: [...gammas],
    combos: new Uint32Array(new SharedArrayBuffer(points.length * n * LIMBS * 4)),
    field: vf.name,
  };
  const pool = n >= 1024 ? ldePool() : null;
  if (pool && [...trace, ...parts].every((c) => c.buffer instanceof SharedArrayBuffer)) pool.deepCombos(job);
  else deepCombos(vf, job, 0, n);
  for (let k = 0; k < points.length; k++) {
    const combo = job.combos.subarray(k * n * LIMBS, (k + 1) * n * LIMBS);
    // The division is exact (the remainder is the value at z_k), so the opened values are not needed here.
    // (a(X) − a(z))/(X − z): q_{n−2} = a_{n−1}, q_{i−1} = a_i + z·q_i.
    const a = vf.toBigints(combo);
    const z = points[k]!;
    let carry = 0n;
    for (let i = n - 1; i >= 1; i--) {
      carry = (a[i]! + z * carry) % P;
      q[i - 1] = (q[i - 1]! + carry) % P;
    }
  }
  return evaluateOnLde(vf, q, N);
}

/** The DEEP combinations' coefficients for the workers (arrays in shared memory, internal form). */
export interface DeepComboJob {
  trace: Uint32Array[];
  parts: Uint32Array[];
  points: number;
  gammas: bigint[];
  /** points × n elements: combination k at [k·n, (k + 1)·n). */
  combos: Uint32Array;
  field: string;
}

/** Coefficients [from, to) of every DEEP combination. */
export function deepCombos(vf: VecField, job: DeepComboJob, from: number, to: number): void {
  const n = job.trace[0]!.length / LIMBS;
  const width = job.trace.length;
  const [lo, hi] = [from * LIMBS, to * LIMBS];
  if (vf.name === 'bigint') {
    bigintDeepCombos(vf, job, from, to);
    return;
  }
  const tmp = new Uint32Array(hi - lo);
  for (let k = 0; k < job.points; k++) {
    const combo = job.combos.subarray(k * n * LIMBS + lo, k * n * LIMBS + hi);
    combo.fill(0);
    const term = (coeffs: Uint32Array, gamma: bigint) =>
      vf.add(combo, vf.scale(coeffs.subarray(lo, hi), gamma, tmp), combo);
    for (let c = 0; c < width; c++) term(job.trace[c]!, job.gammas[k * width + c]!);
    // The parts are opened at z, the point of offset 0 (k = 0).
    if (k === 0)
      for (let e = 0; e < job.parts.length; e++) term(job.parts[e]!, job.gammas[width * job.points + e]!);
  }
}

/** `deepCombos` on BigInt: unreduced sums of products, one reduction per coefficient. */
function bigintDeepCombos(vf: VecField, job: DeepComboJob, from: number, to: number): void {
  const n = job.trace[0]!.length / LIMBS;
  const width = job.trace.length;
  const read = (c: Uint32Array) => vf.toBigints(c.subarray(from * LIMBS, to * LIMBS));
  const trace = job.trace.map(read);
  const parts = job.parts.map(read);
  const view = u64(job.combos);
  for (let k = 0; k < job.points; k++) {
    const sums = new Array<bigint>(to - from).fill(0n);
    const term = (col: bigint[], gamma: bigint) => {
      for (let i = 0; i < sums.length; i++) sums[i] = sums[i]! + gamma * col[i]!;
    };
    for (let c = 0; c < width; c++) term(trace[c]!, job.gammas[k * width + c]!);
    if (k === 0) for (let e = 0; e < parts.length; e++) term(parts[e]!, job.gammas[width * job.points + e]!);
    for (let i = 0; i < sums.length; i++) writeCanonical(view, k * n + from + i, sums[i]! % P);
  }
}

/** Canonical evaluations (limbs) on g·⟨ω_N⟩, natural order, of the polynomial with canonical coefficients q. */
function evaluateOnLde(vf: VecField, q: readonly bigint[], N: number): Uint32Array {
  const n = q.length;
  const blowup = N / n;
  const coeffs = new Uint32Array(new SharedArrayBuffer(n * LIMBS * 4));
  const cv = u64(coeffs);
  for (let i = 0; i < n; i++) writeCanonical(cv, i, q[i]!);
  const values = new Uint32Array(new SharedArrayBuffer(N * LIMBS * 4));
  const job: LdeJob = {
    coeffs: [coeffs],
    values: [values],
    n,
    blowup,
    digests: null,
    hash: 'keccak',
    field: vf.name,
  };
  const pool = n >= 1024 ? ldePool() : null;
  if (pool) pool.extendLde(job);
  else for (let k = 0; k < blowup; k++) extendSubCoset(vf, job, k);
  // Sub-coset-major storage: position k·n + i holds LDE index k + blowup·i.
  const out = new Uint32Array(N * LIMBS);
  for (let k = 0; k < blowup; k++) {
    for (let i = 0; i < n; i++) {
      const src = (k * n + i) * LIMBS;
      const dst = (k + blowup * i) * LIMBS;
      for (let l = 0; l < LIMBS; l++) out[dst + l] = values[src + l]!;
    }
  }
  return out;
}
