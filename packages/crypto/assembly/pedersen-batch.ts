// Many Pedersen hashes in lock-step with affine additions (affine-add.ts): each table lookup of a hash
// adds one affine point to its accumulator, and the slopes' denominators of all hashes share one
// inversion per step. About 6 products per addition instead of 11 for a mixed Jacobian one. Hashes go
// in pairs through the two SIMD lanes. Batches from WIDE_MIN pairs on take the wide tables
// (wide-tables.ts: 32 lookups a hash), and so do smaller ones once those exist; until then the 12-bit
// tables (44 lookups).
import { FELT_BYTES, fieldCopy, fromMont } from '../../felt/assembly/field';
import { addOne, addPair, batchInv2, denominator, denominatorOne } from './affine-add';
import { AFFINE_BYTES } from './curve';
import { PAIR_BYTES } from './generated/mul2';
import { pedersenHash } from './pedersen';
import { lastCarry, signedDigit } from './signed-comb';
import {
  ensurePedersenTables,
  FOLD_COLS,
  PED_BITS,
  pedersenShift,
  pedP1,
  pedP2,
  pedP3,
  pedP4,
  WIDE_BITS,
  WIDE_WINDOWS,
} from './tables';
import { ensureWideTables, foldP1, foldP3, wideP1, wideP3, wideTablesReady } from './wide-tables';

const LOW_STEPS = (248 + PED_BITS - 1) / PED_BITS;
const STRIDE: usize = ((<usize>1) << (<usize>(PED_BITS - 1))) * AFFINE_BYTES;
const WIDE_STRIDE: usize = ((<usize>1) << (<usize>(WIDE_BITS - 1))) * AFFINE_BYTES;
/** Below this many pairs, per-hash Jacobian sums are faster than 44 shared inversions. */
export const BATCH_MIN = 16; // mirrored by the loader (fast-crypto.ts)
/** From this many pairs the wide tables pay for their misses (and their one-off build). */
export const WIDE_MIN = 256;
/** Sub-batch size: a step's accumulators, denominators and lookups stay in L2. */
const CHUNK = 1024;

/** ±entry as a lookup returns it: bit 0 set means "subtract it" (entries are 64-byte aligned). */
function signed(window: usize, d: i32): usize {
  if (d > 0) return window + <usize>(d - 1) * AFFINE_BYTES;
  return (window + <usize>(-d - 1) * AFFINE_BYTES) | 1;
}

/**
 * The table point that lookup `step` of pedersen(a, b) adds from the 12-bit tables, or 0 when its digit
 * is zero. `carry` holds the hash's signed-digit carry.
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
  return signed((first ? pedP1 : pedP3) + <usize>s * STRIDE, d);
}

/**
 * Lookup `step` of every hash from the wide tables into pts (as entry returns them; 0 for a hash to be
 * redone). The step's decisions are made once: a 16-bit digit is the u16 at byte 2s, with the carry in;
 * the last lookup of each input is the folded (l, t) entry, l = carry + bits 240…247, t = bits 248…251.
 */
function wideLookups(step: i32, a: usize, b: usize, n: i32, pts: usize, carries: usize, redo: usize): void {
  const first = step < WIDE_WINDOWS + 1;
  const k = first ? a : b;
  const s = first ? step : step - WIDE_WINDOWS - 1;
  if (s === WIDE_WINDOWS) {
    const fold = (first ? foldP1() : foldP3()) - AFFINE_BYTES;
    for (let i = 0; i < n; i++) {
      const x = k + <usize>i * FELT_BYTES;
      const idx = <usize>(load<u8>(x + 31) & 0x0f) * FOLD_COLS + <usize>load<u8>(x + 30);
      const c = <usize>load<u8>(carries + <usize>i);
      const q = fold + (idx + c) * AFFINE_BYTES;
      store<u32>(
        pts + <usize>i * 4,
        select<u32>(0, <u32>q, idx + c === 0 || load<u8>(redo + <usize>i) !== 0),
      );
    }
    return;
  }
  const window = (first ? wideP1() : wideP3()) + <usize>s * WIDE_STRIDE;
  const half: i32 = 1 << (WIDE_BITS - 1);
  for (let i = 0; i < n; i++) {
    const x = k + <usize>i * FELT_BYTES;
    let d = <i32>load<u16>(x + <usize>(2 * s));
    if (s !== 0) d += <i32>load<u8>(carries + <usize>i);
    const carry = d > half;
    store<u8>(carries + <usize>i, <u8>carry);
    d -= select<i32>(1 << WIDE_BITS, 0, carry);
    // |d| − 1 indexes the entry; bit 0 tags a negative digit.
    const neg = d >> 31;
    const q = (window + <usize>((d ^ neg) - neg - 1) * AFFINE_BYTES) | <usize>(neg & 1);
    store<u32>(pts + <usize>i * 4, select<u32>(0, <u32>q, d === 0 || load<u8>(redo + <usize>i) !== 0));
  }
}

// The touch loop's loads feed a store to memory, which no optimiser may drop.
const SINK = memory.data(8, 8);

// Loads the first word of every lookup's entry, in a loop short enough that many cache misses (the wide
// windows are 2 MB each) are under way at once, before the loops that use the entries.
function touch(pts: usize, n: i32): void {
  let x: u64 = 0;
  for (let i = 0; i < n; i++) x ^= load<u64>(<usize>load<u32>(pts + <usize>i * 4) & ~63);
  store<u64>(SINK, load<u64>(SINK) ^ x);
}

/**
 * out[i] = pedersen(a[i], b[i]) for n ≥ BATCH_MIN pairs (canonical felts); scratch holds
 * (min(n, CHUNK) + 1)·214 bytes. A hash whose addition meets equal x-coordinates (never seen in
 * practice: it takes a discrete-log relation) is redone one by one.
 */
export function pedersenBatchAffine(out: usize, a: usize, b: usize, n: i32, scratch: usize): void {
  ensurePedersenTables();
  // Once built (by a large batch), the wide tables serve every batch: fewer steps, fewer inversions.
  const wide = n >= WIDE_MIN || wideTablesReady();
  if (wide) ensureWideTables();
  // Sub-batches of about CHUNK keep each step's accumulators, denominators and lookups in L2.
  const parts = (n + CHUNK - 1) / CHUNK;
  const size = ((n + parts - 1) / parts + 1) & ~1;
  for (let start = 0; start < n; start += size) {
    const o = <usize>start * FELT_BYTES;
    batch(out + o, a + o, b + o, min(size, n - start), scratch, wide);
  }
}

/** Lock-step pedersen over n ≤ CHUNK pairs (pedersenBatchAffine's sub-batches). */
function batch(out: usize, a: usize, b: usize, n: i32, scratch: usize, wide: bool): void {
  const steps = wide ? 2 * (WIDE_WINDOWS + 1) : 2 * (LOW_STEPS + 1);
  const m = (n + 1) & ~1; // an odd n gets an idle partner
  const acc = scratch; // m affine points
  const dx = acc + <usize>m * AFFINE_BYTES; // m slope denominators (chain array: m/2 pair slots)
  const pre = dx + <usize>(m >> 1) * PAIR_BYTES; // batch-inversion scratch, as many slots
  const pts = pre + <usize>(m >> 1) * PAIR_BYTES; // m u32 table pointers
  const redo = pts + <usize>m * 4; // n flags
  const carries = redo + <usize>m; // n signed-digit carries
  for (let i = 0; i < m; i++) {
    const p = acc + <usize>i * AFFINE_BYTES;
    fieldCopy(p, pedersenShift);
    fieldCopy(p + 32, pedersenShift + 32);
    store<u8>(redo + <usize>i, 0);
  }
  denominatorOne(dx, m - 1);
  store<u32>(pts + <usize>(m - 1) * 4, 0);
  for (let step = 0; step < steps; step++) {
    if (wide) {
      wideLookups(step, a, b, n, pts, carries, redo);
    } else {
      for (let i = 0; i < n; i++) {
        const o = <usize>i * FELT_BYTES;
        const q = load<u8>(redo + <usize>i) ? 0 : entry(step, a + o, b + o, carries + <usize>i);
        store<u32>(pts + <usize>i * 4, <u32>q);
      }
    }
    touch(pts, n);
    for (let i = 0; i < n; i++) {
      const q = <usize>load<u32>(pts + <usize>i * 4);
      if (q === 0) {
        denominatorOne(dx, i);
      } else if (!denominator(dx, i, q & ~1, acc + <usize>i * AFFINE_BYTES)) {
        store<u8>(redo + <usize>i, 1);
        store<u32>(pts + <usize>i * 4, 0);
        denominatorOne(dx, i);
      }
    }
    batchInv2(dx, m, pre);
    for (let i = 0; i < m; i += 2) {
      const ta = <usize>load<u32>(pts + <usize>i * 4);
      const tb = <usize>load<u32>(pts + <usize>(i + 1) * 4);
      const pa = acc + <usize>i * AFFINE_BYTES;
      if (ta !== 0 && tb !== 0) addPair(pa, ta, pa + AFFINE_BYTES, tb, dx + <usize>(i >> 1) * PAIR_BYTES);
      else if (ta !== 0) addOne(pa, ta, dx, i);
      else if (tb !== 0) addOne(pa + AFFINE_BYTES, tb, dx, i + 1);
    }
  }
  for (let i = 0; i < n; i++) {
    const o = <usize>i * FELT_BYTES;
    if (load<u8>(redo + <usize>i)) pedersenHash(out + o, a + o, b + o);
    else fromMont(out + o, acc + <usize>i * AFFINE_BYTES);
  }
}
