// Starknet Poseidon: the Hades permutation on 3 felts (x³ S-box, 4 + 83 + 4 rounds, MDS [[3,1,1],[1,−1,1],[1,1,−2]]).
import { FELT_BYTES, fieldAdd, fieldCopy, fieldZero } from '../../felt/assembly/field';
import { cube29, mul29, ONE_29, R2_29, TWO_29 } from './generated/cube29';
import { hadesPartialRounds } from './generated/hades-partial';
import { cubeState29, hadesHead2, hadesPartialRounds2, hadesTail2 } from './generated/hades-partial2';
import { hadesMix, hadesMixToFull, hadesMixToPartial } from './generated/mix';
import { poseidonFullK, poseidonPartialK, poseidonRc } from './tables';

const T = memory.data(32, 32);
const ZERO = memory.data(32, 32);

// The state and round constants live in the 2^261 Montgomery domain of cube29 (see gen-cube.mjs).
function cube(x: usize): void {
  cube29(x, x);
}

/** r = a in the Poseidon domain (a canonical felt). */
export function toPoseidon(r: usize, a: usize): void {
  mul29(r, a, R2_29);
}

function fromPoseidon(r: usize, a: usize): void {
  mul29(r, a, ONE_29);
}

/** The Hades permutation of a state in the Poseidon domain (3 elements at s), in place. */
export function hades(s: usize): void {
  const rc = hadesHead(s);
  hadesPartialRounds(s, poseidonPartialK, PARTIAL_LOOP);
  hadesRounds(s, rc + <usize>PARTIAL_LOOP * 96, 86, 91);
}

/** Rounds in the partial rounds' loop: rounds 4…85. */
const PARTIAL_LOOP = 82;

// The first constants, then rounds 0…3; returns the constants' row for round 4.
function hadesHead(s: usize): usize {
  const rc = poseidonRc;
  fieldAdd(s, s, rc);
  fieldAdd(s + 32, s + 32, rc + 32);
  fieldAdd(s + 64, s + 64, rc + 64);
  return hadesRounds(s, rc, 0, 4);
}

// Rounds from…to − 1 outside the partial rounds' loop: S-box, then the linear layer fused with the next
// round's constants (row 91 is zero). Partial rounds carry only an s2 constant (see
// poseidon-constants.ts in the loader). Returns rc stepped past them.
function hadesRounds(s: usize, rc: usize, from: i32, to: i32): usize {
  for (let i = from; i < to; i++) {
    // Full rounds cube s0 and s1 in the two SIMD lanes, s2 in the general registers beside them.
    if (i < 4 || i >= 87) cubeState29(s);
    else cube(s + 64);
    rc += 96;
    // Outputs that only feed the next S-box skip their final reduction (cube29 takes any 256-bit input).
    // Inside the partial rounds s0, s1 stay below 2^252 (hadesMixLazy); one addition of 0 each brings
    // them below p before the last partial round's full layer.
    if (i === 90) hadesMix(s, rc);
    else if (i === 3) hadesMixToPartial(s, rc);
    else {
      if (i === 86) {
        fieldAdd(s, s, ZERO);
        fieldAdd(s + 32, s + 32, ZERO);
      }
      hadesMixToFull(s, rc);
    }
  }
  return rc;
}

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
