/** Bit `depth` of `key` counted from the top of a tree of `height` levels (depth 0 = most significant). */
export function bitAt(key: bigint, depth: number, height: number): number {
  return Number((key >> BigInt(height - 1 - depth)) & 1n);
}

/** The `len` bits of `key` starting at `depth`, as an integer (MSB first). */
export function bitsAt(key: bigint, depth: number, len: number, height: number): bigint {
  if (len === 0) return 0n;
  return (key >> BigInt(height - depth - len)) & ((1n << BigInt(len)) - 1n);
}

/** Length of the common prefix of the `len`-bit paths `a` and `b`. */
export function commonPrefix(a: bigint, b: bigint, len: number): number {
  const x = a ^ b;
  if (x === 0n) return len;
  return len - x.toString(2).length;
}
