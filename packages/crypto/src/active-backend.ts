import type { CryptoBackend } from './backend.js';
import { referenceCrypto } from './reference-backend.js';

let active: CryptoBackend = referenceCrypto;

/** The backend every hash and signature function dispatches to. */
export function getCryptoBackend(): CryptoBackend {
  return active;
}

/** Replaces the active backend (a faster kernel, or the reference for differential tests). */
export function setCryptoBackend(backend: CryptoBackend): void {
  active = backend;
}
