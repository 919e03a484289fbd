import { createHash } from 'node:crypto';
import { P } from '@starling/felt';
import { BlockComponent } from './builtin-block.js';
import type { SegmentBounds } from './public-input.js';

const FULL_HALF = 4;
const PARTIAL = 83;
const ROUNDS = 2 * FULL_HALF + PARTIAL;
const PERIOD = 128;
const OUT_ROW = ROUNDS;

/** Starknet Poseidon round constant i: SHA-256("Hades" ‖ i) as a big-endian integer mod p. */
function roundConstant(i: number): bigint {
  const h = createHash('sha256').update(`Hades${i}`).digest('hex');
  return BigInt(`0x${h}`) % P;
}

let constants: bigint[][] | null = null;
/** Round constants [round][lane] of the Hades permutation (91 × 3). */
export function poseidonRoundConstants(): bigint[][] {
  if (!constants) {
    constants = Array.from({ length: ROUNDS }, (_, r) => [0, 1, 2].map((k) => roundConstant(3 * r + k)));
  }
  return constants;
}

const isFull = (r: number) => r < FULL_HALF || (r >= FULL_HALF + PARTIAL && r < ROUNDS);

/** MDS mix [[3,1,1],[1,−1,1],[1,1,−2]] (unreduced). */
function mix(u: readonly bigint[]): [bigint, bigint, bigint] {
  const [a, b, c] = u as [bigint, bigint, bigint];
  return [3n * a + b + c, a - b + c, a + b - 2n * c];
}

const mod = (x: bigint) => ((x % P) + P) % P;

/**
 * The Poseidon builtin (Hades permutation of 3 felts, 6 cells per instance): 128 rows per instance,
 * row r < 91 applies round r. Own columns per lane k: state s, q = (s + c)², w = q·(s + c).
 * Periodic: round constants c0..c2, activeFull, activePartial, active.
 */
export class PoseidonComponent extends BlockComponent {
  constructor(segment: SegmentBounds, base: number) {
    const rc = poseidonRoundConstants();
    const per = (f: (r: number) => bigint) => Array.from({ length: PERIOD }, (_, r) => f(r));
    const slots = [0, 1, 2].map(
      (k) =>
        new Map([
          [0, k],
          [OUT_ROW, 3 + k],
        ]),
    );
    super('poseidon', segment, base, PERIOD, 6, slots, 9, [
      per((r) => (r < ROUNDS ? rc[r]![0]! : 0n)),
      per((r) => (r < ROUNDS ? rc[r]![1]! : 0n)),
      per((r) => (r < ROUNDS ? rc[r]![2]! : 0n)),
      per((r) => (r < ROUNDS && isFull(r) ? 1n : 0n)),
      per((r) => (r < ROUNDS && !isFull(r) ? 1n : 0n)),
      per((r) => (r < ROUNDS ? 1n : 0n)),
    ]);
  }

  protected inputCells(): number {
    return 3;
  }

  protected ownConstraints(): string[] {
    return [0, 1, 2].flatMap((k) => [`square${k}`, `cube${k}`, `round${k}`, `io${k}`]);
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
    const [full, partial, active] = [p[3]!, p[4]!, p[5]!];
    const t = [0, 1, 2].map((k) => c[o + k]! + p[k]!);
    // u_k: the S-box output; lanes 0, 1 are cubed in full rounds only, lane 2 in every round.
    const u = [0, 1, 2].map((k) => (k < 2 ? full * c[o + 6 + k]! + partial * t[k]! : active * c[o + 6 + k]!));
    const m = mix(u);
    for (let k = 0; k < 3; k++) {
      out[i++] = c[o + 3 + k]! - t[k]! * t[k]!;
      out[i++] = c[o + 6 + k]! - c[o + 3 + k]! * t[k]!;
      out[i++] = active * nx[o + k]! - m[k]!;
      out[i++] = act(k) * (c[this.base + 4 + 3 * k]! - c[o + k]!);
    }
    return i;
  }

  protected fillBlock(
    rows: bigint[][],
    start: number,
    inputs: bigint[] | null,
  ): (r: number, j: number) => bigint {
    const rc = poseidonRoundConstants();
    let s = inputs ? inputs.slice(0, 3) : [0n, 0n, 0n];
    const states: bigint[][] = [];
    for (let r = 0; r < PERIOD; r++) {
      const row = rows[start + r]!;
      const c = r < ROUNDS ? rc[r]! : [0n, 0n, 0n];
      const t = s.map((v, k) => mod(v + c[k]!));
      const q = t.map((v) => (v * v) % P);
      const w = q.map((v, k) => (v * t[k]!) % P);
      for (let k = 0; k < 3; k++) {
        row[this.own + k] = s[k]!;
        row[this.own + 3 + k] = q[k]!;
        row[this.own + 6 + k] = w[k]!;
      }
      states.push(s);
      if (r < ROUNDS) {
        const u = isFull(r) ? w : [t[0]!, t[1]!, w[2]!];
        s = mix(u).map(mod);
      }
    }
    return (r, j) => states[r]![j]!;
  }
}
