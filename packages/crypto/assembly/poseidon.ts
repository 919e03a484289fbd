// Starknet Poseidon: the Hades permutation on 3 felts (x³ S-box, 4 + 83 + 4 rounds, MDS [[3,1,1],[1,−1,1],[1,1,−2]]).
import { FELT_BYTES, fieldAdd, fieldCopy, fieldZero } from '../../felt/assembly/field';
import { mul29, ONE_29, R2_29, TWO_29 } from './generated/cube29';
import { hadesPartialRounds } from './generated/hades-partial';
import {
  FULL1_CONSTANT_BYTES,
  hadesFullRounds,
  hadesHead2,
  hadesPartialRounds2,
  hadesTail2,
} from './generated/hades-partial2';
import { poseidonFull1K, poseidonFullK, poseidonPartialK, poseidonRc } from './tables';

const T = memory.data(32, 32);
const ZERO = memory.data(32, 32);

// The state and round constants live in the 2^261 Montgomery domain of cube29 (see gen-cube.mjs).

/** r = a in the Poseidon domain (a canonical felt). */
export function toPoseidon(r: usize, a: usize): void {
  mul29(r, a, R2_29);
}

function fromPoseidon(r: usize, a: usize): void {
  mul29(r, a, ONE_29);
}

/** The Hades permutation of a state in the Poseidon domain (3 elements at s, below p), in place. */
export function hades(s: usize): void {
  const rc = poseidonRc;
  fieldAdd(s, s, rc);
  fieldAdd(s + 32, s + 32, rc + 32);
  fieldAdd(s + 64, s + 64, rc + 64);
  // Rounds 0…3 (with the constants of rows 1…4; partial rounds carry only an s2 constant, see
  // poseidon-constants.ts in the loader), then 4…85, all with the state in limbs.
  hadesFullRounds(s, poseidonFull1K, 4, false);
  hadesPartialRounds(s, poseidonPartialK, PARTIAL_LOOP);
  // Round 86 (partial, row 87), then 87…90 (rows 88…91, the last zero); their output below 2^252 is
  // brought below p.
  hadesFullRounds(s, poseidonFull1K + 4 * FULL1_CONSTANT_BYTES, 4, true);
  fieldAdd(s, s, ZERO);
  fieldAdd(s + 32, s + 32, ZERO);
  fieldAdd(s + 64, s + 64, ZERO);
}

/** Rounds in the partial rounds' loop: rounds 4…85. */
const PARTIAL_LOOP = 82;

/** Two Hades permutations (states at a and b) at once, one per SIMD lane; the result below 2^256. */
function hadesPair(a: usize, b: usize): void {
  hadesHead2(a, b, poseidonFullK);
  hadesPartialRounds2(a, b, poseidonPartialK, PARTIAL_LOOP);
  hadesTail2(a, b, poseidonFullK);
}

const STATE = memory.data(96, 32);

/** Permutes a canonical state (3 felts at s) in place. */
export function poseidonPermute(s: usize): void {
  for (let i: usize = 0; i < 3; i++) toPoseidon(s + i * 32, s + i * 32);
  hades(s);
  for (let i: usize = 0; i < 3; i++) fromPoseidon(s + i * 32, s + i * 32);
}

/** out[i] = poseidon(a[i], b[i]) = permute([a, b, 2])[0] for n pairs (canonical felts). */
export function poseidonHashMany(out: usize, a: usize, b: usize, n: i32): void {
  let i = 0;
  // Two hashes at a time share the SIMD partial rounds.
  for (; i + 1 < n; i += 2) {
    for (let j = 0; j < 2; j++) {
      const o = <usize>(i + j) * FELT_BYTES;
      const st = PAIR + <usize>j * 96;
      toPoseidon(st, a + o);
      toPoseidon(st + 32, b + o);
      fieldCopy(st + 64, TWO_29);
    }
    hadesPair(PAIR, PAIR + 96);
    fromPoseidon(out + <usize>i * FELT_BYTES, PAIR);
    fromPoseidon(out + <usize>(i + 1) * FELT_BYTES, PAIR + 96);
  }
  if (i < n) {
    const o = <usize>i * FELT_BYTES;
    toPoseidon(STATE, a + o);
    toPoseidon(STATE + 32, b + o);
    fieldCopy(STATE + 64, TWO_29);
    hades(STATE);
    fromPoseidon(out + o, STATE);
  }
}

const PAIR = memory.data(192, 32);

/** The sponge over n canonical felts (rate 2): absorb pairs, pad with 1 then 0, squeeze state[0]. */
export function poseidonSponge(out: usize, values: usize, n: i32): void {
  fieldZero(STATE);
  fieldZero(STATE + 32);
  fieldZero(STATE + 64);
  // After the values comes a 1, then a 0 if needed to fill the last pair.
  const total = (n + 2) & ~1;
  for (let i = 0; i < total; i++) {
    if (i < n) toPoseidon(T, values + <usize>i * FELT_BYTES);
    else if (i === n) toPoseidon(T, ONE);
    else fieldZero(T);
    const slot = STATE + <usize>(i & 1) * 32;
    fieldAdd(slot, slot, T);
    if (i & 1) hades(STATE);
  }
  fromPoseidon(out, STATE);
}

const ONE: usize = memory.data<u32>([1, 0, 0, 0, 0, 0, 0, 0]);
