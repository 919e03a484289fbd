import { FeltError, P, sqrt } from '@starling/felt';
import { wasmSqrt } from './wasm-sqrt.js';

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
  let r = a === 0n ? 0n : a > 0n && a < P ? wasmSqrt(a) : undefined;
  if (r === undefined) {
    try {
      r = sqrt(a);
    } catch (e) {
      if (!(e instanceof FeltError && e.code === 'NOT_A_SQUARE')) throw e;
      r = null;
    }
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(a, r);
  return r ?? undefined;
}
