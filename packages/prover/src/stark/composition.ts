import { batchInverse, inv, P, pow, rootOfUnity } from '@starling/felt';
import type { Air } from './air.js';
import { evaluateAt } from './domain.js';
import { getPolyBackend } from './poly.js';

/** Coefficients of each periodic column as a polynomial in y = x^(n/period). */
export function periodicCoefficients(air: Air): bigint[][] {
  return air.periodicColumns.map((col) => {
    const a = col.slice();
    getPolyBackend().intt(a);
    return a;
  });
}

/** Values of the periodic columns at point x. */
export function periodicAt(air: Air, coeffs: readonly bigint[][], x: bigint): bigint[] {
  return coeffs.map((c) => evaluateAt(c, pow(x, BigInt(air.traceLength / c.length))));
}

/** Distinct boundary rows of an AIR's constraints. */
export function boundaryRows(air: Air): number[] {
  const rows = new Set<number>();
  for (const c of air.constraints) if (typeof c.domain === 'object') rows.add(c.domain.row);
  return [...rows].sort((a, b) => a - b);
}

/** Σ αᵢ·Cᵢ(x)/Zᵢ(x) at one point x outside the trace domain (verifier side). */
export function compositionAt(
  air: Air,
  numerators: readonly bigint[],
  alphas: readonly bigint[],
  x: bigint,
): bigint {
  const n = air.traceLength;
  const omega = rootOfUnity(Math.log2(n));
  const zAllInv = inv((pow(x, BigInt(n)) - 1n + P) % P);
  const lastRow = pow(omega, BigInt(n - 1));
  let acc = 0n;
  for (let i = 0; i < numerators.length; i++) {
    const d = air.constraints[i]!.domain;
    let f: bigint;
    if (d === 'all') f = zAllInv;
    else if (d === 'transition') f = (((x - lastRow + P) % P) * zAllInv) % P;
    else f = inv((x - pow(omega, BigInt(d.row)) + P) % P);
    acc = (acc + ((alphas[i]! * numerators[i]!) % P) * f) % P;
  }
  acc %= P;
  return acc < 0n ? acc + P : acc;
}

/** Per-point inverse vanishing factors over the LDE coset g·⟨ω_N⟩ (prover side). */
export function ldeVanishingFactors(
  air: Air,
  xs: readonly bigint[],
  blowup: number,
  offset: bigint,
): { all: bigint[]; transition: bigint[]; rows: Map<number, bigint[]> } {
  const n = air.traceLength;
  const N = xs.length;
  const omega = rootOfUnity(Math.log2(n));
  // x_j^n = g^n · ω_b^j takes only `blowup` distinct values.
  const gn = pow(offset, BigInt(n));
  const wb = rootOfUnity(Math.log2(blowup));
  const distinct: bigint[] = [];
  let w = 1n;
  for (let k = 0; k < blowup; k++) {
    distinct.push((gn * w - 1n + P) % P);
    w = (w * wb) % P;
  }
  const distinctInv = batchInverse(distinct);
  const all = new Array<bigint>(N);
  const transition = new Array<bigint>(N);
  const lastRow = pow(omega, BigInt(n - 1));
  for (let j = 0; j < N; j++) {
    const zi = distinctInv[j % blowup]!;
    all[j] = zi;
    transition[j] = (((xs[j]! - lastRow + P) % P) * zi) % P;
  }
  const rows = new Map<number, bigint[]>();
  for (const r of boundaryRows(air)) {
    const wr = pow(omega, BigInt(r));
    rows.set(r, batchInverse(xs.map((x) => (x - wr + P) % P)));
  }
  return { all, transition, rows };
}
