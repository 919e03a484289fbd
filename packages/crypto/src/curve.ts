import { add, inv, mod, mul, P, sqrt, sub } from '@starling/felt';
import { CryptoError } from './errors.js';

/** An affine point of the Stark curve; `null` stands for the point at infinity. */
export interface AffinePoint {
  readonly x: bigint;
  readonly y: bigint;
}

/** The Stark curve y² = x³ + α·x + β over the Stark field. */
export const STARK_ALPHA = 1n;
export const STARK_BETA = 0x6f21413efbe40de150e596d72f7a8c5609ad26c15c915c1f4cdfcb99cee9e89n;
/** Order of the curve's group (a prime). */
export const CURVE_ORDER = 0x800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2fn;
export const GENERATOR: AffinePoint = {
  x: 0x1ef15c18599971b7beced415a40f0c7deacfd9b0d1819e03d723d8bc943cfcan,
  y: 0x5668060aa49730b7be4801df46ec62de53ecd11abe43a32873000c36e8dc1fn,
};
/** The shift point P0 of the Pedersen hash (its starting accumulator). */
export const PEDERSEN_SHIFT_POINT: AffinePoint = {
  x: 0x49ee3eba8c1600700ee1b87eb599f16716b0b1022947733551fde4050ca6804n,
  y: 0x3ca0cfe4b3bc6ddf346d49d06ea0ed34e621062c0e056c1d0405d266e10268an,
};

/** True when the point satisfies the curve equation (coordinates must be felts). */
export function isOnCurve(p: AffinePoint): boolean {
  if (p.x < 0n || p.x >= P || p.y < 0n || p.y >= P) return false;
  return mul(p.y, p.y) === mod(p.x * p.x * p.x + STARK_ALPHA * p.x + STARK_BETA);
}

/** The smaller y with (x, y) on the curve; throws when x is not the abscissa of a curve point. */
export function recoverY(x: bigint): bigint {
  if (x < 0n || x >= P) throw new CryptoError('POINT_NOT_ON_CURVE', 'x is not a field element');
  try {
    return sqrt(mod(x * x * x + STARK_ALPHA * x + STARK_BETA));
  } catch {
    throw new CryptoError('POINT_NOT_ON_CURVE', `no curve point has x = 0x${x.toString(16)}`);
  }
}

/** P + Q in affine coordinates. */
export function ecAdd(p: AffinePoint | null, q: AffinePoint | null): AffinePoint | null {
  if (p === null) return q;
  if (q === null) return p;
  if (p.x === q.x) return p.y === q.y ? ecDouble(p) : null;
  const slope = mul(sub(q.y, p.y), inv(sub(q.x, p.x)));
  const x = sub(sub(mul(slope, slope), p.x), q.x);
  return { x, y: sub(mul(slope, sub(p.x, x)), p.y) };
}

/** 2·P in affine coordinates. */
export function ecDouble(p: AffinePoint | null): AffinePoint | null {
  if (p === null || p.y === 0n) return null;
  const slope = mul(add(mul(3n, mul(p.x, p.x)), STARK_ALPHA), inv(add(p.y, p.y)));
  const x = sub(mul(slope, slope), add(p.x, p.x));
  return { x, y: sub(mul(slope, sub(p.x, x)), p.y) };
}

/** m·Q for a non-negative integer m (double-and-add). */
export function ecMul(m: bigint, q: AffinePoint | null): AffinePoint | null {
  if (m < 0n) throw new CryptoError('INVALID_HASH_INPUT', 'negative scalar');
  let result: AffinePoint | null = null;
  let addend = q;
  while (m > 0n) {
    if (m & 1n) result = ecAdd(result, addend);
    addend = ecDouble(addend);
    m >>= 1n;
  }
  return result;
}

/** P + m·Q: what the ec_op builtin computes. */
export function ecMulAdd(p: AffinePoint | null, m: bigint, q: AffinePoint | null): AffinePoint | null {
  return ecAdd(p, ecMul(m, q));
}
