import { getCryptoBackend, setCryptoBackend } from '../active-backend.js';
import type { CryptoBackend } from '../backend.js';
import { pedersenManyViaBigints } from '../felt-bytes.js';
import { referenceCrypto } from '../reference-backend.js';
import { getWasmCrypto } from './wasm-instance.js';

function impl(): CryptoBackend {
  return getWasmCrypto() ?? referenceCrypto;
}

/**
 * The automatic backend: crypto.wasm, instantiated on first use in each thread (tables take a few tens
 * of milliseconds), or the reference when the module is not built or cannot load.
 */
export const autoCrypto: CryptoBackend = {
  get name() {
    return impl().name;
  },
  pedersen: (a, b) => impl().pedersen(a, b),
  pedersenMany: (a, b) => impl().pedersenMany(a, b),
  pedersenManyBytes: (a, b, out) => {
    const backend = impl();
    if (backend.pedersenManyBytes) backend.pedersenManyBytes(a, b, out);
    else pedersenManyViaBigints(backend, a, b, out);
  },
  poseidon: (a, b) => impl().poseidon(a, b),
  poseidonMany: (a, b) => impl().poseidonMany(a, b),
  poseidonArray: (values) => impl().poseidonArray(values),
  poseidonPermute: (state) => impl().poseidonPermute(state),
  ecdsaVerifyPoint: (hash, r, s, publicKey) => impl().ecdsaVerifyPoint(hash, r, s, publicKey),
  ecMulAdd: (p, m, q) => impl().ecMulAdd(p, m, q),
};

/** Makes the automatic backend active unless STARLING_CRYPTO_BACKEND=reference; returns whether it did. */
export function selectFastCrypto(): boolean {
  if (process.env.STARLING_CRYPTO_BACKEND === 'reference') return false;
  if (getCryptoBackend() !== referenceCrypto) return false;
  setCryptoBackend(autoCrypto);
  return true;
}
