// 32-byte big-endian words <-> bigints through four 64-bit limbs (about twice as fast as via hex).

/** Writes `value` (< 2^256) as a 32-byte big-endian word at `offset` of `view`. */
export function writeWordAt(view: DataView, offset: number, value: bigint): void {
  view.setBigUint64(offset, value >> 192n);
  view.setBigUint64(offset + 8, BigInt.asUintN(64, value >> 128n));
  view.setBigUint64(offset + 16, BigInt.asUintN(64, value >> 64n));
  view.setBigUint64(offset + 24, BigInt.asUintN(64, value));
}

/** Reads the 32-byte big-endian word at `offset` of `view`. */
export function readWordAt(view: DataView, offset: number): bigint {
  const hi = view.getBigUint64(offset);
  const a = view.getBigUint64(offset + 8);
  const b = view.getBigUint64(offset + 16);
  const lo = view.getBigUint64(offset + 24);
  // Most stored words are hashes (< 2^252); zero limbs are common only for small values.
  if (hi === 0n && a === 0n) return b === 0n ? lo : (b << 64n) | lo;
  return (hi << 192n) | (a << 128n) | (b << 64n) | lo;
}

/** A DataView over the bytes of `bytes`. */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The big-endian u32 at `offset` of `bytes`. */
export function u32At(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>>
    0
  );
}

/** Orders the 32-byte words at `i` of `a` and `j` of `b` (as numbers: big-endian). */
export function compareWords(a: Uint8Array, i: number, b: Uint8Array, j: number): number {
  for (let k = 0; k < 32; k++) {
    const d = a[i + k]! - b[j + k]!;
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * DataViews over whole buffers, reused while reads return bytes of the same few buffers (a database's
 * read buffer, the recent blocks' shared records): offsets in the view are bytes.byteOffset + i.
 */
export class ViewCache {
  private readonly buffers: ArrayBufferLike[] = [];
  private readonly views: DataView[] = [];
  private next = 0;

  of(bytes: Uint8Array): DataView {
    const buffer = bytes.buffer;
    for (let i = 0; i < this.buffers.length; i++) if (this.buffers[i] === buffer) return this.views[i]!;
    // Up to eight buffers, the oldest replaced first.
    const view = new DataView(buffer);
    const i = this.buffers.length < 8 ? this.buffers.length : this.next++ % 8;
    this.buffers[i] = buffer;
    this.views[i] = view;
    return view;
  }
}
