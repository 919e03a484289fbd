import { trySqrt as feltTrySqrt } from '@starling/felt';

// Square roots are pure and the same inputs recur: RandomEcPoint draws the same pseudo-random
// sequence in every run (its seed is fixed per run) and an account's public key is checked in every
// transaction. A bounded memo turns those repeats into lookups.
const MEMO_LIMIT = 4096;
const memo = new Map<bigint, bigint | null>();

/**
 * The smaller square root of a felt in [0, P), or undefined for a non-residue. The root search
 * itself decides residuosity, so no separate Legendre exponentiation is needed.
 */
export function trySqrt(a: bigint): bigint | undefined {
  const hit = memo.get(a);
  if (hit !== undefined) return hit ?? undefined;
  // felt.wasm's windowed discrete log when it loads, BigInt Tonelli-Shanks otherwise.
  const r = feltTrySqrt(a);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(a, r);
  return r ?? undefined;
}
