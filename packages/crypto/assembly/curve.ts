// Stark-curve points (y² = x³ + x + β) in Jacobian coordinates over Montgomery-form felts.
// A Jacobian point is 96 bytes (X, Y, Z; x = X/Z², y = Y/Z³; Z = 0 is infinity); an affine one is 64 (x, y).
import {
  fieldAdd,
  fieldCopy,
  fieldEq,
  fieldInv,
  fieldIsZero,
  fieldOne,
  fieldSub,
  fieldZero,
  montMul,
  montSqr,
  toMont,
} from '../../felt/assembly/field';

export const JAC_BYTES: usize = 96;
export const AFFINE_BYTES: usize = 64;

// Temporaries (the module is single-threaded and none of these functions recurse into another's).
const XX = memory.data(32, 32);
const YY = memory.data(32, 32);
const ZZ = memory.data(32, 32);
const S = memory.data(32, 32);
const M = memory.data(32, 32);
const T = memory.data(32, 32);
const U = memory.data(32, 32);
const V = memory.data(32, 32);
const W = memory.data(32, 32);
const H = memory.data(32, 32);
const RR = memory.data(32, 32);
const X3 = memory.data(32, 32);
const Y3 = memory.data(32, 32);
const Z3 = memory.data(32, 32);

function dbl(r: usize, a: usize): void {
  fieldAdd(r, a, a);
}

function store3(r: usize): void {
  fieldCopy(r, X3);
  fieldCopy(r + 32, Y3);
  fieldCopy(r + 64, Z3);
}

/** r = infinity. */
export function jacInfinity(r: usize): void {
  fieldOne(r);
  fieldOne(r + 32);
  fieldZero(r + 64);
}

export function jacIsInfinity(p: usize): bool {
  return fieldIsZero(p + 64);
}

/** r = (x, y, 1). */
export function jacFromAffine(r: usize, a: usize): void {
  fieldCopy(r, a);
  fieldCopy(r + 32, a + 32);
  fieldOne(r + 64);
}

/** r = 2·p (dbl-2007-bl with a = 1: 1M + 8S). Infinity stays infinity (Z3 = 0). */
export function jacDouble(r: usize, p: usize): void {
  const x = p;
  const y = p + 32;
  const z = p + 64;
  montSqr(XX, x);
  montSqr(YY, y);
  montSqr(U, YY); // YYYY
  montSqr(ZZ, z);
  // S = 2·((X + YY)² − XX − YYYY)
  fieldAdd(S, x, YY);
  montSqr(S, S);
  fieldSub(S, S, XX);
  fieldSub(S, S, U);
  dbl(S, S);
  // M = 3·XX + ZZ²
  montSqr(M, ZZ);
  fieldAdd(M, M, XX);
  dbl(T, XX);
  fieldAdd(M, M, T);
  // X3 = M² − 2S; Y3 = M·(S − X3) − 8·YYYY; Z3 = (Y + Z)² − YY − ZZ
  montSqr(X3, M);
  dbl(T, S);
  fieldSub(X3, X3, T);
  fieldSub(T, S, X3);
  montMul(Y3, M, T);
  dbl(U, U);
  dbl(U, U);
  dbl(U, U);
  fieldSub(Y3, Y3, U);
  fieldAdd(Z3, y, z);
  montSqr(Z3, Z3);
  fieldSub(Z3, Z3, YY);
  fieldSub(Z3, Z3, ZZ);
  store3(r);
}

/** r = p + q for affine q (madd-2007-bl), with the doubling and opposite-point cases handled. */
export function jacAddAffine(r: usize, p: usize, q: usize): void {
  if (jacIsInfinity(p)) {
    jacFromAffine(r, q);
    return;
  }
  const x1 = p;
  const y1 = p + 32;
  const z1 = p + 64;
  montSqr(ZZ, z1); // Z1Z1
  montMul(U, q, ZZ); // U2
  montMul(S, q + 32, z1);
  montMul(S, S, ZZ); // S2
  fieldSub(H, U, x1);
  fieldSub(RR, S, y1);
  if (fieldIsZero(H)) {
    if (fieldIsZero(RR)) jacDouble(r, p);
    else jacInfinity(r);
    return;
  }
  dbl(RR, RR);
  montSqr(XX, H); // HH
  dbl(T, XX);
  dbl(T, T); // I = 4·HH
  montMul(W, H, T); // J
  montMul(V, x1, T); // V
  // X3 = rr² − J − 2V
  montSqr(X3, RR);
  fieldSub(X3, X3, W);
  dbl(T, V);
  fieldSub(X3, X3, T);
  // Y3 = rr·(V − X3) − 2·Y1·J
  fieldSub(T, V, X3);
  montMul(Y3, RR, T);
  montMul(T, y1, W);
  dbl(T, T);
  fieldSub(Y3, Y3, T);
  // Z3 = (Z1 + H)² − Z1Z1 − HH
  fieldAdd(Z3, z1, H);
  montSqr(Z3, Z3);
  fieldSub(Z3, Z3, ZZ);
  fieldSub(Z3, Z3, XX);
  store3(r);
}

const Z2Z2 = memory.data(32, 32);
const U1 = memory.data(32, 32);
const S1 = memory.data(32, 32);

/** r = p + q for Jacobian p, q (add-2007-bl), every special case handled. */
export function jacAdd(r: usize, p: usize, q: usize): void {
  if (jacIsInfinity(p)) {
    fieldCopy(r, q);
    fieldCopy(r + 32, q + 32);
    fieldCopy(r + 64, q + 64);
    return;
  }
  if (jacIsInfinity(q)) {
    fieldCopy(r, p);
    fieldCopy(r + 32, p + 32);
    fieldCopy(r + 64, p + 64);
    return;
  }
  montSqr(ZZ, p + 64); // Z1Z1
  montSqr(Z2Z2, q + 64);
  montMul(U1, p, Z2Z2);
  montMul(U, q, ZZ); // U2
  montMul(S1, p + 32, q + 64);
  montMul(S1, S1, Z2Z2);
  montMul(S, q + 32, p + 64);
  montMul(S, S, ZZ); // S2
  fieldSub(H, U, U1);
  fieldSub(RR, S, S1);
  if (fieldIsZero(H)) {
    if (fieldIsZero(RR)) jacDouble(r, p);
    else jacInfinity(r);
    return;
  }
  dbl(RR, RR);
  dbl(T, H);
  montSqr(T, T); // I
  montMul(W, H, T); // J
  montMul(V, U1, T); // V
  montSqr(X3, RR);
  fieldSub(X3, X3, W);
  dbl(T, V);
  fieldSub(X3, X3, T);
  fieldSub(T, V, X3);
  montMul(Y3, RR, T);
  montMul(T, S1, W);
  dbl(T, T);
  fieldSub(Y3, Y3, T);
  // Z3 = ((Z1 + Z2)² − Z1Z1 − Z2Z2)·H
  fieldAdd(Z3, p + 64, q + 64);
  montSqr(Z3, Z3);
  fieldSub(Z3, Z3, ZZ);
  fieldSub(Z3, Z3, Z2Z2);
  montMul(Z3, Z3, H);
  store3(r);
}

const ZI = memory.data(32, 32);
const ZI2 = memory.data(32, 32);

/** r = affine form of p; returns false (r untouched) for infinity. */
export function jacToAffine(r: usize, p: usize): bool {
  if (jacIsInfinity(p)) return false;
  fieldInv(ZI, p + 64);
  montSqr(ZI2, ZI);
  montMul(r, p, ZI2);
  montMul(ZI2, ZI2, ZI);
  montMul(r + 32, p + 32, ZI2);
  return true;
}

/** r = affine p given zInv = 1/Z (for batch normalisation). */
export function jacToAffineWith(r: usize, p: usize, zInv: usize): void {
  montSqr(ZI2, zInv);
  montMul(r, p, ZI2);
  montMul(ZI2, ZI2, zInv);
  montMul(r + 32, p + 32, ZI2);
}

const BETA = memory.data<u32>([
  0x9cee9e89, 0xf4cdfcb9, 0x15c915c1, 0x609ad26c, 0x72f7a8c5, 0x150e596d, 0xefbe40de, 0x06f21413,
]);
const BETA_M = memory.data(32, 32);
let betaReady = false;

/** True when affine (Montgomery-form) a satisfies y² = x³ + x + β. */
export function onCurve(a: usize): bool {
  if (!betaReady) {
    toMont(BETA_M, BETA);
    betaReady = true;
  }
  montSqr(T, a);
  montMul(T, T, a);
  fieldAdd(T, T, a);
  fieldAdd(T, T, BETA_M);
  montSqr(U, a + 32);
  return fieldEq(T, U);
}
