import { batchInverse, GENERATOR, getFastField, inv, P, pow } from '@starling/felt';
import { ProverError } from '../errors.js';
import { ldePool } from '../parallel/hash-pool.js';
import type { Air } from './air.js';
import { boundaryRows, compositionAt, periodicAt, periodicCoefficients } from './composition.js';
import { evaluateRowsBlock, subCosetSetup } from './composition-block.js';
import { bigintPolyBackend } from './poly.js';
import { LIMBS, readCanonical, u64, type VecField, writeCanonical } from './vec-field.js';

/** Smallest power of two ≥ d. */
export function ceilPow2(d: number): number {
  let p = 1;
  while (p < d) p <<= 1;
  return p;
}

/**
 * Coefficients of the composition polynomial H = Σ αᵢ·Cᵢ/Zᵢ split into `air.maxDegree` parts of n
 * coefficients each (internal form). H has degree < D·n, so it is evaluated only on the D'·n points
 * g·⟨ω_{D'n}⟩ (D' = D rounded up to a power of two): the LDE sub-cosets k = m·blowup/D'.
 */
export function compositionParts(
  air: Air,
  ldes: readonly SubCosetSource[],
  challenges: readonly bigint[],
  alphas: readonly bigint[],
  vf: VecField,
): Uint32Array[] {
  const n = air.traceLength;
  const D = air.maxDegree;
  const Dp = ceilPow2(D);
  // Canonical H on the D'·n points, natural order: sub-coset m's row i is point m + D'·i.
  const values = new Uint32Array(new SharedArrayBuffer(Dp * n * LIMBS * 4));
  const recipe = air.workerRecipe?.() ?? null;
  const pool = recipe && n >= 1024 ? ldePool() : null;
  if (pool && recipe) {
    const sources = ldes.map((l) => ({ values: l.values, n: l.n, blowup: l.blowup }));
    pool.compose({ recipe, sources, Dp, challenges, alphas, values, field: vf.name });
  } else {
    for (let m = 0; m < Dp; m++)
      evaluateComposition(air, ldes, m, Dp, challenges, alphas, 0, n, values, vf.name);
  }
  const coeffs = vf.cosetIntt(vf.fromCanonical(values), GENERATOR);
  if (Dp > D) {
    const tail = vf.toBigints(coeffs.subarray(D * n * LIMBS));
    if (tail.some((c) => c !== 0n))
      throw new ProverError('CONSTRAINTS_NOT_SATISFIED', 'composition degree too high');
  }
  return Array.from({ length: D }, (_, e) => coeffs.slice(e * n * LIMBS, (e + 1) * n * LIMBS));
}

/** LDE columns as the composition reads them: canonical limbs, sub-coset-major (position k·n + i). */
export interface SubCosetSource {
  readonly values: readonly Uint32Array[];
  readonly n: number;
  readonly blowup: number;
}

/**
 * H on rows [from, to) of sub-coset m (see `evaluateRows`): with the AIR's block program on the WASM
 * kernels when the vector field is 'wasm' and the AIR has one, else BigInt row by row.
 */
export function evaluateComposition(
  air: Air,
  ldes: readonly SubCosetSource[],
  m: number,
  Dp: number,
  challenges: readonly bigint[],
  alphas: readonly bigint[],
  from: number,
  to: number,
  values: Uint32Array,
  field: string,
): void {
  const program = field === 'wasm' ? (air.blockProgram?.() ?? null) : null;
  const f = program ? getFastField() : null;
  if (program && f) evaluateRowsBlock(air, program, f, ldes, m, Dp, challenges, alphas, from, to, values);
  else evaluateRows(air, ldes, m, Dp, challenges, alphas, from, to, values);
}

/** Σ z^(kn)·h_k(z) = Σ αᵢ·Cᵢ(z)/Zᵢ(z) on the OODS values: the identity the verifier checks. */
export function compositionMatches(
  air: Air,
  oodsTrace: readonly (readonly bigint[])[],
  oodsParts: readonly bigint[],
  challenges: readonly bigint[],
  alphas: readonly bigint[],
  z: bigint,
): boolean {
  const numerators = new Array<bigint>(air.constraints.length).fill(0n);
  air.evaluate(oodsTrace, periodicAt(air, periodicCoefficients(air), z), challenges, numerators);
  const zn = pow(z, BigInt(air.traceLength));
  let actual = 0n;
  let zk = 1n;
  for (const h of oodsParts) {
    actual = (actual + h * zk) % P;
    zk = (zk * zn) % P;
  }
  return actual === compositionAt(air, numerators, alphas, z);
}

/**
 * H on rows [from, to) of LDE sub-coset k = m·blowup/D' (points g·ω_N^k·ω_n^i), written as canonical limbs
 * at positions m + D'·i of `values`.
 */
export function evaluateRows(
  air: Air,
  ldes: readonly SubCosetSource[],
  m: number,
  Dp: number,
  challenges: readonly bigint[],
  alphas: readonly bigint[],
  from: number,
  to: number,
  values: Uint32Array,
): void {
  const n = air.traceLength;
  const { k, shift, omega, zAllInv, lastRow } = subCosetSetup(air, ldes[0]!.blowup, m, Dp);
  const xs = new Array<bigint>(n);
  let x = shift;
  for (let i = 0; i < n; i++) {
    xs[i] = x;
    x = (x * omega) % P;
  }
  // 1/(x_i − ω^r) = ω^−r·1/(x_{i−r} − 1): one batch inversion serves every boundary row.
  const rowFactor = new Map<number, bigint[]>();
  const rows = boundaryRows(air);
  if (rows.length > 0) {
    const base = batchInverse(xs.map((v) => (v - 1n + P) % P));
    const omegaInv = inv(omega);
    for (const r of rows) {
      const wr = pow(omegaInv, BigInt(r));
      const f = new Array<bigint>(n);
      for (let i = 0; i < n; i++) f[i] = (wr * base[(i - r + n) % n]!) % P;
      rowFactor.set(r, f);
    }
  }
  // Periodic column of period p: a polynomial in y = x^(n/p), and y_i = shift^(n/p)·ω_p^i repeats every p rows.
  const periodicTables = periodicCoefficients(air).map((c) =>
    bigintPolyBackend.cosetEvaluate(c, pow(shift, BigInt(n / c.length)), c.length),
  );
  const domains = air.constraints.map((c) => c.domain);
  const rowFactors = domains.map((d) => (typeof d === 'object' ? rowFactor.get(d.row)! : null));
  const cols: { view: BigUint64Array }[] = [];
  for (const lde of ldes)
    for (const col of lde.values) cols.push({ view: u64(col.subarray(k * n * LIMBS, (k + 1) * n * LIMBS)) });
  const width = cols.length;
  const decodeRow = (i: number, into: bigint[]) => {
    for (let c = 0; c < width; c++) into[c] = readCanonical(cols[c]!.view, i);
  };
  const offsets = air.maskOffsets;
  const maxOff = Math.max(...offsets);
  // Rows i … i + maxOff decoded once each, in a ring.
  const ring = Array.from({ length: maxOff + 1 }, () => new Array<bigint>(width));
  for (let r = from; r < from + maxOff; r++) decodeRow(r % n, ring[r % ring.length]!);
  const frame = offsets.map(() => [] as bigint[]);
  const periodic = new Array<bigint>(periodicTables.length);
  const out = new Array<bigint>(air.constraints.length).fill(0n);
  const outView = u64(values);
  for (let i = from; i < to; i++) {
    decodeRow((i + maxOff) % n, ring[(i + maxOff) % ring.length]!);
    for (let o = 0; o < offsets.length; o++) frame[o] = ring[(i + offsets[o]!) % ring.length]!;
    for (let p = 0; p < periodicTables.length; p++) {
      const t = periodicTables[p]!;
      periodic[p] = t[i % t.length]!;
    }
    air.evaluate(frame, periodic, challenges, out);
    let sAll = 0n;
    let sTrans = 0n;
    let sRows = 0n;
    for (let c = 0; c < out.length; c++) {
      const v = alphas[c]! * out[c]!;
      const d = domains[c]!;
      if (d === 'all') sAll += v;
      else if (d === 'transition') sTrans += v;
      else sRows += (v % P) * rowFactors[c]![i]!;
    }
    const r = (((sAll + (((sTrans % P) * (xs[i]! - lastRow)) % P)) % P) * zAllInv + sRows) % P;
    writeCanonical(outView, m + Dp * i, r < 0n ? r + P : r);
  }
}
