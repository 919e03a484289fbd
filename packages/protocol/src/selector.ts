import { snKeccak } from '@starling/crypto';

const encoder = new TextEncoder();

/** Entry-point selector: sn_keccak of the ASCII name; `__default__` and `__l1_default__` map to 0. */
export function getSelectorFromName(name: string): bigint {
  if (name === '__default__' || name === '__l1_default__') return 0n;
  return snKeccak(encoder.encode(name));
}
