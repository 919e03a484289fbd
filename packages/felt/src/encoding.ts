import { FeltError } from './errors.js';
import { P } from './field.js';

/** Anything that can be read as a felt: a bigint, a safe non-negative integer, or a hex / decimal string. */
export type FeltInput = bigint | number | string;

const HEX_RE = /^0x[0-9a-fA-F]+$/;
const DEC_RE = /^[0-9]+$/;

/** Reads a felt strictly: malformed text, negative values and values ≥ p are typed errors, never wrapped. */
export function toFelt(input: FeltInput): bigint {
  const value = toBigIntStrict(input);
  if (value >= P)
    throw new FeltError('FELT_OUT_OF_RANGE', `value ${describe(input)} is not below the field prime`);
  return value;
}

/** Reads a non-negative integer of any size (u256 halves, nonces, …) with the same strict rules, without the p bound. */
export function toBigIntStrict(input: FeltInput): bigint {
  if (typeof input === 'bigint') {
    if (input < 0n) throw new FeltError('NEGATIVE_VALUE', `negative value ${input}`);
    return input;
  }
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input))
      throw new FeltError('INVALID_FELT_INPUT', `not a safe integer: ${input}`);
    if (input < 0) throw new FeltError('NEGATIVE_VALUE', `negative value ${input}`);
    return BigInt(input);
  }
  if (typeof input !== 'string') {
    throw new FeltError('INVALID_FELT_INPUT', `expected a bigint, number or string, got ${typeof input}`);
  }
  if (input.startsWith('-')) throw new FeltError('NEGATIVE_VALUE', `negative value ${input}`);
  if (HEX_RE.test(input) || DEC_RE.test(input)) return BigInt(input);
  throw new FeltError('INVALID_FELT_INPUT', `malformed number ${JSON.stringify(input.slice(0, 80))}`);
}

function describe(input: FeltInput): string {
  return typeof input === 'string' ? JSON.stringify(input.slice(0, 80)) : String(input);
}

/** Minimal lowercase 0x-prefixed hex, as the RPC writes felts. */
export function toHex(value: bigint): string {
  return `0x${value.toString(16)}`;
}

/** 0x-prefixed hex padded to 64 digits. */
export function toHex64(value: bigint): string {
  return `0x${value.toString(16).padStart(64, '0')}`;
}

/** 32-byte big-endian encoding. */
export function toBytes32(value: bigint): Uint8Array {
  if (value < 0n || value >= 1n << 256n)
    throw new FeltError('FELT_OUT_OF_RANGE', 'value does not fit in 32 bytes');
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return out;
}

/** Big-endian bytes (at most 32) to an integer; `asFelt` additionally requires the value to be below p. */
export function fromBytes(bytes: Uint8Array, asFelt = true): bigint {
  if (bytes.length > 32)
    throw new FeltError('INVALID_LENGTH', `expected at most 32 bytes, got ${bytes.length}`);
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  if (asFelt && v >= P)
    throw new FeltError('FELT_OUT_OF_RANGE', 'bytes encode a value not below the field prime');
  return v;
}

/** Encodes an ASCII string of at most 31 characters as a felt (big-endian bytes). */
export function encodeShortString(text: string): bigint {
  if (text.length > 31)
    throw new FeltError('INVALID_SHORT_STRING', `short string longer than 31 characters: ${text.length}`);
  let v = 0n;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) throw new FeltError('INVALID_SHORT_STRING', `non-ASCII character at ${i}`);
    v = (v << 8n) | BigInt(c);
  }
  return v;
}

/** Decodes a felt as a short string (leading zero bytes dropped); non-ASCII bytes are an error. */
export function decodeShortString(value: bigint): string {
  if (value < 0n || value >= P) throw new FeltError('FELT_OUT_OF_RANGE', 'short string value is not a felt');
  let s = '';
  while (value > 0n) {
    const c = Number(value & 0xffn);
    if (c > 0x7f) throw new FeltError('INVALID_SHORT_STRING', 'felt does not encode an ASCII string');
    s = String.fromCharCode(c) + s;
    value >>= 8n;
  }
  return s;
}

const U128 = 1n << 128n;

/** Splits a u256 into its low and high 128-bit halves (the Cairo u256 layout). */
export function splitU256(value: bigint): { low: bigint; high: bigint } {
  if (value < 0n || value >= 1n << 256n) throw new FeltError('FELT_OUT_OF_RANGE', 'value is not a u256');
  return { low: value & (U128 - 1n), high: value >> 128n };
}

/** Joins 128-bit halves into a u256; each half must be below 2^128. */
export function joinU256(low: bigint, high: bigint): bigint {
  if (low < 0n || low >= U128 || high < 0n || high >= U128) {
    throw new FeltError('FELT_OUT_OF_RANGE', 'u256 halves must be below 2^128');
  }
  return (high << 128n) | low;
}

const HALF_P = P >> 1n;

/** Signed reading of a felt: values above (p−1)/2 are negative. */
export function toSigned(value: bigint): bigint {
  return value > HALF_P ? value - P : value;
}

/** Felt representing a signed integer in (−p/2, p/2]. */
export function fromSigned(value: bigint): bigint {
  if (value > HALF_P || value < -HALF_P)
    throw new FeltError('FELT_OUT_OF_RANGE', 'signed value out of the felt range');
  return value < 0n ? value + P : value;
}

/** Contract addresses are reduced modulo 2^251 − 256 when computed from a hash. */
export const ADDRESS_BOUND = (1n << 251n) - 256n;
/** Storage keys and addresses must be below 2^251 (the Patricia key range). */
export const PATRICIA_KEY_BOUND = 1n << 251n;

/** Reads a contract address or storage key, which must be below 2^251. */
export function toPatriciaKey(input: FeltInput): bigint {
  const v = toFelt(input);
  if (v >= PATRICIA_KEY_BOUND)
    throw new FeltError('FELT_OUT_OF_RANGE', `key ${describe(input)} is not below 2^251`);
  return v;
}

/** Reduces a hash into the contract-address range. */
export function addressFromHash(hash: bigint): bigint {
  return hash % ADDRESS_BOUND;
}
