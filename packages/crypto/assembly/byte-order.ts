// Callers may hand felts over as 32-byte big-endian words (as stored records hold them); the kernels
// use little-endian limbs. Reversing a word is two byte shuffles and a swap of its halves.

const REVERSE = i8x16(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);

/** Reverses the byte order of the n 32-byte words at ptr, in place. */
export function reverseWords(ptr: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const p = ptr + ((<usize>i) << 5);
    const low = v128.load(p);
    const high = v128.load(p, 16);
    v128.store(p, v128.swizzle(high, REVERSE));
    v128.store(p, v128.swizzle(low, REVERSE), 16);
  }
}
