import { inv, P, pow } from '@starling/felt';
import { getPolyBackend } from './poly.js';

/** Coefficients of the polynomial taking `evals` on the coset offset·⟨ω⟩ (size = evals.length). */
export function cosetInterpolate(evals: readonly bigint[], offset: bigint): bigint[] {
  const a = evals.slice();
  getPolyBackend().intt(a);
  if (offset !== 1n) {
    const oInv = inv(offset);
    let s = 1n;
    for (let i = 0; i < a.length; i++) {
      a[i] = (a[i]! * s) % P;
      s = (s * oInv) % P;
    }
  }
  return a;
}

/** Evaluations of `coeffs` on the coset offset·⟨ω⟩ of the given size (≥ coeffs.length). */
export function cosetEvaluate(coeffs: readonly bigint[], offset: bigint, size: number): bigint[] {
  const a = new Array<bigint>(size).fill(0n);
  let s = 1n;
  for (let i = 0; i < coeffs.length; i++) {
    a[i] = offset === 1n ? coeffs[i]! : (coeffs[i]! * s) % P;
    s = (s * offset) % P;
  }
  getPolyBackend().ntt(a);
  return a;
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
