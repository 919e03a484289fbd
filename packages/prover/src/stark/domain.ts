import { P, pow } from '@starling/felt';
import { getPolyBackend } from './poly.js';

/** Coefficients of the polynomial taking `evals` on the coset offset·⟨ω⟩ (size = evals.length). */
export function cosetInterpolate(evals: readonly bigint[], offset: bigint): bigint[] {
  return getPolyBackend().cosetInterpolate(evals, offset);
}

/** Evaluations of `coeffs` on the coset offset·⟨ω⟩ of the given size (≥ coeffs.length). */
export function cosetEvaluate(coeffs: readonly bigint[], offset: bigint, size: number): bigint[] {
  return getPolyBackend().cosetEvaluate(coeffs, offset, size);
}

/** Horner evaluation of a polynomial at one point. */
export function evaluateAt(coeffs: readonly bigint[], x: bigint): bigint {
  let acc = 0n;
  for (let i = coeffs.length - 1; i >= 0; i--) acc = (acc * x + coeffs[i]!) % P;
  return acc;
}

/** Points offset·ω^i for i < size. */
export function domainPoints(offset: bigint, omega: bigint, size: number): bigint[] {
  const out = new Array<bigint>(size);
  let x = offset;
  for (let i = 0; i < size; i++) {
    out[i] = x;
    x = (x * omega) % P;
  }
  return out;
}

/** x^e for a small exponent given as a number. */
export function powN(x: bigint, e: number): bigint {
  return pow(x, BigInt(e));
}
