import { getCryptoBackend } from './active-backend.js';
import type { AffinePoint } from './curve.js';
import { CryptoError } from './errors.js';

/** P + m·Q through the active backend: what the ec_op builtin and signature checks compute. */
export function ecMulAdd(p: AffinePoint | null, m: bigint, q: AffinePoint | null): AffinePoint | null {
  if (typeof m !== 'bigint' || m < 0n)
    throw new CryptoError('INVALID_HASH_INPUT', 'scalar must be a non-negative bigint');
  return getCryptoBackend().ecMulAdd(p, m, q);
}
