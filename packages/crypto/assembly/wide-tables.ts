// The wide tables of large Pedersen batches, built on the first one: 16-bit signed windows for the low
// 240 bits of each input and one folded lookup for bits 240…251, so 32 additions a hash instead of 44.
// About 63 MB for P1 and P3 together, so single hashes and small batches keep the 12-bit tables. The
// build itself runs on the batched affine additions (affine-add.ts): level k of every window adds
// e[2^k] to e[1 … 2^k − 1] in chunks that share one inversion.
import { fieldCopy } from '../../felt/assembly/field';
import { addOne, addPair, batchInv2, denominator, denominatorOne } from './affine-add';
import { AFFINE_BYTES, jacDouble, jacFromAffine, jacToAffine } from './curve';
import { PAIR_BYTES } from './generated/mul2';
import {
  ensurePedersenTables,
  FOLD_COLS,
  FOLD_ENTRIES,
  pedersenPoint,
  pedP2,
  pedP4,
  pedWide,
  WIDE_BITS,
  WIDE_TABLE_BYTES,
  WIDE_WINDOWS,
} from './tables';

/** Entries of one wide window: d·2^(16i)·P for d = 1 … 2^15. */
const ENTRIES: i32 = 1 << (WIDE_BITS - 1);
const STRIDE: usize = <usize>ENTRIES * AFFINE_BYTES;
const FOLD_BYTES: usize = FOLD_ENTRIES * AFFINE_BYTES;
/** Row 0 of a fold: l·2^240·P for l = 1 … 256. */
const FOLD_ROW0: i32 = 256;

let ready = false;

/** True once ensureWideTables has run. */
export function wideTablesReady(): bool {
  return ready;
}

/** P1's wide windows (P3's follow at wideP3). */
export function wideP1(): usize {
  return pedWide;
}
export function wideP3(): usize {
  return pedWide + WIDE_TABLE_BYTES;
}
/** The folds: entry (l, t) − 1 at index t·257 + l − 1. */
export function foldP1(): usize {
  return pedWide + 2 * WIDE_TABLE_BYTES;
}
export function foldP3(): usize {
  return foldP1() + FOLD_BYTES;
}

// The builder's queue of additions dst += q (dst first set to a copy of src): CHUNK at a time.
const CHUNK: i32 = 1024;
let queued: i32 = 0;

function dsts(): usize {
  return foldP3() + FOLD_BYTES;
}
function qs(): usize {
  return dsts() + <usize>CHUNK * 4;
}
function dxs(): usize {
  return qs() + <usize>CHUNK * 4;
}
function pres(): usize {
  return dxs() + <usize>(CHUNK >> 1) * PAIR_BYTES;
}

function push(dst: usize, src: usize, q: usize): void {
  fieldCopy(dst, src);
  fieldCopy(dst + 32, src + 32);
  store<u32>(dsts() + <usize>queued * 4, <u32>dst);
  store<u32>(qs() + <usize>queued * 4, <u32>q);
  denominator(dxs(), queued, q, dst);
  queued++;
  if (queued === CHUNK) flush();
}

// Runs the queued additions. None meets equal x: the sums are i·B + j·B with 0 < i, j < 2^15 and
// i ≠ j, or multiples of independent points, whose coincidence would be a discrete-log relation.
function flush(): void {
  if (queued === 0) return;
  const d = dxs();
  if (queued & 1) {
    denominatorOne(d, queued);
    store<u32>(dsts() + <usize>queued * 4, 0);
    queued++;
  }
  batchInv2(d, queued, pres());
  for (let i = 0; i < queued; i += 2) {
    const pa = <usize>load<u32>(dsts() + <usize>i * 4);
    const pb = <usize>load<u32>(dsts() + <usize>(i + 1) * 4);
    const ta = <usize>load<u32>(qs() + <usize>i * 4);
    const tb = <usize>load<u32>(qs() + <usize>(i + 1) * 4);
    if (pb !== 0) addPair(pa, ta, pb, tb, d + <usize>(i >> 1) * PAIR_BYTES);
    else addOne(pa, ta, d, i);
  }
  queued = 0;
}

const J = memory.data(96, 32);
const BASE = memory.data(96, 32);

/** r = 2·a (affine; a is never of order 2). */
function double(r: usize, a: usize): void {
  jacFromAffine(J, a);
  jacDouble(J, J);
  jacToAffine(r, J);
}

/** With e[1 … h] at out (e[i] at out + (i − 1)·64): queues e[h + i] = e[i] + e[h], doubles e[h]. */
function grow(out: usize, h: i32): void {
  const q = out + <usize>(h - 1) * AFFINE_BYTES;
  for (let i = 1; i < h; i++)
    push(out + <usize>(h + i - 1) * AFFINE_BYTES, out + <usize>(i - 1) * AFFINE_BYTES, q);
  double(out + <usize>(2 * h - 1) * AFFINE_BYTES, q);
}

/** e[1] of window i of `wide` (i < WIDE_WINDOWS) and of the fold (i = WIDE_WINDOWS) ← 2^(16i)·P. */
function bases(wide: usize, fold: usize, p: usize): void {
  const acc = BASE;
  jacFromAffine(acc, p);
  for (let i = 0; i <= WIDE_WINDOWS; i++) {
    if (i > 0) for (let k = 0; k < WIDE_BITS; k++) jacDouble(acc, acc);
    jacToAffine(i < WIDE_WINDOWS ? wide + <usize>i * STRIDE : fold, acc);
  }
}

/** The fold's rows t = 1 … 15: (l, t) = (l, 0) + t·P_high, with (0, t) copied from P_high's table. */
function foldRows(fold: usize, high: usize): void {
  for (let t: usize = 1; t < 16; t++) {
    const q = high + (t - 1) * AFFINE_BYTES;
    const row = fold + (t * FOLD_COLS - 1) * AFFINE_BYTES;
    fieldCopy(row, q);
    fieldCopy(row + 32, q + 32);
    for (let l: usize = 1; l < FOLD_COLS; l++) push(row + l * AFFINE_BYTES, fold + (l - 1) * AFFINE_BYTES, q);
  }
}

/** Builds the wide tables once (about a million affine additions). */
export function ensureWideTables(): void {
  if (ready) return;
  ensurePedersenTables(); // the folds take t·P2 and t·P4 from the narrow tables
  bases(wideP1(), foldP1(), pedersenPoint(1));
  bases(wideP3(), foldP3(), pedersenPoint(3));
  for (let h = 1; h < ENTRIES; h <<= 1) {
    for (let i = 0; i < WIDE_WINDOWS; i++) {
      grow(wideP1() + <usize>i * STRIDE, h);
      grow(wideP3() + <usize>i * STRIDE, h);
    }
    if (h < FOLD_ROW0) {
      grow(foldP1(), h);
      grow(foldP3(), h);
    }
    flush();
  }
  foldRows(foldP1(), pedP2);
  foldRows(foldP3(), pedP4);
  flush();
  ready = true;
}
