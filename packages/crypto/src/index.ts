export { getCryptoBackend, setCryptoBackend } from './active-backend.js';
export type { CryptoBackend } from './backend.js';
export {
  type AffinePoint,
  CURVE_ORDER,
  ecAdd,
  ecDouble,
  ecMul,
  GENERATOR,
  isOnCurve,
  PEDERSEN_SHIFT_POINT,
  recoverY,
  STARK_ALPHA,
  STARK_BETA,
} from './curve.js';
export { ecMulAdd } from './ec-op.js';
export { ecdsaSign, ecdsaVerify, getPublicKey, getPublicKeyPoint, type Signature } from './ecdsa.js';
export { CryptoError, type CryptoErrorCode } from './errors.js';
export * from './fast/index.js';
export {
  pedersen,
  pedersenArray,
  pedersenMany,
  pedersenManyBytes,
  poseidon,
  poseidonArray,
  poseidonMany,
  poseidonPermute,
} from './hashes.js';
export { blake2s256, blake2sFelts, bytesToBigIntBE, keccak256, snKeccak } from './keccak.js';
export { referenceCrypto } from './reference-backend.js';
