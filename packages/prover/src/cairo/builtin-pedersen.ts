import { ecDouble, PEDERSEN_SHIFT_POINT } from '@starling/crypto';
import { inv, P } from '@starling/felt';
import { ProverError } from '../errors.js';
import { BlockComponent } from './builtin-block.js';
import { CONDITIONAL_ADD_CONSTRAINTS, writeConditionalAdd } from './conditional-add.js';
import { pedersenConstantPoints } from './pedersen-points.js';
import type { SegmentBounds } from './public-input.js';

const HALF = 256;
const PERIOD = 2 * HALF;
const BITS = 252;
const LOW_BITS = 248;
const OUT_ROW = HALF + BITS;
const md = (x: bigint) => ((x % P) + P) % P;

/** Points added at each row: 2^i·P1 (a's low bits), 2^(i−248)·P2 (a's high bits), then P3, P4 for b. */
function table(): { x: bigint[]; y: bigint[] } {
  const [p1, p2, p3, p4] = pedersenConstantPoints() as [
    { x: bigint; y: bigint },
    { x: bigint; y: bigint },
    { x: bigint; y: bigint },
    { x: bigint; y: bigint },
  ];
  const x: bigint[] = [];
  const y: bigint[] = [];
  for (const [lo, hi] of [
    [p1, p2],
    [p3, p4],
  ] as const) {
    let a = lo;
    let b = hi;
    for (let i = 0; i < HALF; i++) {
      const pt = i < LOW_BITS ? a : i < BITS ? b : null;
      x.push(pt ? pt.x : 0n);
      y.push(pt ? pt.y : 0n);
      if (i < LOW_BITS) a = ecDouble(a)!;
      else if (i < BITS) b = ecDouble(b)!;
    }
  }
  return { x, y };
}

/**
 * The Pedersen builtin (cells a, b, H(a, b)): 512-row blocks, 256 rows per input, one bit per row,
 * least significant first, adding the constant point of that bit (periodic columns) to an
 * accumulator that starts at the shift point; H is the accumulator's x after b's last bit. Each input
 * carries the same below-p check as ec_op (T, C1, C2). Constraint degree 3.
 */
export class PedersenComponent extends BlockComponent {
  readonly maxDegree = 3;

  constructor(segment: SegmentBounds, base: number) {
    const t = table();
    const per = (f: (i: number, r: number) => boolean) =>
      Array.from({ length: PERIOD }, (_, r) => (f(r % HALF, r) ? 1n : 0n));
    const slots = [
      new Map([
        [0, 0],
        [HALF, 1],
      ]),
      new Map([[OUT_ROW, 2]]),
    ];
    super('pedersen', segment, base, PERIOD, 3, slots, 8, [
      t.x,
      t.y,
      per((i) => i < BITS),
      per((i, r) => i >= BITS && r !== PERIOD - 1),
      per((i) => i === BITS),
      per((i) => i === 251),
      per((i) => i === 197),
      per((i) => i === 196),
      per((i) => i === 193),
      per((i) => i === 192),
      per((i) => i === 0),
      per((_i, r) => r === 0),
      per((i) => i !== HALF - 1),
    ]);
  }

  protected inputCells(): number {
    return 2;
  }

  protected ownConstraints(): string[] {
    return [
      ...CONDITIONAL_ADD_CONSTRAINTS,
      'idle-x',
      'idle-y',
      'x-diff',
      'start-x',
      'start-y',
      'scalar-end',
      'top-constant',
      'top',
      'zeros-197',
      'c1-constant',
      'c1',
      'zeros-193',
      'c2-constant',
      'c2',
      'max-scalar',
      'io-input',
      'io-output',
    ];
  }

  protected evaluateOwn(
    c: readonly bigint[],
    nx: readonly bigint[],
    p: readonly bigint[],
    act: (j: number) => bigint,
    out: bigint[],
    i: number,
  ): number {
    const o = this.own;
    const [ax, ay, lam, rem, xi, t, c1, c2] = Array.from({ length: 8 }, (_, k) => c[o + k]!) as [
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
    ];
    const [axN, ayN, remN, tN, c1N, c2N] = [
      nx[o]!,
      nx[o + 1]!,
      nx[o + 3]!,
      nx[o + 5]!,
      nx[o + 6]!,
      nx[o + 7]!,
    ];
    const [tx, ty, gBit, gIdle, atEnd, atTop, at197, at196, at193, at192, atStart, atFirst, inHalf] = p as [
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
    ];
    const b = rem - 2n * remN;
    i = writeConditionalAdd(out, i, gBit, b, { x: ax, y: ay, xNext: axN, yNext: ayN }, { x: tx, y: ty }, lam);
    out[i++] = gIdle * (axN - ax);
    out[i++] = gIdle * (ayN - ay);
    out[i++] = gBit * (xi * (ax - tx) - 1n);
    out[i++] = atFirst * (ax - PEDERSEN_SHIFT_POINT.x);
    out[i++] = atFirst * (ay - PEDERSEN_SHIFT_POINT.y);
    out[i++] = atEnd * rem;
    out[i++] = inHalf * (tN - t);
    out[i++] = atTop * (t - rem);
    out[i++] = at197 * t * (rem - (1n << 54n));
    out[i++] = inHalf * (c1N - c1);
    out[i++] = at196 * (c1 - t * b);
    out[i++] = at193 * c1 * (rem - ((1n << 58n) + 8n));
    out[i++] = inHalf * (c2N - c2);
    out[i++] = at192 * (c2 - c1 * b);
    out[i++] = atStart * c2 * (rem + 1n);
    out[i++] = act(0) * (c[this.base + 4]! - rem);
    out[i++] = act(1) * (c[this.base + 7]! - ax);
    return i;
  }

  protected fillBlock(
    rows: bigint[][],
    start: number,
    inputs: bigint[] | null,
  ): (r: number, j: number) => bigint {
    const t = table();
    const scalars = inputs ? [inputs[0]!, inputs[1]!] : [0n, 0n];
    let a = { ...PEDERSEN_SHIFT_POINT };
    const exposed: bigint[] = [];
    for (let r = 0; r < PERIOD; r++) {
      const h = r >> 8;
      const k = r % HALF;
      const m = scalars[h]!;
      const bit = (j: number) => (j < BITS ? (m >> BigInt(j)) & 1n : 0n);
      const top = bit(251);
      const c1 = top * bit(196);
      const c2 = c1 * bit(192);
      const rem = k < BITS ? m >> BigInt(k) : 0n;
      const b = bit(k);
      const tx = t.x[r]!;
      const ty = t.y[r]!;
      let lam = 0n;
      let xi = 0n;
      if (k < BITS) {
        const diff = md(a.x - tx);
        if (diff === 0n)
          throw new ProverError('INVALID_TRACE', 'pedersen reaches two points with the same x');
        xi = inv(diff);
        if (b === 1n) lam = md((a.y - ty) * xi);
      }
      const row = rows[start + r]!;
      const vals = [a.x, a.y, lam, rem % P, xi, top, c1, c2];
      for (let q = 0; q < vals.length; q++) row[this.own + q] = vals[q]!;
      exposed.push(r === OUT_ROW ? a.x : rem % P);
      if (k < BITS && b === 1n) {
        const x = md(lam * lam - a.x - tx);
        a = { x, y: md(lam * (a.x - x) - a.y) };
      }
    }
    return (r) => exposed[r]!;
  }
}
