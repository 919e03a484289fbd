import type { CryptoBackend } from '../backend.js';
import { FastCrypto } from './fast-crypto.js';

/** A CryptoBackend on crypto.wasm. */
export function createWasmCrypto(fast: FastCrypto = new FastCrypto()): CryptoBackend {
  return {
    name: 'wasm',
    pedersen: (a, b) => fast.pedersen(a, b),
    pedersenMany: (a, b) => fast.pedersenMany(a, b),
    pedersenManyBytes: (a, b, out) => fast.pedersenManyBytes(a, b, out),
    poseidon: (a, b) => fast.poseidon(a, b),
    poseidonMany: (a, b) => fast.poseidonMany(a, b),
    poseidonArray: (values) => fast.poseidonArray(values),
    poseidonPermute: (state) => fast.poseidonPermute(state),
    ecdsaVerifyPoint: (hash, r, s, publicKey) => fast.ecdsaVerifyPoint(hash, r, s, publicKey),
    ecMulAdd: (p, m, q) => fast.ecMulAdd(p, m, q),
  };
}
