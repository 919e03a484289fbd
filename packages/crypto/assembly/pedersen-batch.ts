// Many Pedersen hashes in lock-step with affine additions: each of the 44 table lookups of a hash adds
// one affine point to its accumulator, and the slopes' denominators of all hashes share one inversion
// (Montgomery's trick). About 6 products per addition instead of 11 for a mixed Jacobian one. Hashes go
// in pairs: the products of hashes 2k and 2k + 1 run in the two SIMD lanes of mul2 (R = 2^261), while
// points and sums stay in the tables' Montgomery form (R = 2^256); the scales are tracked below.
import { FELT_BYTES, fieldCopy, fieldInv, fieldIsZero, fieldOne, fromMont } from '../../felt/assembly/field';
import { AFFINE_BYTES } from './curve';
import { add64, sub64 } from './field64';
import { mul29 } from './generated/cube29';
import { mul2, mulSqr2, prefix2, unwind2 } from './generated/mul2';
import { pedersenHash } from './pedersen';
import { lastCarry, signedDigit } from './signed-comb';
import { ensurePedersenTables, PED_BITS, pedersenShift, pedP1, pedP2, pedP3, pedP4 } from './tables';

const LOW_STEPS = (248 + PED_BITS - 1) / PED_BITS;
const STEPS = 2 * (LOW_STEPS + 1);
const STRIDE: usize = ((<usize>1) << (<usize>(PED_BITS - 1))) * AFFINE_BYTES;
/** Below this many pairs, per-hash Jacobian sums are faster than 48 shared inversions. */
export const BATCH_MIN = 16; // mirrored by the loader (fast-crypto.ts)

/**
 * The table point that lookup `step` of pedersen(a, b) adds, or 0 when its digit is zero; bit 0 set
 * means "subtract it" (entries are 64-byte aligned). `carry` holds the hash's signed-digit carry.
 */
function entry(step: i32, a: usize, b: usize, carry: usize): usize {
  const first = step < LOW_STEPS + 1;
  const k = first ? a : b;
  const s = first ? step : step - LOW_STEPS - 1;
  if (s === LOW_STEPS) {
    const top = <usize>(load<u8>(k + 31) & 0x0f);
    if (top === 0) return 0;
    return (first ? pedP2 : pedP4) + (top - 1) * AFFINE_BYTES;
  }
  const d = signedDigit(k, s, PED_BITS, 248, s === 0 ? 0 : <i32>load<u8>(carry));
  store<u8>(carry, <u8>lastCarry());
  if (d === 0) return 0;
  const window = (first ? pedP1 : pedP3) + <usize>s * STRIDE;
  if (d > 0) return window + <usize>(d - 1) * AFFINE_BYTES;
  return (window + <usize>(-d - 1) * AFFINE_BYTES) | 1;
}

/** From this many pairs, each step first streams its table window into the cache (see warm). */
const WARM_MIN = 256;
// The sweep's loads feed a store to memory, which no optimiser may drop.
const SINK = memory.data(8, 8);

// Reads one word of every cache line of the window that lookup `step` draws from: a sequential sweep
// the hardware prefetcher runs ahead of, instead of hundreds of scattered misses in the step's loop.
function warm(step: i32): void {
  const first = step < LOW_STEPS + 1;
  const s = first ? step : step - LOW_STEPS - 1;
  if (s === LOW_STEPS) return;
  const window = (first ? pedP1 : pedP3) + <usize>s * STRIDE;
  let x: u64 = 0;
  for (let o: usize = 0; o < STRIDE; o += 64) x ^= load<u64>(window + o);
  store<u64>(SINK, load<u64>(SINK) ^ x);
}

const ZERO = memory.data(32, 32);
const INV = memory.data(32, 32);
const ACC = memory.data(64, 32); // the two chains' running inverses
const TA = memory.data(32, 32);
const TB = memory.data(32, 32);
const LA = memory.data(32, 32);
const LB = memory.data(32, 32);
const UA = memory.data(32, 32);
const UB = memory.data(32, 32);
const XA = memory.data(32, 32);
const XB = memory.data(32, 32);

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
 * mul2 with a 2^256-domain numerator gives the slope in the 2^261 domain), for an even count m of
 * non-zero elements, as two interleaved chains (even and odd indices) whose products share the lanes.
 * With x·2^s stored, a product subtracts 261 from s: chain prefix k has s = 256 − 5k.
 */
function batchInv2(d: usize, m: i32, pre: usize): void {
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

/** Two additions p += ±q at once (pointers from `entry`); inv as batchInv2 leaves them. */
function addPair(pa: usize, ta: usize, ia: usize, pb: usize, tb: usize, ib: usize): void {
  numerator(LA, ta, pa);
  numerator(LB, tb, pb);
  mulSqr2(LA, TA, LA, ia, LB, TB, LB, ib); // λ and λ², 2^261 domain
  abscissa(XA, UA, TA, pa, ta & ~1);
  abscissa(XB, UB, TB, pb, tb & ~1);
  mul2(UA, UA, LA, UB, UB, LB); // back in the 2^256 domain
  sub64(pa + 32, UA, pa + 32);
  sub64(pb + 32, UB, pb + 32);
  fieldCopy(pa, XA);
  fieldCopy(pb, XB);
}

/** One addition p += ±q, scalar. */
function addOne(p: usize, tagged: usize, inv: usize): void {
  numerator(LA, tagged, p);
  mul29(LA, LA, inv);
  mul29(TA, LA, LA);
  abscissa(XA, UA, TA, p, tagged & ~1);
  mul29(UA, UA, LA);
  sub64(p + 32, UA, p + 32);
  fieldCopy(p, XA);
}

/**
 * out[i] = pedersen(a[i], b[i]) for n ≥ BATCH_MIN pairs (canonical felts); scratch holds (n + 1)·134
 * bytes. A hash whose addition meets equal x-coordinates (never seen in practice) is redone one by one.
 */
export function pedersenBatchAffine(out: usize, a: usize, b: usize, n: i32, scratch: usize): void {
  ensurePedersenTables();
  const m = (n + 1) & ~1; // an odd n gets an idle partner
  const acc = scratch; // m affine points
  const dx = acc + <usize>m * AFFINE_BYTES; // m slope denominators
  const pre = dx + <usize>m * FELT_BYTES; // batch-inversion scratch
  const pts = pre + <usize>m * FELT_BYTES; // m u32 table pointers
  const redo = pts + <usize>m * 4; // n flags
  const carries = redo + <usize>m; // n signed-digit carries
  for (let i = 0; i < m; i++) {
    const p = acc + <usize>i * AFFINE_BYTES;
    fieldCopy(p, pedersenShift);
    fieldCopy(p + 32, pedersenShift + 32);
    store<u8>(redo + <usize>i, 0);
  }
  fieldOne(dx + <usize>(m - 1) * FELT_BYTES);
  store<u32>(pts + <usize>(m - 1) * 4, 0);
  for (let step = 0; step < STEPS; step++) {
    if (n >= WARM_MIN) warm(step);
    for (let i = 0; i < n; i++) {
      const o = <usize>i * FELT_BYTES;
      const d = dx + o;
      let q: usize = load<u8>(redo + <usize>i) ? 0 : entry(step, a + o, b + o, carries + <usize>i);
      if (q !== 0) {
        sub64(d, q & ~1, acc + <usize>i * AFFINE_BYTES);
        if (fieldIsZero(d)) {
          store<u8>(redo + <usize>i, 1);
          q = 0;
        }
      }
      if (q === 0) fieldOne(d);
      store<u32>(pts + <usize>i * 4, <u32>q);
    }
    batchInv2(dx, m, pre);
    for (let i = 0; i < m; i += 2) {
      const ta = <usize>load<u32>(pts + <usize>i * 4);
      const tb = <usize>load<u32>(pts + <usize>(i + 1) * 4);
      const pa = acc + <usize>i * AFFINE_BYTES;
      const ia = dx + <usize>i * FELT_BYTES;
      if (ta !== 0 && tb !== 0) addPair(pa, ta, ia, pa + AFFINE_BYTES, tb, ia + FELT_BYTES);
      else if (ta !== 0) addOne(pa, ta, ia);
      else if (tb !== 0) addOne(pa + AFFINE_BYTES, tb, ia + FELT_BYTES);
    }
  }
  for (let i = 0; i < n; i++) {
    const o = <usize>i * FELT_BYTES;
    if (load<u8>(redo + <usize>i)) pedersenHash(out + o, a + o, b + o);
    else fromMont(out + o, acc + <usize>i * AFFINE_BYTES);
  }
}
