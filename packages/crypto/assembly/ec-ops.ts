// Variable-base scalar multiplication, the ec_op builtin (P + m·Q) and the ECDSA verification core.
import { FELT_BYTES, fieldCopy, fromMont, toMont } from '../../felt/assembly/field';
import { vecBatchInv } from '../../felt/assembly/vector';
import { combAdd, combAdd252 } from './comb';
import {
  AFFINE_BYTES,
  JAC_BYTES,
  jacAdd,
  jacAddAffine,
  jacDouble,
  jacFromAffine,
  jacInfinity,
  jacIsInfinity,
  jacToAffine,
  jacToAffineWith,
  onCurve,
} from './curve';
import {
  buildPointTable,
  ensureGeneratorTable,
  G_BITS,
  gHigh,
  gLow,
  POINT_BITS,
  POINT_SLOTS,
  pointTable,
} from './tables';

// Multiples 1·Q … 15·Q for 4-bit windows: built in Jacobian form, then made affine with one shared
// inversion, so that each window adds with a mixed addition (11 products instead of 16).
const MULTIPLES = memory.data(15 * 96, 32);
const AFFINE_MULTIPLES = memory.data(15 * 64, 32);
const ZS = memory.data(15 * 32, 32);
const ZS_SCRATCH = memory.data(15 * 32, 32);
const ACC = memory.data(96, 32);
const PJ = memory.data(96, 32);
const QA = memory.data(64, 32);
const PA = memory.data(64, 32);

/** acc = m·q for affine q and a 256-bit little-endian scalar at m (4-bit fixed windows). */
function mulVar(acc: usize, m: usize, q: usize): void {
  jacFromAffine(MULTIPLES, q);
  jacDouble(MULTIPLES + JAC_BYTES, MULTIPLES);
  for (let d: usize = 2; d < 15; d++)
    jacAddAffine(MULTIPLES + d * JAC_BYTES, MULTIPLES + (d - 1) * JAC_BYTES, q);
  // d·Q is never infinity for d < 15: the group order is prime and far larger.
  for (let d: usize = 0; d < 15; d++) fieldCopy(ZS + d * FELT_BYTES, MULTIPLES + d * JAC_BYTES + 64);
  vecBatchInv(ZS, ZS, 15, ZS_SCRATCH);
  for (let d: usize = 0; d < 15; d++)
    jacToAffineWith(AFFINE_MULTIPLES + d * AFFINE_BYTES, MULTIPLES + d * JAC_BYTES, ZS + d * FELT_BYTES);
  jacInfinity(acc);
  for (let i = 63; i >= 0; i--) {
    if (!jacIsInfinity(acc)) {
      jacDouble(acc, acc);
      jacDouble(acc, acc);
      jacDouble(acc, acc);
      jacDouble(acc, acc);
    }
    const d = <usize>((load<u8>(m + <usize>(i >> 1)) >> ((<u8>(i & 1)) << 2)) & 0x0f);
    if (d !== 0) jacAddAffine(acc, acc, AFFINE_MULTIPLES + (d - 1) * AFFINE_BYTES);
  }
}

function loadAffine(dst: usize, src: usize): void {
  toMont(dst, src);
  toMont(dst + 32, src + 32);
}

function storeAffine(dst: usize, src: usize): void {
  fromMont(dst, src);
  fromMont(dst + 32, src + 32);
}

/**
 * ec_op: out = p + m·q for canonical affine p, q (64 bytes each; pInf / qInf mark infinity) and a
 * 256-bit scalar m. Returns 1 for a finite result, 0 for infinity, −1 when p or q is off the curve.
 */
export function ecMulAdd(out: usize, p: usize, pInf: bool, m: usize, q: usize, qInf: bool): i32 {
  if (!qInf) {
    loadAffine(QA, q);
    if (!onCurve(QA)) return -1;
    mulVar(ACC, m, QA);
  } else {
    jacInfinity(ACC);
  }
  if (!pInf) {
    loadAffine(PA, p);
    if (!onCurve(PA)) return -1;
    jacFromAffine(PJ, PA);
    jacAdd(ACC, ACC, PJ);
  }
  if (!jacToAffine(QA, ACC)) return 0;
  storeAffine(out, QA);
  return 1;
}

/**
 * ECDSA core: outX = x(u1·G + u2·Q) for canonical scalars u1, u2 < 2^252 and canonical affine Q.
 * Returns 1, 0 when the sum is infinity, −1 when Q is off the curve.
 */
export function ecdsaPoint(outX: usize, u1: usize, u2: usize, q: usize): i32 {
  loadAffine(QA, q);
  if (!onCurve(QA)) return -1;
  mulVar(ACC, u2, QA);
  ensureGeneratorTable();
  combAdd252(ACC, u1, gLow, G_BITS, gHigh);
  if (!jacToAffine(PA, ACC)) return 0;
  fromMont(outX, PA);
  return 1;
}

/** Builds the cached table of canonical affine point q in `slot`; returns 1, or −1 when q is off the curve. */
export function ecPointTable(slot: i32, q: usize): i32 {
  if (slot < 0 || slot >= POINT_SLOTS) return -1;
  loadAffine(QA, q);
  if (!onCurve(QA)) return -1;
  buildPointTable(slot, QA);
  return 1;
}

// acc += k·Q for k < 2^252 from a precomputed table: slot −1 is the generator's.
function fixedMulAdd(acc: usize, k: usize, slot: i32): void {
  if (slot < 0) {
    ensureGeneratorTable();
    combAdd252(acc, k, gLow, G_BITS, gHigh);
  } else {
    combAdd(acc, k, pointTable(slot), 252, POINT_BITS);
  }
}

/**
 * ec_op with Q given by its precomputed table (slot −1: the generator; else a cached point) and
 * m < 2^252. Same results as ecMulAdd: 1 finite, 0 infinity, −1 when p is off the curve.
 */
export function ecMulAddTable(out: usize, p: usize, pInf: bool, m: usize, slot: i32): i32 {
  jacInfinity(ACC);
  fixedMulAdd(ACC, m, slot);
  if (!pInf) {
    loadAffine(PA, p);
    if (!onCurve(PA)) return -1;
    jacAddAffine(ACC, ACC, PA);
  }
  if (!jacToAffine(QA, ACC)) return 0;
  storeAffine(out, QA);
  return 1;
}

/** ecdsaPoint with the public key given by its cached table: outX = x(u1·G + u2·Q); 1, or 0 at infinity. */
export function ecdsaPointTable(outX: usize, u1: usize, u2: usize, slot: i32): i32 {
  jacInfinity(ACC);
  fixedMulAdd(ACC, u2, slot);
  fixedMulAdd(ACC, u1, -1);
  if (!jacToAffine(PA, ACC)) return 0;
  fromMont(outX, PA);
  return 1;
}
