// Many Pedersen hashes in lock-step with affine additions: each of the 44 table lookups of a hash adds
// one affine point to its accumulator, and the slopes' denominators of all hashes share one inversion
// (Montgomery's trick). About 6 products per addition instead of 11 for a mixed Jacobian one.
import {
  FELT_BYTES,
  fieldAdd,
  fieldCopy,
  fieldIsZero,
  fieldOne,
  fieldSub,
  fromMont,
  montMul,
  montSqr,
} from '../../felt/assembly/field';
import { vecBatchInv } from '../../felt/assembly/vector';
import { AFFINE_BYTES } from './curve';
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

const LAMBDA = memory.data(32, 32);
const ZERO = memory.data(32, 32);
const T = memory.data(32, 32);
const U = memory.data(32, 32);

/**
 * out[i] = pedersen(a[i], b[i]) for n ≥ BATCH_MIN pairs (canonical felts); scratch holds n·134 bytes.
 * A hash whose addition meets equal x-coordinates (never seen in practice) is redone one by one.
 */
export function pedersenBatchAffine(out: usize, a: usize, b: usize, n: i32, scratch: usize): void {
  ensurePedersenTables();
  const acc = scratch; // n affine points
  const dx = acc + <usize>n * AFFINE_BYTES; // n slope denominators
  const pre = dx + <usize>n * FELT_BYTES; // batch-inversion scratch
  const pts = pre + <usize>n * FELT_BYTES; // n u32 table pointers
  const redo = pts + <usize>n * 4; // n flags
  const carries = redo + <usize>n; // n signed-digit carries
  for (let i = 0; i < n; i++) {
    const p = acc + <usize>i * AFFINE_BYTES;
    fieldCopy(p, pedersenShift);
    fieldCopy(p + 32, pedersenShift + 32);
    store<u8>(redo + <usize>i, 0);
  }
  for (let step = 0; step < STEPS; step++) {
    if (n >= WARM_MIN) warm(step);
    for (let i = 0; i < n; i++) {
      const o = <usize>i * FELT_BYTES;
      const d = dx + o;
      let q: usize = load<u8>(redo + <usize>i) ? 0 : entry(step, a + o, b + o, carries + <usize>i);
      if (q !== 0) {
        fieldSub(d, q & ~1, acc + <usize>i * AFFINE_BYTES);
        if (fieldIsZero(d)) {
          store<u8>(redo + <usize>i, 1);
          q = 0;
        }
      }
      if (q === 0) fieldOne(d);
      store<u32>(pts + <usize>i * 4, <u32>q);
    }
    vecBatchInv(dx, dx, n, pre);
    for (let i = 0; i < n; i++) {
      const tagged = <usize>load<u32>(pts + <usize>i * 4);
      if (tagged === 0) continue;
      const q = tagged & ~1;
      const p = acc + <usize>i * AFFINE_BYTES;
      // λ = (yq − yp)/(xq − xp); x3 = λ² − xp − xq; y3 = λ·(xp − x3) − yp. For −q, yq is negated:
      // the numerator is −(yq + yp), and λ² and x3 do not change.
      if (tagged & 1) {
        fieldAdd(LAMBDA, q + 32, p + 32);
        fieldSub(LAMBDA, ZERO, LAMBDA);
      } else {
        fieldSub(LAMBDA, q + 32, p + 32);
      }
      montMul(LAMBDA, LAMBDA, dx + <usize>i * FELT_BYTES);
      montSqr(T, LAMBDA);
      fieldSub(T, T, p);
      fieldSub(T, T, q);
      fieldSub(U, p, T);
      montMul(U, U, LAMBDA);
      fieldSub(p + 32, U, p + 32);
      fieldCopy(p, T);
    }
  }
  for (let i = 0; i < n; i++) {
    const o = <usize>i * FELT_BYTES;
    if (load<u8>(redo + <usize>i)) pedersenHash(out + o, a + o, b + o);
    else fromMont(out + o, acc + <usize>i * AFFINE_BYTES);
  }
}
