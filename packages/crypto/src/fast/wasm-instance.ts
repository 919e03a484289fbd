import type { CryptoBackend } from '../backend.js';
import { FastCrypto } from './fast-crypto.js';
import { createWasmCrypto } from './wasm-crypto.js';

let shared: FastCrypto | null | undefined;

/** This thread's FastCrypto instance, or null when crypto.wasm is not built or cannot load. */
export function getFastCrypto(): FastCrypto | null {
  if (shared === undefined) {
    try {
      shared = new FastCrypto();
    } catch {
      shared = null;
    }
  }
  return shared;
}

let wasmBackend: CryptoBackend | null | undefined;

/** The WASM CryptoBackend of this thread, or null when it cannot load. */
export function getWasmCrypto(): CryptoBackend | null {
  if (wasmBackend === undefined) {
    const fast = getFastCrypto();
    wasmBackend = fast ? createWasmCrypto(fast) : null;
  }
  return wasmBackend;
}
