// Generates assembly/generated/mul2.ts: two independent Montgomery products (R = 2^261, as cube29.ts)
// at once, one per lane of i64x2 SIMD values, for the batched Pedersen additions. Operands are plain
// 32-byte felts: their nine 29-bit limbs go straight into the low i32 lanes that
// i64x2.extmul_low_i32x4_u multiplies; column sums by three-way Karatsuba (lane-columns.mjs), the
// reduction that of gen-hades2.mjs.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { karatsubaCols, karatsubaSquareCols, L, montColumns, W } from './lane-columns.mjs';

const limbs = Array.from({ length: L }, (_, i) => i);

// Limb i of the felt at ptr (four u64 words), as an i32 expression.
function limbOf(ptr, i) {
  const bit = W * i;
  const w = Math.floor(bit / 64);
  const sh = bit % 64;
  const word = (k) => `${ptr}w${k}`;
  let e = sh === 0 ? word(w) : `(${word(w)} >> ${sh})`;
  if (sh + W > 64 && w + 1 < 4) e = `(${e} | (${word(w + 1)} << ${64 - sh}))`;
  return `<i32>${e}${i < L - 1 ? ' & 0x1fffffff' : ''}`;
}

// Lane `lane` of limbs r0..8 (value below 2p) → canonical felt at ptr (subtract p when not below it).
function pack(lane, ptr, r = 'r') {
  const x = (i) => `i64x2.extract_lane(${r}${i}, ${lane})`;
  const s = `${r}${lane === 0 ? 'a' : 'b'}`;
  return [
    ...limbs.map((i) => `  const ${s}${i} = ${x(i)};`),
    `  const ${s}w0 = ${s}0 | (${s}1 << 29) | (${s}2 << 58);`,
    `  const ${s}w1 = (${s}2 >> 6) | (${s}3 << 23) | (${s}4 << 52);`,
    `  const ${s}w2 = (${s}4 >> 12) | (${s}5 << 17) | (${s}6 << 46);`,
    `  const ${s}w3 = (${s}6 >> 18) | (${s}7 << 11) | (${s}8 << 40);`,
    // p = 2^251 + 17·2^192 + 1: r − p subtracts 1 from word 0, which borrows on through zero words.
    `  const ${s}b0 = <u64>(${s}w0 === 0);`,
    `  const ${s}b1 = ${s}b0 & <u64>(${s}w1 === 0);`,
    `  const ${s}b = ${s}b1 & <u64>(${s}w2 === 0);`,
    `  const ${s}t = ${s}w3 - 0x0800000000000011 - ${s}b;`,
    `  if (${s}w3 >= 0x0800000000000011 + ${s}b) {`,
    `    store<u64>(${ptr}, ${s}w0 - 1, 0);`,
    `    store<u64>(${ptr}, ${s}w1 - ${s}b0, 8);`,
    `    store<u64>(${ptr}, ${s}w2 - ${s}b1, 16);`,
    `    store<u64>(${ptr}, ${s}t, 24);`,
    '  } else {',
    `    store<u64>(${ptr}, ${s}w0, 0);`,
    `    store<u64>(${ptr}, ${s}w1, 8);`,
    `    store<u64>(${ptr}, ${s}w2, 16);`,
    `    store<u64>(${ptr}, ${s}w3, 24);`,
    '  }',
  ].join('\n');
}

// Lane `lane` of limbs <r>0..8 (value below 2p) → canonical words <s>w0..3 in locals, branch-free.
function packWords(lane, s, r) {
  const x = (i) => `i64x2.extract_lane(${r}${i}, ${lane})`;
  return [
    ...limbs.map((i) => `  const ${s}l${i} = ${x(i)};`),
    `  const ${s}v0 = ${s}l0 | (${s}l1 << 29) | (${s}l2 << 58);`,
    `  const ${s}v1 = (${s}l2 >> 6) | (${s}l3 << 23) | (${s}l4 << 52);`,
    `  const ${s}v2 = (${s}l4 >> 12) | (${s}l5 << 17) | (${s}l6 << 46);`,
    `  const ${s}v3 = (${s}l6 >> 18) | (${s}l7 << 11) | (${s}l8 << 40);`,
    `  const ${s}b0 = <u64>(${s}v0 === 0);`,
    `  const ${s}b1 = ${s}b0 & <u64>(${s}v1 === 0);`,
    `  const ${s}b2 = ${s}b1 & <u64>(${s}v2 === 0);`,
    `  const ${s}ge = ${s}v3 >= 0x0800000000000011 + ${s}b2;`,
    `  const ${s}w0 = select<u64>(${s}v0 - 1, ${s}v0, ${s}ge);`,
    `  const ${s}w1 = select<u64>(${s}v1 - ${s}b0, ${s}v1, ${s}ge);`,
    `  const ${s}w2 = select<u64>(${s}v2 - ${s}b1, ${s}v2, ${s}ge);`,
    `  const ${s}w3 = select<u64>(${s}v3 - 0x0800000000000011 - ${s}b2, ${s}v3, ${s}ge);`,
  ].join('\n');
}

// <o>w0..3 = <a>w − <b>w mod p (canonical words in locals), as field64.ts's sub64.
function subWords(o, a, b) {
  const out = [`  const ${o}d0 = ${a}w0 - ${b}w0;`, `  const ${o}c0 = <u64>(${a}w0 < ${b}w0);`];
  for (let k = 1; k < 4; k++) {
    out.push(
      `  const ${o}t${k} = ${a}w${k} - ${b}w${k};`,
      `  const ${o}d${k} = ${o}t${k} - ${o}c${k - 1};`,
      `  const ${o}c${k} = <u64>(${a}w${k} < ${b}w${k}) | <u64>(${o}t${k} < ${o}c${k - 1});`,
    );
  }
  out.push(
    `  const ${o}m = 0 - ${o}c3;`,
    `  const ${o}w0 = ${o}d0 + (${o}m & 1);`,
    `  const ${o}e0 = <u64>(${o}w0 < ${o}d0);`,
    `  const ${o}w1 = ${o}d1 + ${o}e0;`,
    `  const ${o}e1 = <u64>(${o}w1 < ${o}e0);`,
    `  const ${o}w2 = ${o}d2 + ${o}e1;`,
    `  const ${o}e2 = <u64>(${o}w2 < ${o}e1);`,
    `  const ${o}w3 = ${o}d3 + (${o}m & 0x0800000000000011) + ${o}e2;`,
  );
  return out.join('\n');
}

// <o>w0..3 = <a>w/32 mod p for canonical a: a + k·p with k = −a mod 32 divides exactly.
function div32Words(o, a) {
  return [
    `  const ${o}k = (0 - ${a}w0) & 31;`,
    `  const ${o}v0 = ${a}w0 + ${o}k;`,
    `  const ${o}c0 = <u64>(${o}v0 < ${o}k);`,
    `  const ${o}v1 = ${a}w1 + ${o}c0;`,
    `  const ${o}c1 = <u64>(${o}v1 < ${o}c0);`,
    `  const ${o}v2 = ${a}w2 + ${o}c1;`,
    `  const ${o}c2 = <u64>(${o}v2 < ${o}c1);`,
    `  const ${o}v3 = ${a}w3 + (${o}k << 59) + ${o}k * 17 + ${o}c2;`,
    `  const ${o}w0 = (${o}v0 >> 5) | (${o}v1 << 59);`,
    `  const ${o}w1 = (${o}v1 >> 5) | (${o}v2 << 59);`,
    `  const ${o}w2 = (${o}v2 >> 5) | (${o}v3 << 59);`,
    `  const ${o}w3 = ${o}v3 >> 5;`,
  ].join('\n');
}

const storeWords = (ptr, w) =>
  [0, 1, 2, 3].map((k) => `  store<u64>(${ptr}, ${w}w${k}, ${8 * k});`).join('\n');

// Two affine additions p += q in the lanes, from the slopes' numerators (l) and inverted denominators
// (i): λ and λ² from one product and one square, x3 = λ²/32 − xp − xq and y3 = λ·(xp − x3) − yp on
// words in locals, λ kept in limbs for the last product.
function addPairSource() {
  const lanes = (x, y, i) => `i32x4.replace_lane(i32x4.splat(${limbOf(x, i)}), 1, ${limbOf(y, i)})`;
  const words = (ptrs) =>
    ptrs.flatMap((p) => [0, 1, 2, 3].map((k) => `  const ${p}w${k} = load<u64>(${p}, ${8 * k});`));
  // The slope's numerator ±yq − yp into l<l>w: −yq is p − yq, masked to 0 when yq = 0.
  const numerator = (l) =>
    [
      `  const q${l} = t${l} & ~1;`,
      `  const q${l}y = q${l} + 32;`,
      `  const p${l}y = p${l} + 32;`,
      ...words([`q${l}y`, `p${l}y`]),
      `  const z${l} = 0 - <u64>((q${l}yw0 | q${l}yw1 | q${l}yw2 | q${l}yw3) !== 0);`,
      `  const o${l}c0 = <u64>(q${l}yw0 > 1);`,
      `  const o${l}c1 = <u64>(q${l}yw1 !== 0) | o${l}c0;`,
      `  const o${l}c2 = <u64>(q${l}yw2 !== 0) | o${l}c1;`,
      `  const o${l}w0 = (1 - q${l}yw0) & z${l};`,
      `  const o${l}w1 = (0 - q${l}yw1 - o${l}c0) & z${l};`,
      `  const o${l}w2 = (0 - q${l}yw2 - o${l}c1) & z${l};`,
      `  const o${l}w3 = (0x0800000000000011 - q${l}yw3 - o${l}c2) & z${l};`,
      ...[0, 1, 2, 3].map(
        (k) => `  const s${l}w${k} = select<u64>(o${l}w${k}, q${l}yw${k}, (t${l} & 1) !== 0);`,
      ),
      subWords(`l${l}`, `s${l}`, `p${l}y`),
    ].join('\n');
  const abscissa = (l) =>
    [
      div32Words(`h${l}`, `sq${l}`),
      ...words([`p${l}`, `q${l}`]),
      subWords(`e${l}`, `h${l}`, `p${l}`),
      subWords(`x${l}`, `e${l}`, `q${l}`),
      subWords(`u${l}`, `p${l}`, `x${l}`),
      storeWords(`p${l}`, `x${l}`),
    ].join('\n');
  const ordinate = (l) => [subWords(`y${l}`, `g${l}`, `p${l}y`), storeWords(`p${l}y`, `y${l}`)].join('\n');
  return [
    '/**',
    ' * pa += ±qa and pb += ±qb (affine, 2^256 domain): ta, tb point at q (64-byte aligned; bit 0 set',
    ' * means add −q), the pair slot at inv holds the inverses of xq − xp as batchInv2 leaves them (λ',
    ' * comes out in the 2^261 domain). Neither p may alias another argument.',
    ' */',
    'export function addPair2(pa: usize, ta: usize, pb: usize, tb: usize, inv: usize): void {',
    numerator('a'),
    numerator('b'),
    '  const ZERO = i64x2.splat(0);',
    '  const MASK = i64x2.splat(0x1fffffff);',
    ...limbs.map((i) => `  const n${i} = ${lanes('la', 'lb', i)};`),
    ...limbs.map((i) => `  const d${i} = v128.load(inv, ${16 * i});`),
    montColumns(karatsubaCols('n', 'd'), '', 'r'),
    ...limbs.map((i) => `  const z${i} = i32x4.shuffle(r${i}, r${i}, 0, 2, 0, 2);`),
    montColumns(karatsubaSquareCols('z'), 't', 's'),
    packWords(0, 'sqa', 's'),
    packWords(1, 'sqb', 's'),
    abscissa('a'),
    abscissa('b'),
    ...limbs.map((i) => `  const f${i} = ${lanes('ua', 'ub', i)};`),
    montColumns(karatsubaCols('f', 'z'), 'k', 'g'),
    packWords(0, 'ga', 'g'),
    packWords(1, 'gb', 'g'),
    ordinate('a'),
    ordinate('b'),
    '}',
    '',
  ].join('\n');
}

function source() {
  const lanes = (x, y, i) => `i32x4.replace_lane(i32x4.splat(${limbOf(x, i)}), 1, ${limbOf(y, i)})`;
  const words = (ptrs) =>
    ptrs.flatMap((p) => [0, 1, 2, 3].map((k) => `  const ${p}w${k} = load<u64>(${p}, ${8 * k});`));
  const operands = [
    ...words(['aa', 'ab', 'ba', 'bb']),
    '  const ZERO = i64x2.splat(0);',
    '  const MASK = i64x2.splat(0x1fffffff);',
    ...limbs.map((i) => `  const x${i} = ${lanes('aa', 'ab', i)};`),
    ...limbs.map((i) => `  const y${i} = ${lanes('ba', 'bb', i)};`),
    montColumns(karatsubaCols('x', 'y'), '', 'r'),
  ];
  return [
    '// Generated by packages/crypto/scripts/gen-mul2.mjs; do not edit.',
    '',
    '/**',
    ' * ra = aa·ba·2^−261 mod p and rb = ab·bb·2^−261 mod p in the two SIMD lanes (inputs below 2^256,',
    ' * results below p); outputs may alias inputs.',
    ' */',
    'export function mul2(ra: usize, aa: usize, ba: usize, rb: usize, ab: usize, bb: usize): void {',
    ...operands,
    pack(0, 'ra'),
    pack(1, 'rb'),
    '}',
    '',
    addPairSource(),
    chainSource(),
  ].join('\n');
}

// The shared inversion's two passes over two interleaved chains (element k of chain A and of chain B
// share a pair slot of nine v128 values, limb j at 16j, chain A's in i32 lane 0 and chain B's in lane 1:
// the operand form of extmul_low_i32x4_u), with the running product kept in limbs between steps.
// Values in this form are below 2p, not reduced: products take them as they are.
function chainSource() {
  const load = (x, ptr) => limbs.map((i) => `  const ${x}${i} = v128.load(${ptr}, ${16 * i});`);
  const shuffled = (x, r) => limbs.map((i) => `  ${x}${i} = i32x4.shuffle(${r}${i}, ${r}${i}, 0, 2, 0, 2);`);
  const storeLimbs = (ptr, x) => limbs.map((i) => `  v128.store(${ptr}, ${x}${i}, ${16 * i});`);
  const indent = (lines) => lines.join('\n').replace(/^/gm, '  ');
  return [
    '/** Bytes of one pair slot of the chains: nine v128 limbs. */',
    `export const PAIR_BYTES: usize = ${16 * L};`,
    '',
    '/** pre[k] = pre[k − 1]·d[k]·2^−261 for k = 1 … count − 1, on both chains (pre[0] given). */',
    'export function prefix2(pre: usize, d: usize, count: i32): void {',
    '  const ZERO = i64x2.splat(0);',
    '  const MASK = i64x2.splat(0x1fffffff);',
    ...limbs.map((i) => `  let x${i} = v128.load(pre, ${16 * i});`),
    '  for (let k = 1; k < count; k++) {',
    indent([
      `  const dk = d + <usize>k * ${16 * L};`,
      `  const ok = pre + <usize>k * ${16 * L};`,
      ...load('y', 'dk'),
      montColumns(karatsubaCols('x', 'y'), '', 'r'),
      ...shuffled('x', 'r'),
      ...storeLimbs('ok', 'x'),
    ]),
    '  }',
    '}',
    '',
    '/**',
    ' * Walks both chains back from the inverses of their totals at acc and acc + 32 (canonical words):',
    ' * d[k] becomes acc·pre[k − 1]·2^−261 and acc becomes acc·d[k]·2^−261, for k = count − 1 … 1; then',
    ' * d[0] = acc.',
    ' */',
    'export function unwind2(d: usize, pre: usize, acc: usize, count: i32): void {',
    '  const ZERO = i64x2.splat(0);',
    '  const MASK = i64x2.splat(0x1fffffff);',
    '  const xa = acc;',
    '  const xb = acc + 32;',
    ...[0, 1, 2, 3].flatMap((k) => [
      `  const xaw${k} = load<u64>(xa, ${8 * k});`,
      `  const xbw${k} = load<u64>(xb, ${8 * k});`,
    ]),
    ...limbs.map(
      (i) => `  let x${i} = i32x4.replace_lane(i32x4.splat(${limbOf('xa', i)}), 1, ${limbOf('xb', i)});`,
    ),
    '  for (let k = count - 1; k > 0; k--) {',
    indent([
      `  const dk = d + <usize>k * ${16 * L};`,
      `  const pk = pre + <usize>(k - 1) * ${16 * L};`,
      ...load('y', 'pk'),
      ...load('z', 'dk'),
      montColumns(karatsubaCols('x', 'y'), '', 'r'),
      ...limbs.map((i) => `  v128.store(dk, i32x4.shuffle(r${i}, r${i}, 0, 2, 0, 2), ${16 * i});`),
      montColumns(karatsubaCols('x', 'z'), 't', 's'),
      ...shuffled('x', 's'),
    ]),
    '  }',
    ...storeLimbs('d', 'x'),
    '}',
    '',
  ].join('\n');
}

/** Writes assembly/generated/mul2.ts. */
export function generateMul2() {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'assembly', 'generated');
  writeFileSync(join(dir, 'mul2.ts'), source());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) generateMul2();
