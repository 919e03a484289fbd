// Column arithmetic on i64x2 SIMD values shared by the two-lane generators (gen-hades2, gen-mul2):
// nine 29-bit limbs per lane, limb products by i64x2.extmul_low_i32x4_u of operands whose two lanes
// sit in the low 32-bit lanes, and Montgomery reduction with R = 2^261 as in gen-cube.mjs.
export const W = 29;
export const L = 9;

export const add = (...xs) => xs.reduce((acc, x) => `i64x2.add(${acc}, ${x})`);
export const sub = (a, b) => `i64x2.sub(${a}, ${b})`;
export const shl = (a, n) => `i64x2.shl(${a}, ${n})`;
export const shr = (a, n) => `i64x2.shr_u(${a}, ${n})`;
export const and = (a, b) => `v128.and(${a}, ${b})`;
export const mul = (a, b) => `i64x2.extmul_low_i32x4_u(${a}, ${b})`;

/**
 * Montgomery reduction of column sums col(k) into limbs <r>0..8 (value below 2p), with temporaries
 * named after `t`: m = −v mod 2^29, carry ⌈v/2^29⌉ = (v + M) >> 29; p = 1 + (2^22 + 2^18)·2^174 +
 * 2^19·2^232, so m·p adds shifts of m at k + 6 and k + 8.
 */
export function montColumns(col, t, r) {
  const out = [`  let ${t}v = ZERO;`, `  let ${t}c = ZERO;`];
  for (let k = 0; k < 2 * L - 1; k++) {
    const terms = [col(k)];
    if (k - 6 >= 0 && k - 6 < L) terms.push(shl(`${t}m${k - 6}`, 22), shl(`${t}m${k - 6}`, 18));
    if (k - 8 >= 0 && k - 8 < L) terms.push(shl(`${t}m${k - 8}`, 19));
    terms.push(`${t}c`);
    out.push(`  ${t}v = ${add(...terms)};`);
    if (k < L) {
      out.push(`  const ${t}m${k} = ${and(sub('ZERO', `${t}v`), 'MASK')};`);
      out.push(`  ${t}c = ${shr(add(`${t}v`, 'MASK'), W)};`);
    } else {
      out.push(`  const ${r}${k - L} = ${and(`${t}v`, 'MASK')};`, `  ${t}c = ${shr(`${t}v`, W)};`);
    }
  }
  out.push(`  const ${r}${L - 1} = ${t}c;`);
  return out.join('\n');
}

/** Column k of the square of limbs <a>0..8 (cross products doubled). */
export function squareCols(a) {
  return (k) => {
    const terms = [];
    for (let i = Math.max(0, k - L + 1); i < k - i; i++) terms.push(mul(`${a}${i}`, `${a}${k - i}`));
    const sq = k % 2 === 0 ? mul(`${a}${k / 2}`, `${a}${k / 2}`) : null;
    if (terms.length === 0) return sq;
    const twice = shl(add(...terms), 1);
    return sq ? add(twice, sq) : twice;
  };
}

/** Column k of the product of limbs <a>0..8 and <b>0..8. */
export const productCols = (a, b) => (k) => {
  const terms = [];
  for (let i = Math.max(0, k - L + 1); i <= Math.min(k, L - 1); i++)
    terms.push(mul(`${a}${i}`, `${b}${k - i}`));
  return add(...terms);
};
