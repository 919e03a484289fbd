const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

const rotr = (x: number, n: number): number => ((x >>> n) | (x << (32 - n))) >>> 0;

/** The BLAKE2s compression function F(h, m, t, f) on 32-bit words (RFC 7693). */
export function blake2sCompress(
  h: readonly number[],
  m: readonly number[],
  t0: number,
  t1: number,
  f0: number,
  f1: number,
): number[] {
  const v = [...h, ...IV];
  v[12] = ((v[12] as number) ^ t0) >>> 0;
  v[13] = ((v[13] as number) ^ t1) >>> 0;
  v[14] = ((v[14] as number) ^ f0) >>> 0;
  v[15] = ((v[15] as number) ^ f1) >>> 0;
  const g = (a: number, b: number, c: number, d: number, x: number, y: number): void => {
    v[a] = ((v[a] as number) + (v[b] as number) + x) >>> 0;
    v[d] = rotr((v[d] as number) ^ (v[a] as number), 16);
    v[c] = ((v[c] as number) + (v[d] as number)) >>> 0;
    v[b] = rotr((v[b] as number) ^ (v[c] as number), 12);
    v[a] = ((v[a] as number) + (v[b] as number) + y) >>> 0;
    v[d] = rotr((v[d] as number) ^ (v[a] as number), 8);
    v[c] = ((v[c] as number) + (v[d] as number)) >>> 0;
    v[b] = rotr((v[b] as number) ^ (v[c] as number), 7);
  };
  for (let r = 0; r < 10; r++) {
    const s = SIGMA[r] as number[];
    const w = (i: number): number => m[s[i] as number] as number;
    g(0, 4, 8, 12, w(0), w(1));
    g(1, 5, 9, 13, w(2), w(3));
    g(2, 6, 10, 14, w(4), w(5));
    g(3, 7, 11, 15, w(6), w(7));
    g(0, 5, 10, 15, w(8), w(9));
    g(1, 6, 11, 12, w(10), w(11));
    g(2, 7, 8, 13, w(12), w(13));
    g(3, 4, 9, 14, w(14), w(15));
  }
  return h.map((x, i) => (x ^ (v[i] as number) ^ (v[i + 8] as number)) >>> 0);
}

export const BLAKE2S_IV: readonly number[] = IV;
