import { P } from '@starling/felt';
import { getCryptoBackend } from './active-backend.js';
import { CryptoError } from './errors.js';
import { checkFeltBytes, pedersenManyViaBigints } from './felt-bytes.js';

function checkFelt(value: bigint, what: string): void {
  if (typeof value !== 'bigint' || value < 0n || value >= P) {
    throw new CryptoError('INVALID_HASH_INPUT', `${what} is not a field element`, { value: String(value) });
  }
}

function checkFelts(values: readonly bigint[], what: string): void {
  for (let i = 0; i < values.length; i++) checkFelt(values[i]!, `${what}[${i}]`);
}

/** The Starknet Pedersen hash of two felts. */
export function pedersen(a: bigint, b: bigint): bigint {
  checkFelt(a, 'pedersen input a');
  checkFelt(b, 'pedersen input b');
  return getCryptoBackend().pedersen(a, b);
}

/** out[i] = pedersen(a[i], b[i]), in one backend call. */
export function pedersenMany(a: readonly bigint[], b: readonly bigint[]): bigint[] {
  if (a.length !== b.length)
    throw new CryptoError('INVALID_HASH_INPUT', 'pedersenMany: inputs differ in length');
  checkFelts(a, 'pedersenMany a');
  checkFelts(b, 'pedersenMany b');
  return getCryptoBackend().pedersenMany(a, b);
}

/**
 * out = pedersenMany of felts given as bytes: a and b hold n felts each as 32-byte big-endian words,
 * out gets the n hashes in the same form. For callers that keep felts as bytes (no bigints at all).
 */
export function pedersenManyBytes(a: Uint8Array, b: Uint8Array, out: Uint8Array): void {
  if (a.length % 32 !== 0 || a.length !== b.length || out.length < a.length)
    throw new CryptoError('INVALID_HASH_INPUT', 'pedersenManyBytes: inputs are not n 32-byte words each');
  checkFeltBytes(a, 'pedersenManyBytes a');
  checkFeltBytes(b, 'pedersenManyBytes b');
  const backend = getCryptoBackend();
  if (backend.pedersenManyBytes) backend.pedersenManyBytes(a, b, out);
  else pedersenManyViaBigints(backend, a, b, out);
}

/** compute_hash_on_elements: h = 0, h = ped(h, e) for each element, then ped(h, n). */
export function pedersenArray(values: readonly bigint[]): bigint {
  checkFelts(values, 'pedersenArray');
  const backend = getCryptoBackend();
  let h = 0n;
  for (const v of values) h = backend.pedersen(h, v);
  return backend.pedersen(h, BigInt(values.length));
}

/** The two-input Poseidon hash: permute([a, b, 2])[0]. Not equal to poseidonArray([a, b]). */
export function poseidon(a: bigint, b: bigint): bigint {
  checkFelt(a, 'poseidon input a');
  checkFelt(b, 'poseidon input b');
  return getCryptoBackend().poseidon(a, b);
}

/** out[i] = poseidon(a[i], b[i]), in one backend call. */
export function poseidonMany(a: readonly bigint[], b: readonly bigint[]): bigint[] {
  if (a.length !== b.length)
    throw new CryptoError('INVALID_HASH_INPUT', 'poseidonMany: inputs differ in length');
  checkFelts(a, 'poseidonMany a');
  checkFelts(b, 'poseidonMany b');
  return getCryptoBackend().poseidonMany(a, b);
}

/** The Poseidon sponge over any number of felts (rate 2, with padding). */
export function poseidonArray(values: readonly bigint[]): bigint {
  checkFelts(values, 'poseidonArray');
  return getCryptoBackend().poseidonArray(values);
}

/** The Hades permutation of a width-3 state (what the poseidon builtin computes). */
export function poseidonPermute(state: readonly [bigint, bigint, bigint]): [bigint, bigint, bigint] {
  if (state.length !== 3) throw new CryptoError('INVALID_HASH_INPUT', 'poseidon state must have 3 elements');
  checkFelts(state, 'poseidon state');
  return getCryptoBackend().poseidonPermute(state);
}
