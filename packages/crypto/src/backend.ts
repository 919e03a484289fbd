import type { AffinePoint } from './curve.js';

/** The hash and signature kernels that a faster backend (WASM) can replace. All values are felts. */
export interface CryptoBackend {
  readonly name: string;
  pedersen(a: bigint, b: bigint): bigint;
  /** Pedersen of many pairs: out[i] = pedersen(a[i], b[i]). */
  pedersenMany(a: readonly bigint[], b: readonly bigint[]): bigint[];
  /**
   * pedersenMany on bytes, for callers that keep felts as bytes: a and b hold n felts each as 32-byte
   * big-endian words (checked below p); the n hashes go to out in the same form. Optional.
   */
  pedersenManyBytes?(a: Uint8Array, b: Uint8Array, out: Uint8Array): void;
  poseidon(a: bigint, b: bigint): bigint;
  /** Two-input Poseidon of many pairs: out[i] = poseidon(a[i], b[i]). */
  poseidonMany(a: readonly bigint[], b: readonly bigint[]): bigint[];
  poseidonArray(values: readonly bigint[]): bigint;
  poseidonPermute(state: readonly [bigint, bigint, bigint]): [bigint, bigint, bigint];
  /** Verifies a Stark-curve ECDSA signature against a full public key point. */
  ecdsaVerifyPoint(hash: bigint, r: bigint, s: bigint, publicKey: AffinePoint): boolean;
  ecMulAdd(p: AffinePoint | null, m: bigint, q: AffinePoint | null): AffinePoint | null;
}
