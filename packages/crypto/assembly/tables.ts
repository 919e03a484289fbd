// Where the precomputed tables live in memory: allocated once by initTables, right after static data.
import { fieldCopy, toMont } from '../../felt/assembly/field';
import { BUILD_SCRATCH_BYTES, buildWindows, HIGH_TABLE_BYTES, LOW_TABLE_BYTES, LOW_WINDOWS } from './comb';
import { AFFINE_BYTES } from './curve';

// Plain globals, not an object: with no GC runtime, the heap after static data is ours alone.
export let pedersenShift: usize = 0;
export let pedP1: usize = 0;
export let pedP2: usize = 0;
export let pedP3: usize = 0;
export let pedP4: usize = 0;
export let gLow: usize = 0;
export let gHigh: usize = 0;
export let poseidonRc: usize = 0;

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
  return ((__heap_base + 63) & ~63) + (4 << 20);
}

/**
 * Builds every table. `points` holds canonical affine P0, P1, P2, P3, P4, G (6 × 64 bytes);
 * `rc` the 273 canonical Poseidon round constants. Returns the first free byte after the tables.
 */
export function initTables(points: usize, rc: usize): usize {
  const pts = alloc(6 * AFFINE_BYTES);
  for (let i: usize = 0; i < 12; i++) toMont(pts + i * 32, points + i * 32);
  poseidonRc = alloc(POSEIDON_RC_COUNT * 32);
  for (let i: usize = 0; i < POSEIDON_RC_COUNT; i++) toMont(poseidonRc + i * 32, rc + i * 32);
  pedersenShift = pts;
  pedP1 = alloc(LOW_TABLE_BYTES);
  pedP2 = alloc(HIGH_TABLE_BYTES);
  pedP3 = alloc(LOW_TABLE_BYTES);
  pedP4 = alloc(HIGH_TABLE_BYTES);
  gLow = alloc(LOW_TABLE_BYTES);
  gHigh = alloc(HIGH_TABLE_BYTES);
  const next = alloc(AFFINE_BYTES);
  const work = alloc(BUILD_SCRATCH_BYTES);
  buildWindows(pedP1, pts + 1 * AFFINE_BYTES, LOW_WINDOWS, 8, next, work);
  buildWindows(pedP2, pts + 2 * AFFINE_BYTES, 1, 4, next, work);
  buildWindows(pedP3, pts + 3 * AFFINE_BYTES, LOW_WINDOWS, 8, next, work);
  buildWindows(pedP4, pts + 4 * AFFINE_BYTES, 1, 4, next, work);
  buildWindows(gLow, pts + 5 * AFFINE_BYTES, LOW_WINDOWS, 8, next, work);
  // next = 2^248·G: the base of the top window.
  const gTop = alloc(AFFINE_BYTES);
  fieldCopy(gTop, next);
  fieldCopy(gTop + 32, next + 32);
  buildWindows(gHigh, gTop, 1, 4, next, work);
  return top;
}
