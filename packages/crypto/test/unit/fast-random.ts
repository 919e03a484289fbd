import { P } from '@starling/felt';

/** Deterministic xorshift32 stream, so failures reproduce. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

/** Random integers below 2^bits. */
export function randomBits(n: number, bits: number, seed: number): bigint[] {
  const next = rng(seed);
  const mask = (1n << BigInt(bits)) - 1n;
  return Array.from({ length: n }, () => {
    let x = 0n;
    for (let i = 0; i < 8; i++) x = (x << 32n) | BigInt(next());
    return x & mask;
  });
}

/** Edge values first (0, 1, p−1, around 2^251 and 2^248), then random felts. */
export function randomFelts(n: number, seed: number): bigint[] {
  const edges = [0n, 1n, 2n, P - 1n, P - 2n, 1n << 251n, (1n << 251n) - 1n, 1n << 248n, (1n << 248n) - 1n];
  const out = edges.slice(0, n);
  return out.concat(randomBits(n - out.length, 252, seed).map((x) => x % P));
}

/**
 * How many random cases a differential test runs: `base` times STARLING_DIFF_SCALE (default 1). The
 * default runs 100,000 inputs per kernel function in differential.test.ts; a larger scale runs more.
 */
export function cases(base: number): number {
  const scale = Number(process.env.STARLING_DIFF_SCALE ?? '1');
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
