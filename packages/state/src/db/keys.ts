import { wordBytes } from '../trie/node.js';

/** Big-endian 8-byte block number (sorts numerically). */
export function u64(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n));
  return out;
}

/** Big-endian 4-byte index. */
export function u32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

/** Reads a big-endian u64 at `offset`. */
export function readU64(bytes: Uint8Array, offset: number): number {
  return Number(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(offset));
}

/** Reads a big-endian u32 at `offset`. */
export function readU32(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset);
}

/** Concatenates key parts; bigints become 32-byte words. */
export function key(...parts: (Uint8Array | bigint)[]): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'bigint' ? wordBytes(p) : p)));
}

/** A felt with leading zero bytes stripped (values in history tables). */
export function compactWord(value: bigint): Uint8Array {
  if (value === 0n) return new Uint8Array(0);
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

/** Inverse of compactWord. */
export function readCompact(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  return BigInt(`0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`);
}

/** The block part of a trie-node key. */
export function nodeKeyPrefix(block: number): Buffer {
  const out = Buffer.allocUnsafe(4);
  out.writeUInt32BE(block);
  return out;
}

/** Trie-node key: block (u32) ‖ hash. */
export function nodeKey(prefix: Buffer, hash: bigint): Buffer {
  return nodeKeyHex(prefix, hash.toString(16).padStart(64, '0'));
}

/** nodeKey from the hash as 64 hex digits. */
export function nodeKeyHex(prefix: Buffer, hex64: string): Buffer {
  const out = Buffer.allocUnsafe(36);
  prefix.copy(out, 0);
  out.write(hex64, 4, 32, 'hex');
  return out;
}
