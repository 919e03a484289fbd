// Secp256k1 / secp256r1 points of the secp syscalls: the handler keeps the points and Cairo code
// refers to them by index, as the blockifier does.
import type { WeierstrassPoint, WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { p256 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';

type Curve = WeierstrassPointCons<bigint>;
type Point = WeierstrassPoint<bigint>;

export type SecpCurveName = 'k1' | 'r1';

const curves: Record<SecpCurveName, Curve> = { k1: secp256k1.Point, r1: p256.Point };

/** Points created by one call's secp syscalls, addressed by index. */
export class SecpPoints {
  private readonly points: Point[] = [];
  constructor(private readonly name: SecpCurveName) {}

  private get curve(): Curve {
    return curves[this.name];
  }

  get modulus(): bigint {
    return this.curve.CURVE().p;
  }

  private push(p: Point): bigint {
    this.points.push(p);
    return BigInt(this.points.length - 1);
  }

  get(id: bigint): Point | undefined {
    return id < BigInt(this.points.length) ? this.points[Number(id)] : undefined;
  }

  /** A point from coordinates: its id, or undefined when (x, y) is not on the curve. (0,0) is infinity. */
  create(x: bigint, y: bigint): bigint | undefined {
    const P = this.curve;
    if (x === 0n && y === 0n) return this.push(P.ZERO);
    const p = P.fromAffine({ x, y });
    try {
      p.assertValidity();
    } catch {
      return undefined;
    }
    return this.push(p);
  }

  /** The point with this x and the given y parity, or undefined when x is not on the curve. */
  fromX(x: bigint, yOdd: boolean): bigint | undefined {
    const Fp = this.curve.Fp;
    const { a, b } = this.curve.CURVE();
    const rhs = Fp.add(Fp.add(Fp.mul(Fp.mul(x, x), x), Fp.mul(a, x)), b);
    let y: bigint;
    try {
      y = Fp.sqrt(rhs);
    } catch {
      return undefined;
    }
    if (Fp.mul(y, y) !== rhs) return undefined;
    if (((y & 1n) === 1n) !== yOdd) y = Fp.neg(y);
    return this.create(x, y);
  }

  add(a: Point, b: Point): bigint {
    return this.push(a.add(b));
  }

  mul(p: Point, scalar: bigint): bigint {
    const n = scalar % this.curve.CURVE().n;
    return this.push(n === 0n ? this.curve.ZERO : p.multiplyUnsafe(n));
  }

  /** Affine coordinates; infinity is (0, 0). */
  xy(p: Point): { x: bigint; y: bigint } {
    if (p.equals(this.curve.ZERO)) return { x: 0n, y: 0n };
    const a = p.toAffine();
    return { x: a.x, y: a.y };
  }
}
