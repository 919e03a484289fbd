// Where the precomputed tables live in memory: allocated once by initTables, right after static data.
import { fieldCopy, toMont } from '../../felt/assembly/field';
import { BUILD_SCRATCH_BYTES, buildWindows, tableBytes } from './comb';
import { AFFINE_BYTES } from './curve';
import {
  FULL_CONSTANT_BYTES,
  FULL1_CONSTANT_BYTES,
  hadesFullConstants,
  hadesFullConstants1,
  hadesPartialConstants,
  PARTIAL_CONSTANT_BYTES,
} from './generated/hades-partial2';
import { toPoseidon } from './poseidon';
import { buildSignedWindows, signedTableBytes } from './signed-comb';

// Plain globals, not an object: with no GC runtime, the heap after static data is ours alone.
export let pedersenShift: usize = 0;
export let pedP1: usize = 0;
export let pedP2: usize = 0;
export let pedP3: usize = 0;
export let pedP4: usize = 0;
export let gLow: usize = 0;
export let gHigh: usize = 0;
export let poseidonRc: usize = 0;
/** The partial rounds' s2 constants in limbs (hadesPartialConstants), for the two-lane loop. */
export let poseidonPartialK: usize = 0;
/** The full rounds' constants in limbs (hadesFullConstants), for the two-lane rounds. */
export let poseidonFullK: usize = 0;
/** The single hash's full-round constants in limbs (hadesFullConstants1): rounds 0…3, then 86…90. */
export let poseidonFull1K: usize = 0;
/** The wide tables of large batches (wide-tables.ts): reserved here, written on first use. */
export let pedWide: usize = 0;

/**
 * Window widths: Pedersen's P1, P3 (hot: trie commits) get wider windows than the ECDSA generator;
 * theirs are signed (2^11 entries per 12-bit window: 21 windows cover the low 248 bits).
 */
export const PED_BITS = 12;
export const G_BITS = 8;
const PED_WINDOWS = (248 + PED_BITS - 1) / PED_BITS;
const G_WINDOWS = 248 / G_BITS;

/**
 * Large batches' wide signed windows for P1 and P3 (wide-tables.ts): WIDE_WINDOWS windows of WIDE_BITS
 * bits cover bits 0…239, and one folded lookup covers bits 240…251 (the low part's last 8 bits with
 * the carry in, and the 4-bit high part on P2 or P4). The batch kernel reads a digit as one u16, so
 * WIDE_BITS stays 16 (15 windows of 2^15 entries: 31.5 MB per base).
 */
export const WIDE_BITS = 16;
export const WIDE_WINDOWS = 240 / WIDE_BITS;
/** Folded entries: (l, t) ↦ l·2^240·P1 + t·P2 for l ≤ 256, t ≤ 15 (felts reach t = 8), (0, 0) left out. */
export const FOLD_COLS: usize = 257;
export const FOLD_ENTRIES: usize = 16 * FOLD_COLS - 1;
/** Bytes of one base's wide windows (P1's or P3's). */
export const WIDE_TABLE_BYTES: usize = signedTableBytes(WIDE_WINDOWS, WIDE_BITS);
/** Bytes of the whole wide region: both bases' windows and folded entries, and the builder's scratch. */
export const WIDE_REGION_BYTES: usize = 2 * (WIDE_TABLE_BYTES + FOLD_ENTRIES * AFFINE_BYTES) + (1 << 18);

/** Cached tables of variable points (public keys, repeated ec_op bases): 5-bit windows over 252 bits. */
export const POINT_BITS = 5;
export const POINT_WINDOWS = (252 + POINT_BITS - 1) / POINT_BITS;
/** How many point tables fit in the cache (about 100 KiB each); the loader evicts the least recent. */
export const POINT_SLOTS = 8;
let pointTables: usize = 0;

/** Number of Poseidon round constants (91 rounds × 3). */
export const POSEIDON_RC_COUNT: usize = 273;

let top: usize = 0;

function alloc(bytes: usize): usize {
  if (top === 0) top = (__heap_base + 63) & ~63;
  const ptr = top;
  top = (top + bytes + 63) & ~63;
  const need = <i32>((top + 65535) >>> 16) - memory.size();
  if (need > 0) memory.grow(need);
  return ptr;
}

/** Where callers put initTables' inputs: beyond everything the tables will occupy. */
export function initInputArea(): usize {
  return ((__heap_base + 63) & ~63) + (16 << 20);
}

let pts: usize = 0;
let next: usize = 0;
let work: usize = 0;
let gTop: usize = 0;
let pedersenReady = false;
let generatorReady = false;

/**
 * Reserves every table and loads the constants. `points` holds canonical affine P0, P1, P2, P3, P4, G
 * (6 × 64 bytes); `rc` the 273 canonical Poseidon round constants. The comb tables are built on first
 * use (ensurePedersenTables, ensureGeneratorTable), so Poseidon-only users never pay for them.
 * Returns the first free byte after the tables.
 */
export function initTables(points: usize, rc: usize): usize {
  pts = alloc(6 * AFFINE_BYTES);
  for (let i: usize = 0; i < 12; i++) toMont(pts + i * 32, points + i * 32);
  // One extra zero row: the last round's linear layer adds no constants.
  poseidonRc = alloc((POSEIDON_RC_COUNT + 3) * 32);
  for (let i: usize = 0; i < POSEIDON_RC_COUNT; i++) toPoseidon(poseidonRc + i * 32, rc + i * 32);
  memory.fill(poseidonRc + POSEIDON_RC_COUNT * 32, 0, 96);
  poseidonPartialK = alloc(82 * PARTIAL_CONSTANT_BYTES);
  hadesPartialConstants(poseidonPartialK, poseidonRc + 4 * 96, 82);
  poseidonFullK = alloc(10 * FULL_CONSTANT_BYTES);
  hadesFullConstants(poseidonFullK, poseidonRc);
  poseidonFull1K = alloc(9 * FULL1_CONSTANT_BYTES);
  hadesFullConstants1(poseidonFull1K, poseidonRc);
  pedersenShift = pts;
  pedP1 = alloc(signedTableBytes(PED_WINDOWS, PED_BITS));
  pedP2 = alloc(tableBytes(1, 4));
  pedP3 = alloc(signedTableBytes(PED_WINDOWS, PED_BITS));
  pedP4 = alloc(tableBytes(1, 4));
  gLow = alloc(tableBytes(G_WINDOWS, G_BITS));
  gHigh = alloc(tableBytes(1, 4));
  pointTables = alloc(<usize>POINT_SLOTS * tableBytes(POINT_WINDOWS, POINT_BITS));
  next = alloc(AFFINE_BYTES);
  gTop = alloc(AFFINE_BYTES);
  work = alloc(BUILD_SCRATCH_BYTES);
  // Address space only: the pages stay untouched (and unbacked) until a large batch builds the tables.
  pedWide = alloc(WIDE_REGION_BYTES);
  return top;
}

/** Builds the Pedersen comb tables once (about 100k point additions). */
export function ensurePedersenTables(): void {
  if (pedersenReady) return;
  buildSignedWindows(pedP1, pts + 1 * AFFINE_BYTES, PED_WINDOWS, PED_BITS, next, work);
  buildWindows(pedP2, pts + 2 * AFFINE_BYTES, 1, 4, next, work);
  buildSignedWindows(pedP3, pts + 3 * AFFINE_BYTES, PED_WINDOWS, PED_BITS, next, work);
  buildWindows(pedP4, pts + 4 * AFFINE_BYTES, 1, 4, next, work);
  pedersenReady = true;
}

/** The affine (Montgomery-form) Pedersen point P_i, 0 ≤ i ≤ 4. */
export function pedersenPoint(i: i32): usize {
  return pts + <usize>i * AFFINE_BYTES;
}

/** Builds the generator's comb table once (for ECDSA). */
export function ensureGeneratorTable(): void {
  if (generatorReady) return;
  buildWindows(gLow, pts + 5 * AFFINE_BYTES, G_WINDOWS, G_BITS, next, work);
  // next = 2^248·G: the base of the top window.
  fieldCopy(gTop, next);
  fieldCopy(gTop + 32, next + 32);
  buildWindows(gHigh, gTop, 1, 4, next, work);
  generatorReady = true;
}

/** The cached table in `slot` (0 ≤ slot < POINT_SLOTS). */
export function pointTable(slot: i32): usize {
  return pointTables + <usize>slot * tableBytes(POINT_WINDOWS, POINT_BITS);
}

/** Builds the table of affine (Montgomery-form) point q into `slot` (about 1,600 point additions). */
export function buildPointTable(slot: i32, q: usize): void {
  buildWindows(pointTable(slot), q, POINT_WINDOWS, POINT_BITS, next, work);
}
