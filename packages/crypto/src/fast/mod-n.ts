import { CURVE_ORDER } from '../curve.js';

/** a^−1 mod the curve order (extended Euclid); a must be in [1, n). */
export function invModOrder(a: bigint): bigint {
  let [r0, r1] = [CURVE_ORDER, a];
  let [t0, t1] = [0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return t0 < 0n ? t0 + CURVE_ORDER : t0;
}
