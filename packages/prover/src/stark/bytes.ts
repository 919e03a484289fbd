/** Writes a value < 2^256 as 32 big-endian bytes at `offset`. */
export function writeU256(view: DataView, offset: number, v: bigint): void {
  view.setBigUint64(offset, v >> 192n);
  view.setBigUint64(offset + 8, BigInt.asUintN(64, v >> 128n));
  view.setBigUint64(offset + 16, BigInt.asUintN(64, v >> 64n));
  view.setBigUint64(offset + 24, BigInt.asUintN(64, v));
}

/** Reads 32 big-endian bytes at `offset`. */
export function readU256(view: DataView, offset: number): bigint {
  return (
    (view.getBigUint64(offset) << 192n) |
    (view.getBigUint64(offset + 8) << 128n) |
    (view.getBigUint64(offset + 16) << 64n) |
    view.getBigUint64(offset + 24)
  );
}

/** Big-endian 32-byte encodings of the values, concatenated. */
export function encodeU256s(values: readonly bigint[]): Uint8Array {
  const out = new Uint8Array(values.length * 32);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) writeU256(view, i * 32, values[i]!);
  return out;
}
