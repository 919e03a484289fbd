// Stark252 field elements in Montgomery form (x·2^256 mod p), 8 little-endian u32 limbs at a pointer.
import { fieldAdd, fieldSub, montCube, montMul, montMulVec, montSqr } from './generated/mont';
import { fieldInvBinary } from './inverse';

export { fieldAdd, fieldSub, montCube, montMul, montMulVec, montSqr };

/** Size of one element in bytes. */
export const FELT_BYTES: usize = 32;

// R² mod p (to enter Montgomery form) and 1 (to leave it).
const R2: usize = memory.data<u32>([
  0x7e000401, 0xfffffd73, 0x330fffff, 0x00000001, 0xff6f8000, 0xffffffff, 0x5e008810, 0x07ffd4ab,
]);
const PLAIN_ONE: usize = memory.data<u32>([1, 0, 0, 0, 0, 0, 0, 0]);
// R mod p: the Montgomery form of 1.
const MONT_ONE: usize = memory.data<u32>([
  0xffffffe1, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xfffffdf0, 0x07ffffff,
]);
// Scratch elements for the helpers below (the module is single-threaded).
const T1: usize = memory.data(32, 32);
const T2: usize = memory.data(32, 32);

/** r = a. */
export function fieldCopy(r: usize, a: usize): void {
  store<u64>(r, load<u64>(a, 0), 0);
  store<u64>(r, load<u64>(a, 8), 8);
  store<u64>(r, load<u64>(a, 16), 16);
  store<u64>(r, load<u64>(a, 24), 24);
}

/** r = 0. */
export function fieldZero(r: usize): void {
  store<u64>(r, 0, 0);
  store<u64>(r, 0, 8);
  store<u64>(r, 0, 16);
  store<u64>(r, 0, 24);
}

/** r = 1 in Montgomery form. */
export function fieldOne(r: usize): void {
  fieldCopy(r, MONT_ONE);
}

/** True when a is zero (Montgomery form of 0 is 0). */
export function fieldIsZero(a: usize): bool {
  return (load<u64>(a, 0) | load<u64>(a, 8) | load<u64>(a, 16) | load<u64>(a, 24)) === 0;
}

/** True when a == b. */
export function fieldEq(a: usize, b: usize): bool {
  return (
    load<u64>(a, 0) === load<u64>(b, 0) &&
    load<u64>(a, 8) === load<u64>(b, 8) &&
    load<u64>(a, 16) === load<u64>(b, 16) &&
    load<u64>(a, 24) === load<u64>(b, 24)
  );
}

/** r = −a. */
export function fieldNeg(r: usize, a: usize): void {
  fieldZero(T1);
  fieldSub(r, T1, a);
}

/** r = a·R (canonical → Montgomery). */
export function toMont(r: usize, a: usize): void {
  montMul(r, a, R2);
}

/** r = a/R (Montgomery → canonical). */
export function fromMont(r: usize, a: usize): void {
  montMul(r, a, PLAIN_ONE);
}

function sqrN(r: usize, n: i32): void {
  for (let i = 0; i < n; i++) montSqr(r, r);
}

/** r = a^−1 (0 maps to 0): the binary extended Euclidean algorithm. */
export function fieldInv(r: usize, a: usize): void {
  fieldInvBinary(r, a);
}

/**
 * r = a^(p−2) = a^−1 by Fermat (0 maps to 0), kept as an independent cross-check. p − 2 = (2^59 + 16)·2^192 + 2^192 − 1, so the chain builds
 * x_k = a^(2^k − 1) for k = 1, 2, …, 128 and folds in y = a^(2^59 + 16): 378 squarings, 10 products.
 */
export function fieldInvFermat(r: usize, a: usize): void {
  const x64 = memory.data(32, 32);
  const x128 = memory.data(32, 32);
  const y = memory.data(32, 32);
  // x128 chain; x64 kept.
  fieldCopy(x128, a);
  for (let k = 1; k < 128; k <<= 1) {
    fieldCopy(T2, x128);
    sqrN(T2, k);
    montMul(x128, T2, x128);
    if (k === 32) fieldCopy(x64, x128);
  }
  // y = a^(2^59 + 16) = (a^16)^(2^55) · a^16.
  fieldCopy(T2, a);
  sqrN(T2, 4);
  fieldCopy(y, T2);
  sqrN(y, 55);
  montMul(y, y, T2);
  // v = y^(2^64)·x64; result = v^(2^128)·x128.
  sqrN(y, 64);
  montMul(y, y, x64);
  sqrN(y, 128);
  montMul(r, y, x128);
}

/** r = a^e for an exponent of `words` little-endian u64 words at e (square-and-multiply). */
export function fieldPow(r: usize, a: usize, e: usize, words: i32): void {
  fieldCopy(T2, a);
  fieldOne(r);
  for (let w = words - 1; w >= 0; w--) {
    const word = load<u64>(e + ((<usize>w) << 3));
    for (let bit = 63; bit >= 0; bit--) {
      montSqr(r, r);
      if ((word >> <u64>bit) & 1) montMul(r, r, T2);
    }
  }
}
