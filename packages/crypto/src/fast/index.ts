import { selectFastCrypto } from './auto.js';

export { autoCrypto, selectFastCrypto } from './auto.js';
export { type CryptoKernels, cryptoWasmModule, instantiateCryptoWasm } from './crypto-wasm.js';
export { FastCrypto } from './fast-crypto.js';
export { PEDERSEN_POINTS } from './pedersen-points.js';
export { createWasmCrypto } from './wasm-crypto.js';
export { getFastCrypto, getWasmCrypto } from './wasm-instance.js';

// Importing the package selects the fast backend (lazily loaded); the reference stays available.
selectFastCrypto();
