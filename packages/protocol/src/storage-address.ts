import { pedersen, snKeccak } from '@starling/crypto';
import { ADDRESS_BOUND } from '@starling/felt';

const encoder = new TextEncoder();

/** Storage key of a storage variable: sn_keccak(name) folded with pedersen over the keys, mod 2^251 − 256. */
export function getStorageVarAddress(name: string, ...keys: bigint[]): bigint {
  let acc = snKeccak(encoder.encode(name));
  for (const k of keys) acc = pedersen(acc, k);
  return acc % ADDRESS_BOUND;
}
