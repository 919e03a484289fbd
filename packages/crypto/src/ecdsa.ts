import * as scure from '@scure/starknet';
import { P } from '@starling/felt';
import { getCryptoBackend } from './active-backend.js';
import { type AffinePoint, CURVE_ORDER, recoverY } from './curve.js';
import { CryptoError } from './errors.js';

export interface Signature {
  readonly r: bigint;
  readonly s: bigint;
}

function checkPrivateKey(privateKey: bigint): void {
  if (typeof privateKey !== 'bigint' || privateKey <= 0n || privateKey >= CURVE_ORDER) {
    throw new CryptoError('INVALID_PRIVATE_KEY', 'private key must be in [1, curve order)');
  }
}

const HEX64 = (v: bigint) => v.toString(16).padStart(64, '0');

/** The Stark public key: the x-coordinate of privateKey·G. */
export function getPublicKey(privateKey: bigint): bigint {
  checkPrivateKey(privateKey);
  return BigInt(scure.getStarkKey(HEX64(privateKey)));
}

/** The full public key point privateKey·G. */
export function getPublicKeyPoint(privateKey: bigint): AffinePoint {
  checkPrivateKey(privateKey);
  const point = scure.Point.BASE.multiply(privateKey).toAffine();
  return { x: point.x, y: point.y };
}

/** Deterministic (RFC 6979) Stark-curve ECDSA signature of a message hash below 2^251. */
export function ecdsaSign(hash: bigint, privateKey: bigint): Signature {
  checkPrivateKey(privateKey);
  if (typeof hash !== 'bigint' || hash < 0n || hash >= 1n << 251n) {
    throw new CryptoError('INVALID_SIGNATURE_INPUT', 'message hash must be below 2^251');
  }
  const sig = scure.sign(HEX64(hash), HEX64(privateKey));
  return { r: sig.r, s: sig.s };
}

/**
 * Verifies a signature against a Stark public key given by its x-coordinate, as Cairo's
 * check_ecdsa_signature does: either of the two points with that x may be the key.
 */
export function ecdsaVerify(hash: bigint, r: bigint, s: bigint, publicKeyX: bigint): boolean {
  for (const v of [hash, r, s, publicKeyX]) {
    if (typeof v !== 'bigint' || v < 0n || v >= P) {
      throw new CryptoError('INVALID_SIGNATURE_INPUT', 'signature inputs must be field elements');
    }
  }
  let y: bigint;
  try {
    y = recoverY(publicKeyX);
  } catch {
    return false;
  }
  const backend = getCryptoBackend();
  return (
    backend.ecdsaVerifyPoint(hash, r, s, { x: publicKeyX, y }) ||
    backend.ecdsaVerifyPoint(hash, r, s, { x: publicKeyX, y: y === 0n ? 0n : P - y })
  );
}
