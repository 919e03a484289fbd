import * as feltMod from '@starling/felt';
import { vmError } from '../errors.js';
import * as valueMod from '../memory/value.js';

// Local copies: module bindings cost a getter call per use under some loaders (hot loop).
const { fastInv, mul: fmul, P } = feltMod;
const {
  normalizeAny,
  normalizeBig,
  relOffset,
  SEG_SHIFT,
  SMALL,
  scratch,
  smallToBig,
  TAG_BIG,
  TAG_INT,
  TAG_REL,
} = valueMod;

/** Slow paths of operand arithmetic; results go to `scratch`. */

function big(t: number, n: number, b: bigint): bigint {
  return t === TAG_INT ? smallToBig(n) : b;
}

/** a + b (felt + felt, pointer + felt, felt + pointer). */
export function addSlow(aT: number, aN: number, aB: bigint, bT: number, bN: number, bB: bigint): void {
  if (aT === TAG_REL || bT === TAG_REL) {
    if (aT === TAG_REL && bT === TAG_REL) throw vmError('INVALID_ARITHMETIC', 'cannot add two pointers');
    const rel = aT === TAG_REL ? aN : bN;
    const it = aT === TAG_REL ? bT : aT;
    const iN = aT === TAG_REL ? bN : aN;
    if (it !== TAG_INT) throw vmError('INVALID_ARITHMETIC', 'pointer offset out of range');
    relAdd(rel, iN);
    return;
  }
  // A full felt plus a small one stays inside (0, P): |n| < 2^52 ≤ x ≤ P - 2^52.
  if (aT === TAG_BIG && bT === TAG_INT) normalizeBig(aB + BigInt(bN));
  else if (bT === TAG_BIG && aT === TAG_INT) normalizeBig(bB + BigInt(aN));
  else {
    const x = big(aT, aN, aB) + big(bT, bN, bB);
    normalizeBig(x >= P ? x - P : x);
  }
}

/** Moves a packed pointer by a small integer, checking the offset stays valid. */
export function relAdd(rel: number, n: number): void {
  const off = relOffset(rel) + n;
  if (off < 0 || off >= SEG_SHIFT) throw vmError('INVALID_ARITHMETIC', `pointer offset ${off} out of range`);
  scratch.tag = TAG_REL;
  scratch.num = rel + n;
  scratch.big = 0n;
}

/** a - b (felt - felt, pointer - felt, pointer - pointer in one segment). */
export function subVals(aT: number, aN: number, aB: bigint, bT: number, bN: number, bB: bigint): void {
  if (aT === TAG_REL) {
    if (bT === TAG_REL) {
      if (Math.floor(aN / SEG_SHIFT) !== Math.floor(bN / SEG_SHIFT)) {
        throw vmError('INVALID_ARITHMETIC', 'cannot subtract pointers of different segments');
      }
      const d = aN - bN;
      if (d >= 0) {
        scratch.tag = TAG_INT;
        scratch.num = d;
        scratch.big = 0n;
      } else normalizeAny(BigInt(d));
      return;
    }
    if (bT !== TAG_INT) throw vmError('INVALID_ARITHMETIC', 'pointer offset out of range');
    relAdd(aN, -bN);
    return;
  }
  if (bT === TAG_REL) throw vmError('INVALID_ARITHMETIC', 'cannot subtract a pointer from a felt');
  if (aT === TAG_INT && bT === TAG_INT) {
    const d = aN - bN;
    if (d > -SMALL && d < SMALL) {
      scratch.tag = TAG_INT;
      scratch.num = d;
      scratch.big = 0n;
      return;
    }
  }
  const x = big(aT, aN, aB) - big(bT, bN, bB);
  normalizeBig(x < 0n ? x + P : x);
}

/** a * b on felts. */
export function mulSlow(aT: number, aN: number, aB: bigint, bT: number, bN: number, bB: bigint): void {
  if (aT === TAG_REL || bT === TAG_REL) throw vmError('INVALID_ARITHMETIC', 'cannot multiply a pointer');
  // A full felt times a small constant (a = a * 3 + 1): a few subtractions instead of a division.
  if (aT === TAG_BIG && bT === TAG_INT && bN > 0 && bN <= SMALL_FACTOR) mulSmall(aB, bN);
  else if (bT === TAG_BIG && aT === TAG_INT && aN > 0 && aN <= SMALL_FACTOR) mulSmall(bB, aN);
  else normalizeBig(fmul(big(aT, aN, aB), big(bT, bN, bB)));
}

/** Largest factor reduced by repeated subtraction (x · k < k · P needs at most k - 1 of them). */
const SMALL_FACTOR = 8;

const FACTORS = [0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n];

function mulSmall(x: bigint, k: number): void {
  let y = x * (FACTORS[k] as bigint);
  while (y >= P) y -= P;
  normalizeBig(y);
}

/** a / b on felts (b non-zero), used to deduce mul operands. */
export function divVals(aT: number, aN: number, aB: bigint, bT: number, bN: number, bB: bigint): void {
  if (aT === TAG_INT && bT === TAG_INT && bN !== 0 && aN % bN === 0) {
    scratch.tag = TAG_INT;
    scratch.num = aN / bN;
    scratch.big = 0n;
    return;
  }
  normalizeBig(fmul(big(aT, aN, aB), fastInv(big(bT, bN, bB))));
}

export { TAG_BIG };
