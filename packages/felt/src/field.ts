import { FeltError } from './errors.js';

/** The Stark252 prime p = 2^251 + 17·2^192 + 1. */
export const P = 0x800000000000011000000000000000000000000000000000000000000000001n;
/** Largest field element, p − 1. */
export const MAX_FELT = P - 1n;
/** p − 1 = 2^192 · ODD_PART; the multiplicative group has 2^192-th roots of unity. */
export const TWO_ADICITY = 192;
const ODD_PART = (P - 1n) >> 192n;
/** A generator of the multiplicative group. */
export const GENERATOR = 3n;

/** Reduces any integer (possibly negative) into [0, p). */
export function mod(a: bigint): bigint {
  const r = a % P;
  return r < 0n ? r + P : r;
}

export function add(a: bigint, b: bigint): bigint {
  const s = a + b;
  return s >= P ? s - P : s;
}

export function sub(a: bigint, b: bigint): bigint {
  const d = a - b;
  return d < 0n ? d + P : d;
}

export function neg(a: bigint): bigint {
  return a === 0n ? 0n : P - a;
}

export function mul(a: bigint, b: bigint): bigint {
  return (a * b) % P;
}

/** a^e mod p for e ≥ 0 (square-and-multiply). */
export function pow(a: bigint, e: bigint): bigint {
  if (e < 0n) return pow(inv(a), -e);
  let result = 1n;
  let base = a % P;
  while (e > 0n) {
    if (e & 1n) result = (result * base) % P;
    base = (base * base) % P;
    e >>= 1n;
  }
  return result;
}

/** Multiplicative inverse (extended Euclid); throws DIVISION_BY_ZERO for 0. */
export function inv(a: bigint): bigint {
  a = mod(a);
  if (a === 0n) throw new FeltError('DIVISION_BY_ZERO', 'inverse of zero');
  let [r0, r1] = [P, a];
  let [t0, t1] = [0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return mod(t0);
}

export function div(a: bigint, b: bigint): bigint {
  return mul(a, inv(b));
}

/** Inverts every element with one inversion (Montgomery's trick); throws if any is zero. */
export function batchInverse(values: readonly bigint[]): bigint[] {
  const n = values.length;
  const prefix = new Array<bigint>(n);
  let acc = 1n;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v % P === 0n)
      throw new FeltError('DIVISION_BY_ZERO', `batch inverse: element ${i} is zero`, { index: i });
    prefix[i] = acc;
    acc = (acc * v) % P;
  }
  let invAcc = inv(acc);
  const out = new Array<bigint>(n);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = (invAcc * prefix[i]!) % P;
    invAcc = (invAcc * values[i]!) % P;
  }
  return out;
}

/** Legendre symbol: 1 for a non-zero square, −1 for a non-square, 0 for zero. */
export function legendre(a: bigint): -1 | 0 | 1 {
  a = mod(a);
  if (a === 0n) return 0;
  return pow(a, (P - 1n) >> 1n) === 1n ? 1 : -1;
}

export { sqrt } from './sqrt.js';

/** A primitive 2^logN-th root of unity (logN ≤ 192). */
export function rootOfUnity(logN: number): bigint {
  if (!Number.isInteger(logN) || logN < 0 || logN > TWO_ADICITY) {
    throw new FeltError('FELT_OUT_OF_RANGE', `no 2^${logN}-th root of unity in the Stark field`);
  }
  return pow(pow(GENERATOR, ODD_PART), 1n << BigInt(TWO_ADICITY - logN));
}
