// Affine point additions p += ±q in lock-step: the slopes' denominators of a whole batch share one
// inversion (Montgomery's trick), and additions go in pairs through the two SIMD lanes of mul2
// (R = 2^261), while points and sums stay in the tables' Montgomery form (R = 2^256); the scales are
// tracked below. Used by the batched Pedersen kernel and the wide-table builder.
import { FELT_BYTES, fieldCopy, fieldInv } from '../../felt/assembly/field';
import { add64, sub64 } from './field64';
import { mul29 } from './generated/cube29';
import { addPair2, mul2, prefix2, unwind2 } from './generated/mul2';

const ZERO = memory.data(32, 32);
const INV = memory.data(32, 32);
const ACC = memory.data(64, 32); // the two chains' running inverses
const TA = memory.data(32, 32);
const LA = memory.data(32, 32);
const UA = memory.data(32, 32);
const XA = memory.data(32, 32);

/** r = a/32 mod p for a < p: p ≡ 1 (mod 32), so a + k·p with k = −a mod 32 divides exactly, below 32p. */
function div32(r: usize, a: usize): void {
  const k = (0 - load<u64>(a, 0)) & 31;
  const w0 = load<u64>(a, 0) + k;
  const c0 = <u64>(w0 < k);
  const w1 = load<u64>(a, 8) + c0;
  const c1 = <u64>(w1 < c0);
  const w2 = load<u64>(a, 16) + c1;
  const c2 = <u64>(w2 < c1);
  const w3 = load<u64>(a, 24) + (k << 59) + k * 17 + c2; // + k·(p >> 192)
  store<u64>(r, (w0 >> 5) | (w1 << 59), 0);
  store<u64>(r, (w1 >> 5) | (w2 << 59), 8);
  store<u64>(r, (w2 >> 5) | (w3 << 59), 16);
  store<u64>(r, w3 >> 5, 24);
}

/**
 * d[i] ← 2^522/d[i] (the inverse in the 2^261 domain of the 2^256-domain value, times 32, so that
 * mul2 with a 2^256-domain numerator gives the slope in the 2^261 domain), for an even count m ≥ 2 of
 * non-zero elements, as two interleaved chains (even and odd indices) whose products share the lanes.
 * With x·2^s stored, a product subtracts 261 from s: chain prefix k has s = 256 − 5k. `pre` holds m
 * elements.
 */
export function batchInv2(d: usize, m: i32, pre: usize): void {
  const c = m >> 1;
  const B: usize = FELT_BYTES;
  fieldCopy(pre, d);
  fieldCopy(pre + B, d + B);
  prefix2(pre, d, c);
  // Totals a, b (s = 261 − 5c); fieldInv(x·2^s) = x^−1·2^(512 − s), so INV = (ab)^−1 at s = 251 + 5c
  // after the product; 2^10 more gives each chain's start its s = 261 + 5c.
  const last = <usize>(c - 1) * 2 * B;
  mul29(INV, pre + last, pre + last + B);
  fieldInv(INV, INV);
  for (let i = 0; i < 10; i++) add64(INV, INV, INV);
  mul2(ACC, INV, pre + last + B, ACC + B, INV, pre + last);
  unwind2(d, pre, ACC, c);
}

/** The slope's numerator yq − yp (or −(yq + yp) to add −q) into l; 2^256 domain. */
function numerator(l: usize, tagged: usize, p: usize): void {
  const q = tagged & ~1;
  if (tagged & 1) {
    add64(l, q + 32, p + 32);
    sub64(l, ZERO, l);
  } else {
    sub64(l, q + 32, p + 32);
  }
}

/** x3 = λ² − xp − xq into x (λ² from the 2^261 domain); u = xp − x3. */
function abscissa(x: usize, u: usize, sq: usize, p: usize, q: usize): void {
  div32(x, sq);
  sub64(x, x, p);
  sub64(x, x, q);
  sub64(u, p, x);
}

/**
 * Two additions p += ±q at once: `ta`, `tb` point at q (64-byte aligned; bit 0 set means add −q), `ia`,
 * `ib` hold the inverses of xq − xp as batchInv2 leaves them.
 */
export function addPair(pa: usize, ta: usize, ia: usize, pb: usize, tb: usize, ib: usize): void {
  addPair2(pa, ta, ia, pb, tb, ib);
}

/** One addition p += ±q, scalar (arguments as addPair's). */
export function addOne(p: usize, tagged: usize, inv: usize): void {
  numerator(LA, tagged, p);
  mul29(LA, LA, inv);
  mul29(TA, LA, LA);
  abscissa(XA, UA, TA, p, tagged & ~1);
  mul29(UA, UA, LA);
  sub64(p + 32, UA, p + 32);
  fieldCopy(p, XA);
}
