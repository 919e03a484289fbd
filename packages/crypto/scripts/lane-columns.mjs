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
  const out = [...(col.setup?.(t) ?? []), `  let ${t}v = ZERO;`, `  let ${t}c = ZERO;`];
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

// Three-way Karatsuba on blocks of three limbs (A = A0 + A1·x + A2·x², x = 2^87): six block products
// instead of nine, 54 limb products instead of 81. Each limb product costs two lane shuffles besides the
// multiply (extmul takes its operands from i32 lanes 0 and 1), and shuffles bound these kernels. Operand
// sums stay below 2^30 and their products below 2^60, so the cross terms S_ij − D_i − D_j are exact in
// wrapping u64 arithmetic: their true values are the sums of limb products they stand for.
const B = 3;
const PAIRS = [
  [0, 1],
  [0, 2],
  [1, 2],
];

/** Declares columns name_0…name_4 of the product of three-limb blocks x(0…2) and y(0…2). */
function blockProduct(name, x, y) {
  return Array.from({ length: 2 * B - 1 }, (_, t) => {
    const terms = [];
    for (let i = Math.max(0, t - B + 1); i <= Math.min(t, B - 1); i++) terms.push(mul(x(i), y(t - i)));
    return `  const ${name}_${t} = ${add(...terms)};`;
  });
}

/** Columns of the square of a three-limb block: cross products doubled by an add (shifts share the shuffle ports). */
function blockSquare(name, x) {
  const twice = (t, i, j) => [
    `  const ${name}_${t}h = ${mul(x(i), x(j))};`,
    `  const ${name}_${t} = ${add(`${name}_${t}h`, `${name}_${t}h`)};`,
  ];
  return [
    `  const ${name}_0 = ${mul(x(0), x(0))};`,
    ...twice(1, 0, 1),
    `  const ${name}_2h = ${mul(x(0), x(2))};`,
    `  const ${name}_2 = ${add(`${name}_2h`, `${name}_2h`, mul(x(1), x(1)))};`,
    ...twice(3, 1, 2),
    `  const ${name}_4 = ${mul(x(2), x(2))};`,
  ];
}

/**
 * Columns of a Karatsuba product for montColumns: col.setup(t) declares the operand sums and block
 * results (temporaries named after t), col(k) adds them up. `block(name, i, j, k)` gives the lines of
 * block result `name` from blocks i and j of the operands (both i when j is null); `sums(k)` the lines
 * declaring the operands' block sums.
 */
function karatsuba(block, sums) {
  let k = '';
  const col = (c) => {
    const terms = [];
    const at = (name, offset) => {
      const i = c - B * offset;
      if (i >= 0 && i < 2 * B - 1) terms.push(`${k}${name}_${i}`);
    };
    for (let b = 0; b < B; b++) at(`D${b}`, 2 * b);
    for (const [i, j] of PAIRS) at(`E${i}${j}`, i + j);
    return add(...terms);
  };
  col.setup = (t) => {
    k = `${t}K`;
    const lines = sums(k);
    for (let b = 0; b < B; b++) lines.push(...block(`${k}D${b}`, b, null, k));
    for (const [i, j] of PAIRS) {
      lines.push(...block(`${k}S${i}${j}`, i, j, k));
      for (let c = 0; c < 2 * B - 1; c++) {
        const both = add(`${k}D${i}_${c}`, `${k}D${j}_${c}`);
        lines.push(`  const ${k}E${i}${j}_${c} = ${sub(`${k}S${i}${j}_${c}`, both)};`);
      }
    }
    return lines;
  };
  return col;
}

/** Limb l of block i of <a>, or of the block sum i + j (declared by blockSums) when j is given. */
const limb = (a, i, j, k) => (l) => (j === null ? `${a}${B * i + l}` : `${k}${a}${i}${j}_${l}`);
const blockSums = (k, a) =>
  PAIRS.flatMap(([i, j]) =>
    Array.from(
      { length: B },
      (_, l) => `  const ${k}${a}${i}${j}_${l} = i32x4.add(${a}${B * i + l}, ${a}${B * j + l});`,
    ),
  );

/** Column k of the product of limbs <a>0..8 and <b>0..8, by three-way Karatsuba (see karatsuba). */
export const karatsubaCols = (a, b) =>
  karatsuba(
    (name, i, j, k) => blockProduct(name, limb(a, i, j, k), limb(b, i, j, k)),
    (k) => [...blockSums(k, a), ...blockSums(k, b)],
  );

/** Column k of the square of limbs <a>0..8, by three-way Karatsuba (see karatsuba). */
export const karatsubaSquareCols = (a) =>
  karatsuba(
    (name, i, j, k) => blockSquare(name, limb(a, i, j, k)),
    (k) => blockSums(k, a),
  );
