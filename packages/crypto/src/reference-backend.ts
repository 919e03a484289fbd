import * as scure from '@scure/starknet';
import type { CryptoBackend } from './backend.js';
import { type AffinePoint, ecMulAdd } from './curve.js';

const HEX64 = (v: bigint) => v.toString(16).padStart(64, '0');

function pedersen(a: bigint, b: bigint): bigint {
  return BigInt(scure.pedersen(a, b));
}

function poseidonPermute(state: readonly [bigint, bigint, bigint]): [bigint, bigint, bigint] {
  const out = scure.poseidonSmall([state[0], state[1], state[2]]);
  return [out[0]!, out[1]!, out[2]!];
}

function ecdsaVerifyPoint(hash: bigint, r: bigint, s: bigint, publicKey: AffinePoint): boolean {
  try {
    const sig = new scure.Signature(r, s);
    return scure.verify(sig, HEX64(hash), `04${HEX64(publicKey.x)}${HEX64(publicKey.y)}`);
  } catch {
    // Out-of-range r, s or hash: the signature does not verify.
    return false;
  }
}

/** The reference backend: @scure/starknet (audited, BigInt), kept for differential tests. */
export const referenceCrypto: CryptoBackend = {
  name: 'reference',
  pedersen,
  pedersenMany: (a, b) => a.map((x, i) => pedersen(x, b[i]!)),
  poseidon: (a, b) => scure.poseidonHash(a, b),
  poseidonMany: (a, b) => a.map((x, i) => scure.poseidonHash(x, b[i]!)),
  poseidonArray: (values) => scure.poseidonHashMany([...values]),
  poseidonPermute,
  ecdsaVerifyPoint,
  ecMulAdd,
};
