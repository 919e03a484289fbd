import { blake2s } from '@noble/hashes/blake2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { P } from '@starling/felt';
import { CryptoError } from './errors.js';

/** Keccak-256 (the Ethereum variant, not SHA3-256). */
export function keccak256(data: Uint8Array): Uint8Array {
  return keccak_256(data);
}

const MASK_250 = (1n << 250n) - 1n;

/** sn_keccak: Keccak-256 with the top 6 bits cleared, as a felt. */
export function snKeccak(data: Uint8Array): bigint {
  return bytesToBigIntBE(keccak_256(data)) & MASK_250;
}

/** Unkeyed BLAKE2s-256. */
export function blake2s256(data: Uint8Array): Uint8Array {
  return blake2s(data);
}

const TWO_63 = 1n << 63n;
const TWO_255 = 1n << 255n;

/**
 * Blake2Felt252 (compiled class hash v2): felts below 2^63 become two u32 words, others eight
 * big-endian words of x + 2^255; words are serialized little-endian, hashed with BLAKE2s, and the
 * digest is read little-endian modulo p.
 */
export function blake2sFelts(values: readonly bigint[]): bigint {
  const words: number[] = [];
  for (const x of values) {
    if (typeof x !== 'bigint' || x < 0n || x >= P) {
      throw new CryptoError('INVALID_HASH_INPUT', 'blake2sFelts input is not a field element', {
        value: String(x),
      });
    }
    if (x < TWO_63) {
      words.push(Number(x >> 32n), Number(x & 0xffffffffn));
    } else {
      const v = x + TWO_255;
      for (let i = 7; i >= 0; i--) words.push(Number((v >> BigInt(32 * i)) & 0xffffffffn));
    }
  }
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < words.length; i++) view.setUint32(i * 4, words[i]!, true);
  const digest = blake2s(bytes);
  let v = 0n;
  for (let i = digest.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(digest[i]!);
  return v % P;
}

export function bytesToBigIntBE(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}
