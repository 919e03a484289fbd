// Independent oracles for the 100,000-input differential tests, on @noble/curves' Stark curve point
// class (through @scure/starknet): its group law, our only part being the windowed sums over it. They
// are checked against @scure/starknet's own pedersen / verify in diff-oracles.test.ts.
import { Point } from '@scure/starknet';
import { type AffinePoint, CURVE_ORDER, GENERATOR } from '../../src/curve.js';
import { PEDERSEN_POINTS } from '../../src/fast/pedersen-points.js';

type NoblePoint = InstanceType<typeof Point>;

const WINDOW = 12;
const MAX_VALUE = 1n << 251n;
const LOW_MASK = (1n << 248n) - 1n;

/** Fixed-base multiples k·B from 12-bit windows: windows[w][d − 1] = d·2^(12w)·B. */
export class FixedBase {
  private readonly windows: NoblePoint[][] = [];

  constructor(base: AffinePoint, bits: number) {
    let b = Point.fromAffine(base);
    for (let w = 0; w * WINDOW < bits; w++) {
      const row: NoblePoint[] = [b];
      for (let d = 2; d < 1 << WINDOW; d++) row.push(row[d - 2]!.add(b));
      this.windows.push(row);
      b = row[row.length - 1]!.add(b);
    }
  }

  /** acc + k·B for 0 ≤ k < 2^(12·windows). */
  addMul(acc: NoblePoint, k: bigint): NoblePoint {
    let out = acc;
    for (let w = 0; k > 0n; w++, k >>= BigInt(WINDOW)) {
      const d = Number(k & 0xfffn);
      if (d !== 0) out = out.add(this.windows[w]![d - 1]!);
    }
    return out;
  }
}

const Fp = Point.Fp;
const Fn = Point.Fn;

/** Whether the projective point p has affine x-coordinate x (no inversion: X = x·Z). */
export function hasX(p: NoblePoint, x: bigint): boolean {
  return !p.is0() && Fp.eql(p.X, Fp.mul(x, p.Z));
}

/** An affine point or null for infinity (the form FastCrypto returns). */
export function toAffineOrNull(p: NoblePoint): AffinePoint | null {
  if (p.is0()) return null;
  const a = p.toAffine();
  return { x: a.x, y: a.y };
}

const tables = new Map<string, FixedBase>();

// Tables are built on first use (each about 86,000 point additions).
function fixed(name: 'p0' | 'p1' | 'p2' | 'p3' | 'g'): FixedBase {
  let t = tables.get(name);
  if (!t) {
    const [base, bits] = {
      p0: [PEDERSEN_POINTS[1]!, 248],
      p1: [PEDERSEN_POINTS[2]!, 4],
      p2: [PEDERSEN_POINTS[3]!, 248],
      p3: [PEDERSEN_POINTS[4]!, 4],
      g: [GENERATOR, 252],
    }[name] as [AffinePoint, number];
    t = new FixedBase(base, bits);
    tables.set(name, t);
  }
  return t;
}

/** The Pedersen point shift + a_low·P0 + a_high·P1 + b_low·P2 + b_high·P3 (projective). */
export function pedersenPoint(a: bigint, b: bigint): NoblePoint {
  let acc = Point.fromAffine(PEDERSEN_POINTS[0]!);
  acc = fixed('p0').addMul(acc, a & LOW_MASK);
  acc = fixed('p1').addMul(acc, a >> 248n);
  acc = fixed('p2').addMul(acc, b & LOW_MASK);
  return fixed('p3').addMul(acc, b >> 248n);
}

/** k·G (projective) for any k ≥ 0, reduced modulo the curve order. */
export function mulG(k: bigint): NoblePoint {
  return fixed('g').addMul(Point.ZERO, k % CURVE_ORDER);
}

/**
 * Stark ECDSA verification with @scure/starknet's acceptance rules, for the key d·G: with w = 1/s,
 * u1·G + u2·(d·G) = (u1 + u2·d)·G, one fixed-base multiplication.
 */
export function ecdsaVerifyWithKey(hash: bigint, r: bigint, s: bigint, d: bigint): boolean {
  if (r < 1n || r >= MAX_VALUE || s < 1n || s >= CURVE_ORDER || hash < 0n || hash >= MAX_VALUE) return false;
  const w = Fn.inv(s);
  if (w >= MAX_VALUE) return false;
  const k = Fn.add(Fn.mul(hash, w), Fn.mul(Fn.mul(r, w), d));
  const R = mulG(k);
  if (R.is0()) return false;
  return Fn.create(R.toAffine().x) === r;
}

/** A valid signature of hash under key d with nonce k (null when r or s would be out of range). */
export function signWithNonce(hash: bigint, d: bigint, k: bigint): { r: bigint; s: bigint } | null {
  const R = mulG(k);
  if (R.is0()) return null;
  const r = Fn.create(R.toAffine().x);
  if (r === 0n || r >= MAX_VALUE) return null;
  const s = Fn.mul(Fn.inv(k), Fn.add(hash, Fn.mul(r, d)));
  return s === 0n ? null : { r, s };
}

export { Point };
