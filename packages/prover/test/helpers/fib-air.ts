// Small AIRs for the STARK core tests, written independently of the Cairo AIR.
import { P } from '@starling/felt';
import type { Air, ConstraintSpec } from '../../src/index.ts';

/** Fibonacci: a' = b, b' = a + b, a[0] = b[0] = 1, b[n−1] = result; plus c = a·k with k periodic (1,2,3,4). */
export function fibAir(n: number, result: bigint): Air {
  const constraints: ConstraintSpec[] = [
    { name: 'a-next', group: 'transition', domain: 'transition' },
    { name: 'b-next', group: 'transition', domain: 'transition' },
    { name: 'a0', group: 'boundary', domain: { row: 0 } },
    { name: 'b0', group: 'boundary', domain: { row: 0 } },
    { name: 'result', group: 'boundary', domain: { row: n - 1 } },
    { name: 'periodic', group: 'periodic', domain: 'all' },
  ];
  return {
    id: 'test-fib',
    traceLength: n,
    mainWidth: 3,
    auxWidth: 0,
    numChallenges: 0,
    maskOffsets: [0, 1],
    maxDegree: 2,
    constraints,
    periodicColumns: [[1n, 2n, 3n, 4n]],
    publicInputBytes: () => new TextEncoder().encode(`${n}:${result}`),
    evaluate(frame, periodic, _ch, out) {
      const [a, b, c] = frame[0]!;
      const [a1, b1] = frame[1]!;
      out[0] = (a1! - b! + P) % P;
      out[1] = (b1! - a! - b! + 2n * P) % P;
      out[2] = (a! - 1n + P) % P;
      out[3] = (b! - 1n + P) % P;
      out[4] = (b! - result + P) % P;
      out[5] = (c! - a! * periodic[0]! + P * P) % P;
    },
    buildAux: () => [],
  };
}

/** The Fibonacci trace, computed by a plain loop. */
export function fibTrace(n: number): { columns: bigint[][]; result: bigint } {
  const a: bigint[] = [];
  const b: bigint[] = [];
  const c: bigint[] = [];
  let x = 1n;
  let y = 1n;
  for (let i = 0; i < n; i++) {
    a.push(x);
    b.push(y);
    c.push((x * BigInt((i % 4) + 1)) % P);
    [x, y] = [y, (x + y) % P];
  }
  return { columns: [a, b, c], result: b[n - 1]! };
}

/** Permutation AIR: column s is a permutation of column v, proven with a running product (interaction column). */
export function permutationAir(n: number): Air {
  return {
    id: 'test-permutation',
    traceLength: n,
    mainWidth: 2,
    auxWidth: 1,
    numChallenges: 1,
    maskOffsets: [0, 1],
    maxDegree: 2,
    constraints: [
      { name: 'p0', group: 'permutation', domain: { row: 0 } },
      { name: 'p-step', group: 'permutation', domain: 'transition' },
      { name: 'p-last', group: 'permutation', domain: { row: n - 1 } },
    ],
    periodicColumns: [],
    publicInputBytes: () => new Uint8Array([n & 255]),
    evaluate(frame, _p, ch, out) {
      const z = ch[0]!;
      const [v, s, p] = frame[0]!;
      const [v1, s1, p1] = frame[1]!;
      out[0] = (p! * (z - s! + P) - (z - v! + P) + P * P) % P;
      out[1] = (p1! * (z - s1! + P) - p! * (z - v1! + P) + 2n * P * P) % P;
      out[2] = (p! - 1n + P) % P;
    },
    buildAux(main, ch) {
      const z = ch[0]!;
      const [v, s] = main as bigint[][];
      const out: bigint[] = [];
      let acc = 1n;
      for (let i = 0; i < n; i++) {
        // Straightforward per-row inversion keeps this helper independent of the prover's batch code.
        let inv = 1n;
        let base = (z - s![i]! + P) % P;
        let e = P - 2n;
        while (e > 0n) {
          if (e & 1n) inv = (inv * base) % P;
          base = (base * base) % P;
          e >>= 1n;
        }
        acc = (((acc * (z - v![i]! + P)) % P) * inv) % P;
        out.push(acc);
      }
      return [out];
    },
  };
}
