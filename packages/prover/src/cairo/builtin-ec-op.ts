import { ecDouble, GENERATOR, STARK_BETA } from '@starling/crypto';
import { inv, P } from '@starling/felt';
import { ProverError } from '../errors.js';
import { BlockComponent } from './builtin-block.js';
import { CONDITIONAL_ADD_CONSTRAINTS, writeConditionalAdd } from './conditional-add.js';
import type { SegmentBounds } from './public-input.js';

const PERIOD = 256;
const BITS = 252;
const OUT_ROW = BITS;
const md = (x: bigint) => ((x % P) + P) % P;

/** p = 2^251 + 2^196 + 2^192 + 1: the rows where the "scalar < p" check looks at the remaining high bits. */
const ROW_TOP = 251;
const ROW_197 = 197;
const ROW_196 = 196;
const ROW_193 = 193;
const ROW_192 = 192;

/**
 * The ec_op builtin (cells p, q, m, r with r = p + m·q on the Stark curve): 256-row blocks, one scalar
 * bit per row, least significant first. Own columns: accumulator A (starts at p), doubled point D
 * (starts at q), addition slope λ, doubling slope μ, remaining scalar rem (rem_0 = m, bit_i =
 * rem_i − 2·rem_{i+1}, rem_252 = 0), inverse of A.x − D.x (the VM refuses equal x coordinates), and
 * T, C1, C2 which prove the 252-bit decomposition is below p. Constraint degree 3.
 */
export class EcOpComponent extends BlockComponent {
  readonly maxDegree = 3;

  constructor(segment: SegmentBounds, base: number) {
    const per = (f: (r: number) => boolean) => Array.from({ length: PERIOD }, (_, r) => (f(r) ? 1n : 0n));
    const slots = [
      new Map([
        [0, 0],
        [OUT_ROW, 5],
      ]),
      new Map([
        [0, 1],
        [OUT_ROW, 6],
      ]),
      new Map([[0, 2]]),
      new Map([[0, 3]]),
      new Map([[0, 4]]),
    ];
    super('ec_op', segment, base, PERIOD, 7, slots, 11, [
      per((r) => r !== PERIOD - 1),
      per((r) => r < BITS),
      per((r) => r === OUT_ROW),
      per((r) => r === ROW_TOP),
      per((r) => r === ROW_197),
      per((r) => r === ROW_196),
      per((r) => r === ROW_193),
      per((r) => r === ROW_192),
      per((r) => r === 0),
    ]);
  }

  protected inputCells(): number {
    return 5;
  }

  protected ownConstraints(): string[] {
    return [
      ...CONDITIONAL_ADD_CONSTRAINTS,
      'double-slope',
      'double-x',
      'double-y',
      'a-on-curve',
      'd-on-curve',
      'x-diff',
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
      'io-0',
      'io-1',
      'io-2',
      'io-3',
      'io-4',
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
    const [ax, ay, dx, dy, lam, mu, rem, xi, t, c1] = Array.from({ length: 10 }, (_, k) => c[o + k]!) as [
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
    const [axN, ayN, dxN, dyN, remN] = [nx[o]!, nx[o + 1]!, nx[o + 2]!, nx[o + 3]!, nx[o + 6]!];
    const [notLast, active, atOut, atTop, at197, at196, at193, at192, atFirst] = p as [
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
    i = writeConditionalAdd(
      out,
      i,
      notLast,
      b,
      { x: ax, y: ay, xNext: axN, yNext: ayN },
      { x: dx, y: dy },
      lam,
    );
    out[i++] = 2n * dy * mu - (3n * dx * dx + 1n);
    out[i++] = notLast * (mu * mu - 2n * dx - dxN);
    out[i++] = notLast * (mu * (dx - dxN) - dy - dyN);
    out[i++] = ay * ay - (ax * ax * ax + ax + STARK_BETA);
    out[i++] = dy * dy - (dx * dx * dx + dx + STARK_BETA);
    out[i++] = active * (xi * (ax - dx) - 1n);
    out[i++] = atOut * rem;
    // Below p: if bit 251 is set, bits 250..197 are zero; if bit 196 too, bits 195..193 are zero;
    // if bit 192 too, the scalar is p − 1. T, C1, C2 are constant per block.
    const tN = nx[o + 8]!;
    const c1N = nx[o + 9]!;
    const c2v = this.c2(c);
    const c2N = this.c2(nx);
    out[i++] = notLast * (tN - t);
    out[i++] = atTop * (t - rem);
    out[i++] = at197 * t * (rem - (1n << 54n));
    out[i++] = notLast * (c1N - c1);
    out[i++] = at196 * (c1 - t * b);
    out[i++] = at193 * c1 * (rem - ((1n << 58n) + 8n));
    out[i++] = notLast * (c2N - c2v);
    out[i++] = at192 * (c2v - c1 * b);
    out[i++] = atFirst * c2v * (rem + 1n);
    const mv = (j: number) => c[this.base + 4 + 3 * j]!;
    out[i++] = act(0) * (mv(0) - ax);
    out[i++] = act(1) * (mv(1) - ay);
    out[i++] = act(2) * (mv(2) - dx);
    out[i++] = act(3) * (mv(3) - dy);
    out[i++] = act(4) * (mv(4) - rem);
    return i;
  }

  private c2(row: readonly bigint[]): bigint {
    return row[this.own + 10]!;
  }

  protected fillBlock(
    rows: bigint[][],
    start: number,
    inputs: bigint[] | null,
  ): (r: number, j: number) => bigint {
    // Unused blocks run on G + 0·(3G), whose x coordinates never meet the doubling chain's.
    let a = inputs ? { x: inputs[0]!, y: inputs[1]! } : GENERATOR;
    let d = inputs ? { x: inputs[2]!, y: inputs[3]! } : ecDouble(ecDouble(GENERATOR))!;
    const m = inputs ? inputs[4]! : 0n;
    const bit = (k: number) => (k < BITS ? (m >> BigInt(k)) & 1n : 0n);
    const t = bit(251);
    const c1 = t * bit(196);
    const c2 = c1 * bit(192);
    const exposed: bigint[][] = [];
    for (let r = 0; r < PERIOD; r++) {
      const row = rows[start + r]!;
      const rem = r < BITS ? m >> BigInt(r) : 0n;
      const b = bit(r);
      const dxDiff = md(a.x - d.x);
      if (r < BITS && dxDiff === 0n) {
        throw new ProverError('INVALID_TRACE', 'ec_op reaches two points with the same x coordinate');
      }
      const lam = b === 1n ? md((a.y - d.y) * inv(dxDiff)) : 0n;
      const mu = md((3n * d.x * d.x + 1n) * inv(md(2n * d.y)));
      const vals = [a.x, a.y, d.x, d.y, lam, mu, rem % P, dxDiff === 0n ? 0n : inv(dxDiff), t, c1, c2];
      for (let k = 0; k < vals.length; k++) row[this.own + k] = vals[k]!;
      exposed.push([a.x, a.y, d.x, d.y, rem % P]);
      if (b === 1n) {
        const x = md(lam * lam - a.x - d.x);
        a = { x, y: md(lam * (a.x - x) - a.y) };
      }
      const dx = md(mu * mu - 2n * d.x);
      d = { x: dx, y: md(mu * (d.x - dx) - d.y) };
    }
    return (r, j) => exposed[r]![j]!;
  }
}
