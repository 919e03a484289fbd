import { StateError } from '../errors.js';
import { wordBytes } from '../trie/node.js';
import { readWordAt, u32At, viewOf, writeWordAt } from '../trie/word.js';

/** Big-endian 8-byte block number (sorts numerically); n below 2^53. */
export function u64(n: number): Uint8Array {
  const out = new Uint8Array(8);
  const hi = Math.floor(n / 2 ** 32);
  const lo = n >>> 0;
  out[0] = hi >>> 24;
  out[1] = hi >>> 16;
  out[2] = hi >>> 8;
  out[3] = hi;
  out[4] = lo >>> 24;
  out[5] = lo >>> 16;
  out[6] = lo >>> 8;
  out[7] = lo;
  return out;
}

/** Big-endian 4-byte index. */
export function u32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

/** Reads a big-endian u64 at `offset` (exact below 2^53, as block numbers are). */
export function readU64(bytes: Uint8Array, offset: number): number {
  if (offset + 8 > bytes.length) throw new StateError('CORRUPT_RECORD', 'a stored block number is cut short');
  return u32At(bytes, offset) * 2 ** 32 + u32At(bytes, offset + 4);
}

/** Reads a big-endian u32 at `offset`. */
export function readU32(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset);
}

/** Keys of the meta table (only ever read or copied by the database: never changed). */
export const META = {
  latest: Buffer.from('latest'),
  oldest: Buffer.from('oldest'),
  format: Buffer.from('format'),
  historyGeneration: Buffer.from('history-generation'),
} as const;

/** The latest block number in the meta table, or undefined when the database holds no block. */
export function latestIn(meta: { getBinary(key: Buffer): Uint8Array | undefined }): number | undefined {
  const v = meta.getBinary(META.latest);
  return v ? readU64(v, 0) : undefined;
}

/** Concatenates key parts; bigints become 32-byte words. */
export function key(...parts: (Uint8Array | bigint)[]): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'bigint' ? wordBytes(p) : p)));
}

/** A felt with leading zero bytes stripped (values in history tables). */
export function compactWord(value: bigint): Buffer {
  if (value === 0n) return Buffer.alloc(0);
  const full = wordBytes(value);
  let i = 0;
  while (full[i] === 0) i++;
  return full.subarray(i);
}

/**
 * compactWord into one reused buffer (a put copies its value at once): the returned bytes are valid
 * until the next call. Values below 2^53 skip the bigint conversion.
 */
export class CompactWriter {
  private readonly bytes = Buffer.alloc(32);
  private readonly view = viewOf(this.bytes);

  of(value: bigint): Buffer {
    if (value <= 0x1fffffffffffffn) {
      let x = Number(value);
      let i = 32;
      while (x > 0) {
        this.bytes[--i] = x % 256;
        x = Math.floor(x / 256);
      }
      return this.bytes.subarray(i);
    }
    writeWordAt(this.view, 0, value);
    let i = 0;
    while (this.bytes[i] === 0) i++;
    return this.bytes.subarray(i);
  }
}

/** Inverse of compactWord. */
export function readCompact(bytes: Uint8Array): bigint {
  const n = bytes.length;
  if (n <= 6) {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + bytes[i]!;
    return BigInt(v);
  }
  if (n > 32) throw new StateError('CORRUPT_RECORD', `stored word has ${n} bytes`);
  scratch.fill(0, 0, 32 - n);
  scratch.set(bytes, 32 - n);
  return readWordAt(scratchView, 0);
}

const scratch = new Uint8Array(32);
const scratchView = viewOf(scratch);

/** The block part of a trie-node key. */
export function nodeKeyPrefix(block: number): Buffer {
  const out = Buffer.allocUnsafe(4);
  out.writeUInt32BE(block);
  return out;
}

/** Trie-node key: block (u32) ‖ hash. */
export function nodeKey(prefix: Buffer, hash: bigint): Buffer {
  const out = Buffer.allocUnsafe(36);
  prefix.copy(out, 0);
  writeWordAt(viewOf(out), 4, hash);
  return out;
}

/** Writes the trie-node key of (block, hash) into `out` (36 bytes, reusable scratch). */
export function writeNodeKey(out: Buffer, view: DataView, block: number, hash: bigint): Buffer {
  view.setUint32(0, block);
  writeWordAt(view, 4, hash);
  return out;
}
