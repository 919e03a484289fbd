import { P } from '../../src/field.js';

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

/** Edge values first (0, 1, p−1, p−2, around 2^251 and 2^192), then uniform-ish random felts. */
export function randomFelts(n: number, seed: number): bigint[] {
  const next = rng(seed);
  const edges = [
    0n,
    1n,
    2n,
    P - 1n,
    P - 2n,
    1n << 251n,
    (1n << 251n) - 1n,
    1n << 192n,
    (1n << 192n) - 1n,
    P >> 1n,
  ];
  const out = edges.slice(0, n);
  while (out.length < n) {
    let x = 0n;
    for (let i = 0; i < 8; i++) x = (x << 32n) | BigInt(next());
    // Mix in sparse values too: small numbers and values just below p.
    const kind = next() % 16;
    if (kind === 0) x &= 0xffffffffn;
    else if (kind === 1) x = P - 1n - (x & 0xffffn);
    out.push(x % P);
  }
  return out;
}
