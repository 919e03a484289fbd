import { BlockComponent } from './builtin-block.js';
import type { SegmentBounds } from './public-input.js';

const PERIOD = 256;
const BITS = 251;
const LAST = PERIOD - 1;

/**
 * The bitwise builtin (cells x, y, x&y, x^y, x|y; x, y < 2^251): 256 rows per instance reading the
 * bits most-significant first. Own columns: accumulators xa, ya, aa (of x, y, x&y) and bits xb, yb,
 * ab = xb·yb. Periodic: isFirst, notLast, topZero (the 5 rows of bits 255..251, forced to 0 so the
 * accumulated integers stay below 2^251 < p). All five cells are exposed on the block's last row.
 */
export class BitwiseComponent extends BlockComponent {
  constructor(segment: SegmentBounds, base: number) {
    const per = (f: (r: number) => boolean) => Array.from({ length: PERIOD }, (_, r) => (f(r) ? 1n : 0n));
    const slots = [0, 1, 2, 3, 4].map((k) => new Map([[LAST, k]]));
    super('bitwise', segment, base, PERIOD, 5, slots, 6, [
      per((r) => r === 0),
      per((r) => r !== LAST),
      per((r) => r < PERIOD - BITS),
    ]);
  }

  protected inputCells(): number {
    return 2;
  }

  protected ownConstraints(): string[] {
    return [
      'x-bit',
      'y-bit',
      'and-bit',
      'top-x',
      'top-y',
      'x-first',
      'y-first',
      'and-first',
      'x-step',
      'y-step',
      'and-step',
      'io-x',
      'io-y',
      'io-and',
      'io-xor',
      'io-or',
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
    const [xa, ya, aa, xb, yb, ab] = [c[o]!, c[o + 1]!, c[o + 2]!, c[o + 3]!, c[o + 4]!, c[o + 5]!];
    const [isFirst, notLast, topZero] = [p[0]!, p[1]!, p[2]!];
    out[i++] = xb * (xb - 1n);
    out[i++] = yb * (yb - 1n);
    out[i++] = ab - xb * yb;
    out[i++] = topZero * xb;
    out[i++] = topZero * yb;
    out[i++] = isFirst * (xa - xb);
    out[i++] = isFirst * (ya - yb);
    out[i++] = isFirst * (aa - ab);
    out[i++] = notLast * (nx[o]! - 2n * xa - nx[o + 3]!);
    out[i++] = notLast * (nx[o + 1]! - 2n * ya - nx[o + 4]!);
    out[i++] = notLast * (nx[o + 2]! - 2n * aa - nx[o + 5]!);
    const mv = (j: number) => c[this.base + 4 + 3 * j]!;
    out[i++] = act(0) * (mv(0) - xa);
    out[i++] = act(1) * (mv(1) - ya);
    out[i++] = act(2) * (mv(2) - aa);
    out[i++] = act(3) * (mv(3) - (xa + ya - 2n * aa));
    out[i++] = act(4) * (mv(4) - (xa + ya - aa));
    return i;
  }

  protected fillBlock(
    rows: bigint[][],
    start: number,
    inputs: bigint[] | null,
  ): (r: number, j: number) => bigint {
    const x = inputs ? inputs[0]! : 0n;
    const y = inputs ? inputs[1]! : 0n;
    let xa = 0n;
    let ya = 0n;
    let aa = 0n;
    for (let r = 0; r < PERIOD; r++) {
      const shift = BigInt(PERIOD - 1 - r);
      const xb = (x >> shift) & 1n;
      const yb = (y >> shift) & 1n;
      xa = 2n * xa + xb;
      ya = 2n * ya + yb;
      aa = 2n * aa + xb * yb;
      const row = rows[start + r]!;
      row[this.own] = xa;
      row[this.own + 1] = ya;
      row[this.own + 2] = aa;
      row[this.own + 3] = xb;
      row[this.own + 4] = yb;
      row[this.own + 5] = xb * yb;
    }
    const cells = [x, y, x & y, x ^ y, x | y];
    return (_r, j) => cells[j]!;
  }
}
