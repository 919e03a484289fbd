// Affine point additions p += ±q in lock-step: the slopes' denominators of a whole batch share one
// inversion (Montgomery's trick), and additions go in pairs through the two SIMD lanes of mul2
// (R = 2^261), while points and sums stay in the tables' Montgomery form (R = 2^256); the scales are
// tracked below. Used by the batched Pedersen kernel and the wide-table builder.
import { FELT_BYTES, fieldCopy, fieldInv } from '../../felt/assembly/field';
import { add64, sub64 } from './field64';
import { mul29 } from './generated/cube29';
import { addPair2, mul2, PAIR_BYTES, prefix2, unwind2 } from './generated/mul2';

const ZERO = memory.data(32, 32);
const INV = memory.data(32, 32);
const ACC = memory.data(64, 32); // the two chains' running inverses
const TA = memory.data(32, 32);
const TB = memory.data(32, 32);
const MASK29: u32 = 0x1fffffff;
// p = 2^251 + 17·2^192 + 1: its words are 1, 0, 0 and P_HIGH.
const P_HIGH: u64 = ((<u64>1) << 59) | 17;
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

/** Where element i's limbs sit in a chain array (pair slots of nine v128: limb j at 16j + 4·(i & 1)). */
function slot(d: usize, i: i32): usize {
  return d + <usize>(i >> 1) * PAIR_BYTES + <usize>((i & 1) << 2);
}

/** Writes xq − xp (2^256 domain) as element i of chain array d; false when it is zero. */
export function denominator(d: usize, i: i32, q: usize, p: usize): bool {
  // q − p, plus p when it borrows (as field64.ts's sub64, on locals).
  const q0 = load<u64>(q, 0);
  const q1 = load<u64>(q, 8);
  const q2 = load<u64>(q, 16);
  const q3 = load<u64>(q, 24);
  const p0 = load<u64>(p, 0);
  const p1 = load<u64>(p, 8);
  const p2 = load<u64>(p, 16);
  const p3 = load<u64>(p, 24);
  const d0 = q0 - p0;
  const b0 = <u64>(q0 < p0);
  const t1 = q1 - p1;
  const d1 = t1 - b0;
  const b1 = <u64>(q1 < p1) | <u64>(t1 < b0);
  const t2 = q2 - p2;
  const d2 = t2 - b1;
  const b2 = <u64>(q2 < p2) | <u64>(t2 < b1);
  const mask = 0 - (<u64>(q3 < p3) | <u64>(q3 - p3 < b2));
  const w0 = d0 + (mask & 1);
  const c0 = <u64>(w0 < d0);
  const w1 = d1 + c0;
  const c1 = <u64>(w1 < c0);
  const w2 = d2 + c1;
  const c2 = <u64>(w2 < c1);
  const w3 = q3 - p3 - b2 + (mask & P_HIGH) + c2;
  const s = slot(d, i);
  store<u32>(s, <u32>w0 & MASK29, 0);
  store<u32>(s, <u32>(w0 >> 29) & MASK29, 16);
  store<u32>(s, <u32>((w0 >> 58) | (w1 << 6)) & MASK29, 32);
  store<u32>(s, <u32>(w1 >> 23) & MASK29, 48);
  store<u32>(s, <u32>((w1 >> 52) | (w2 << 12)) & MASK29, 64);
  store<u32>(s, <u32>(w2 >> 17) & MASK29, 80);
  store<u32>(s, <u32>((w2 >> 46) | (w3 << 18)) & MASK29, 96);
  store<u32>(s, <u32>(w3 >> 11) & MASK29, 112);
  store<u32>(s, <u32>(w3 >> 40), 128);
  return (w0 | w1 | w2 | w3) !== 0;
}

/** Element i of chain array d ← 1 (any non-zero value: an idle slot, whose inverse goes unused). */
export function denominatorOne(d: usize, i: i32): void {
  const s = slot(d, i);
  store<u32>(s, 1);
  for (let j: usize = 16; j < PAIR_BYTES; j += 16) store<u32>(s + j, 0);
}

/** r = element i of chain array d as four u64 words (its value, below 2p). */
export function elementWords(r: usize, d: usize, i: i32): void {
  const s = slot(d, i);
  const l0 = <u64>load<u32>(s, 0);
  const l1 = <u64>load<u32>(s, 16);
  const l2 = <u64>load<u32>(s, 32);
  const l3 = <u64>load<u32>(s, 48);
  const l4 = <u64>load<u32>(s, 64);
  const l5 = <u64>load<u32>(s, 80);
  const l6 = <u64>load<u32>(s, 96);
  const l7 = <u64>load<u32>(s, 112);
  const l8 = <u64>load<u32>(s, 128);
  store<u64>(r, l0 | (l1 << 29) | (l2 << 58), 0);
  store<u64>(r, (l2 >> 6) | (l3 << 23) | (l4 << 52), 8);
  store<u64>(r, (l4 >> 12) | (l5 << 17) | (l6 << 46), 16);
  store<u64>(r, (l6 >> 18) | (l7 << 11) | (l8 << 40), 24);
}

/**
 * Element i of chain array d ← 2^522/(its value) (the inverse in the 2^261 domain of the 2^256-domain
 * value, times 32, so that a 2^261-domain product with a 2^256-domain numerator gives the slope in the
 * 2^261 domain), for an even count m ≥ 2 of non-zero elements, as two interleaved chains (even and odd
 * indices) whose products share the lanes. With x·2^s stored, a product subtracts 261 from s: chain
 * prefix k has s = 256 − 5k. `pre` holds m/2 pair slots.
 */
export function batchInv2(d: usize, m: i32, pre: usize): void {
  const c = m >> 1;
  const B: usize = FELT_BYTES;
  memory.copy(pre, d, PAIR_BYTES);
  prefix2(pre, d, c);
  // Totals a, b (s = 261 − 5c); fieldInv(x·2^s) = x^−1·2^(512 − s), so INV = (ab)^−1 at s = 251 + 10c
  // after the product; 2^10 more, and a product with the other total, gives each chain's start its
  // s = 261 + 5c.
  elementWords(TA, pre, 2 * c - 2);
  elementWords(TB, pre, 2 * c - 1);
  mul29(INV, TA, TB);
  fieldInv(INV, INV);
  for (let i = 0; i < 10; i++) add64(INV, INV, INV);
  mul2(ACC, INV, TB, ACC + B, INV, TA);
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
 * Two additions p += ±q at once: `ta`, `tb` point at q (64-byte aligned; bit 0 set means add −q), the
 * pair slot at `inv` holds the inverses of xq − xp as batchInv2 leaves them.
 */
export function addPair(pa: usize, ta: usize, pb: usize, tb: usize, inv: usize): void {
  addPair2(pa, ta, pb, tb, inv);
}

/** One addition p += ±q, scalar, with the inverse as element i of chain array d. */
export function addOne(p: usize, tagged: usize, d: usize, i: i32): void {
  elementWords(TB, d, i);
  numerator(LA, tagged, p);
  mul29(LA, LA, TB);
  mul29(TA, LA, LA);
  abscissa(XA, UA, TA, p, tagged & ~1);
  mul29(UA, UA, LA);
  sub64(p + 32, UA, p + 32);
  fieldCopy(p, XA);
}
