// Generates assembly/generated/hades-partial2.ts: the Hades permutation of two states at once, one per
// lane of 128-bit SIMD values (i64x2), so that poseidonMany hashes pairs: hadesHead2 (rounds 0…3),
// hadesPartialRounds2 (the partial rounds' loop, state in locals), hadesTail2 (rounds 86…90). The arithmetic is that of
// cube29 and hades-partial.ts (nine 29-bit limbs, Montgomery with R = 2^261), written without signed
// shifts (SIMD has no 64-bit arithmetic shift): limbs that may be negative are kept as wrapped u64 and
// a zero-valued bias makes every limb sum non-negative before its carry is taken. Limb products are
// i64x2.extmul_low_i32x4_u of operands whose two lanes sit in the low 32-bit lanes (one shuffle each).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as scalar from './gen-cube.mjs';
import { add, and, L, montColumns, productCols, shl, shr, squareCols, sub, W } from './lane-columns.mjs';

const P = 0x800000000000011000000000000000000000000000000000000000000000001n;
const pw = Array.from({ length: L }, (_, i) => (P >> BigInt(W * i)) & ((1n << BigInt(W)) - 1n));
// p = 1 + (2^22 + 2^18)·2^174 + 2^19·2^232: the Montgomery digit's multiples of p are shifts.
if (pw.some((v, i) => v !== [1n, 0n, 0n, 0n, 0n, 0n, (1n << 22n) + (1n << 18n), 0n, 1n << 19n][i]))
  throw new Error('p shape');
const limbs = Array.from({ length: L }, (_, i) => i);
// Worth zero: 2^31 on limbs 0…7, −4 on limbs 1…8 (2^31 = 4·2^29).
const BIAS = limbs.map((i) => (i < L - 1 ? 1n << 31n : 0n) - (i > 0 ? 4n : 0n));
if (BIAS.reduce((acc, b, i) => acc + (b << BigInt(W * i)), 0n) !== 0n) throw new Error('bias');
const u64 = (v) => BigInt.asUintN(64, v);
const i64 = (v) => BigInt.asIntN(64, v);

// Both lanes' low 32 bits into i32 lanes 0 and 1, as extmul_low takes them.
const packed = (a) => `i32x4.shuffle(${a}, ${a}, 0, 2, 0, 2)`;
const splat = (v) => `i64x2.splat(${i64(v)})`;

// y = u2³·2^−522 (limbs below 2^29, value below 2p) for u2 with limbs below 2^29 + 8, value below 2^256.
function cube() {
  return [
    ...limbs.map((i) => `  const pa${i} = ${packed(`u2_${i}`)};`),
    montColumns(squareCols('pa'), 't', 'q'),
    ...limbs.map((i) => `  const pq${i} = ${packed(`q${i}`)};`),
    montColumns(productCols('pq', 'pa'), 'u', 'w'),
    ...limbs.map((i) => `  y${i} = w${i};`),
  ].join('\n');
}

// One logical carry pass over non-negative limb sums e(i): limbs 0…7 normalized, limb 8 the rest.
function carryPass(e, dst) {
  const out = ['  cy = ZERO;'];
  for (let i = 0; i < L; i++) {
    if (i === L - 1) {
      out.push(`  ${dst}${i} = ${add(e(i), 'cy')};`);
      continue;
    }
    out.push(`  v = ${add(e(i), 'cy')};`, `  ${dst}${i} = ${and('v', 'MASK')};`, `  cy = ${shr('v', W)};`);
  }
  return out.join('\n');
}

// The linear layer on (s0, s1, y) plus (0, 0, c2), as hades-partial.ts (see the bounds there): s0' =
// 3s0 + s1 + y and s1' = s0 − s1 + y + 2p take a carry pass and drop q' = max(q − 1, 0) multiples of p
// (q = ⌊v/2^251⌋; limbs 0 and 6 may go below zero, wrapped); s2' = s0 + s1 − 2y + c2 + 8p goes to the
// S-box after one carry-save step. Limbs of s0, s1 lie in (−2^27, 2^29), of y in [0, 2^29): with the
// bias each limb sum lies in [0, 2^33).
function mix() {
  const out = [];
  const b = limbs.map((i) => splat(BIAS[i]));
  const twoP = limbs.map((i) => splat(BIAS[i] + 2n * pw[i]));
  out.push(carryPass((i) => add(`u0_${i}`, shl(`u0_${i}`, 1), `u1_${i}`, `y${i}`, `BIAS${i}`), 'n0_'));
  out.push(carryPass((i) => add(sub(add(`u0_${i}`, `y${i}`, `TWOP${i}`), `u1_${i}`)), 'n1_'));
  // s2' from the old s0, s1, before they are overwritten.
  for (let i = 0; i < L; i++) {
    out.push(`  const k${i} = v128.load64_splat(k, ${8 * i});`);
    out.push(`  const e${i} = ${sub(add(`u0_${i}`, `u1_${i}`, `k${i}`), shl(`y${i}`, 1))};`);
  }
  out.push('  k += 72;');
  for (const k of [0, 1]) {
    out.push(`  q = ${shr(`n${k}_8`, 19)};`, `  q = ${add('q', 'i64x2.ne(q, ZERO)')};`);
    for (let i = 0; i < L; i++) {
      let e = `n${k}_${i}`;
      if (i === 0) e = sub(e, 'q');
      if (i === 6) e = sub(sub(e, shl('q', 22)), shl('q', 18));
      if (i === 8) e = sub(e, shl('q', 19));
      out.push(`  u${k}_${i} = ${e};`);
    }
  }
  for (let i = 0; i < L; i++) {
    const low = i < L - 1 ? and(`e${i}`, 'MASK') : `e${i}`;
    out.push(`  u2_${i} = ${i > 0 ? add(low, shr(`e${i - 1}`, W)) : low};`);
  }
  return { body: out.join('\n'), b, twoP };
}

// Lane `lane` of limbs <name>0..8 (normalized, value below 2^256) → four u64 words at ptr + off.
function pack(name, lane, ptr, off) {
  const x = (i) => `i64x2.extract_lane(${name}${i}, ${lane})`;
  return [
    `  store<u64>(${ptr}, ${x(0)} | (${x(1)} << 29) | (${x(2)} << 58), ${off});`,
    `  store<u64>(${ptr}, (${x(2)} >> 6) | (${x(3)} << 23) | (${x(4)} << 52), ${off + 8});`,
    `  store<u64>(${ptr}, (${x(4)} >> 12) | (${x(5)} << 17) | (${x(6)} << 46), ${off + 16});`,
    `  store<u64>(${ptr}, (${x(6)} >> 18) | (${x(7)} << 11) | (${x(8)} << 40), ${off + 24});`,
  ].join('\n');
}

// Limb i of the felt at ptr + off (four u64 words), as a u64 expression.
function limbOf(ptr, off, i) {
  const bit = W * i;
  const w = Math.floor(bit / 64);
  const sh = bit % 64;
  const word = (k) => `load<u64>(${ptr}, ${off + 8 * k})`;
  let e = sh === 0 ? word(w) : `(${word(w)} >> ${sh})`;
  if (sh + W > 64 && w + 1 < 4) e = `(${e} | (${word(w + 1)} << ${64 - sh}))`;
  return i < L - 1 ? `(${e} & 0x1fffffff)` : e;
}

function source() {
  const { body, b, twoP } = mix();
  const lanes = (off, i) =>
    `i64x2.replace_lane(i64x2.splat(${limbOf('sa', off, i)}), 1, ${limbOf('sb', off, i)})`;
  return [
    '// Generated by packages/crypto/scripts/gen-hades2.mjs; do not edit.',
    '',
    '/** Bytes of one partial round’s constants in the table of hadesPartialConstants. */',
    'export const PARTIAL_CONSTANT_BYTES: usize = 72;',
    '',
    '/** dst[j] = row j + 1’s c2 (rows of 96 bytes at rows) plus 8p and the bias, as nine u64 limbs. */',
    'export function hadesPartialConstants(dst: usize, rows: usize, n: i32): void {',
    '  for (let j = 0; j < n; j++) {',
    '    const r = rows + <usize>(j + 1) * 96;',
    '    const o = dst + <usize>j * 72;',
    ...limbs.map((i) => `    store<u64>(o, ${limbOf('r', 64, i)} + ${u64(8n * pw[i] + BIAS[i])}, ${8 * i});`),
    '  }',
    '}',
    '',
    '/**',
    ' * n partial rounds on two states at once (3 felts each at sa and sb; s0, s1 below 2^252, s2 below',
    ' * 2^254; s2 below 2^255 on return), with the constants at k (hadesPartialConstants).',
    ' */',
    'export function hadesPartialRounds2(sa: usize, sb: usize, k: usize, n: i32): void {',
    '  const ZERO = i64x2.splat(0);',
    '  const MASK = i64x2.splat(0x1fffffff);',
    ...limbs.map((i) => `  const BIAS${i} = ${b[i]};`),
    ...limbs.map((i) => `  const TWOP${i} = ${twoP[i]};`),
    ...[0, 1, 2].flatMap((e) => limbs.map((i) => `  let u${e}_${i} = ${lanes(32 * e, i)};`)),
    ...limbs.map((i) => `  let y${i} = ZERO;`),
    ...[0, 1].flatMap((e) => limbs.map((i) => `  let n${e}_${i} = ZERO;`)),
    '  let v = ZERO;',
    '  let cy = ZERO;',
    '  let q = ZERO;',
    '  for (let round = 0; round < n; round++) {',
    '    {',
    cube().replace(/^/gm, '    '),
    '    }',
    body.replace(/^/gm, '  '),
    '  }',
    // Normalize: s0, s1 through the bias (limbs may be wrapped negatives), s2 (carry-save limbs) as is.
    carryPass((i) => add(`u0_${i}`, `BIAS${i}`), 'u0_'),
    carryPass((i) => add(`u1_${i}`, `BIAS${i}`), 'u1_'),
    carryPass((i) => `u2_${i}`, 'u2_'),
    ...[0, 1, 2].flatMap((e) => [pack(`u${e}_`, 0, 'sa', 32 * e), pack(`u${e}_`, 1, 'sb', 32 * e)]),
    '}',
    '',
    fullSource(),
    fullRoundsSource(),
  ].join('\n');
}

// The full rounds of two states, on lane-interleaved limbs in memory: element j's limb i of both
// states is the v128 at base + 16·(9j + i). Their linear layer adds the next row's three constants with
// multiples of p and the bias (hadesFullConstants): the outputs take one carry-save step (limbs below
// 2^29 + 8) and stay below 11p < 2^255, which the S-box and mul29 take as they are.
const FULL_ROWS = [0, 1, 2, 3, 4, 87, 88, 89, 90, 91];
const FULL1_BYTES = 216;
const KP = [0n, 2n, 4n];
const at = (j, i) => 16 * (9 * j + i);
/** Full rounds `from`…`to` of the two states: three S-boxes, then the mix with round r's constants. */
const fullRounds = (from, to) => [
  `  for (let r: usize = ${from}; r <= ${to}; r++) {`,
  '    cube2(Y, ST);',
  `    cube2(Y + ${at(1, 0)}, ST + ${at(1, 0)});`,
  `    cube2(Y + ${at(2, 0)}, ST + ${at(2, 0)});`,
  '    fullMix2(Y, fk + r * FULL_CONSTANT_BYTES);',
  '  }',
];

function fullSource() {
  const lanes = (off, i) =>
    `i64x2.replace_lane(i64x2.splat(${limbOf('sa', off, i)}), 1, ${limbOf('sb', off, i)})`;
  const carrySave = (e, store) =>
    limbs.map((i) => {
      const low = i < L - 1 ? and(`${e}${i}`, 'MASK') : `${e}${i}`;
      return `  ${store(i, i > 0 ? add(low, shr(`${e}${i - 1}`, W)) : low)}`;
    });
  const consts = ['  const ZERO = i64x2.splat(0);', '  const MASK = i64x2.splat(0x1fffffff);'];
  const mixOut = [
    (i) => add(`a0_${i}`, shl(`a0_${i}`, 1), `a1_${i}`, `a2_${i}`),
    (i) => sub(add(`a0_${i}`, `a2_${i}`), `a1_${i}`),
    (i) => sub(add(`a0_${i}`, `a1_${i}`), shl(`a2_${i}`, 1)),
  ];
  const reducePack = [
    ...[0, 1, 2].flatMap((j) => [
      ...limbs.map((i) => `  u${i} = v128.load(ST, ${at(j, i)});`),
      carryPass((i) => `u${i}`, 'u'),
      `  q = ${shr('u8', 19)};`,
      `  q = ${add('q', 'i64x2.ne(q, ZERO)')};`,
      `  u0 = ${sub('u0', 'q')};`,
      `  u6 = ${sub(sub('u6', shl('q', 22)), shl('q', 18))};`,
      `  u8 = ${sub('u8', shl('q', 19))};`,
      carryPass((i) => add(`u${i}`, splat(BIAS[i])), 'u'),
      pack('u', 0, 'sa', 32 * j),
      pack('u', 1, 'sb', 32 * j),
    ]),
  ];
  return [
    '/** Bytes of one row in the table of hadesFullConstants. */',
    'export const FULL_CONSTANT_BYTES: usize = 216;',
    '',
    `/** dst = rows ${FULL_ROWS.join(', ')} of the round constants (96-byte rows at rc) as limbs; all but the`,
    ' * first with (0, 2, 4)·p and the bias, as the full rounds’ linear layer adds them. */',
    'export function hadesFullConstants(dst: usize, rc: usize): void {',
    ...FULL_ROWS.flatMap((row, r) =>
      [0, 1, 2].flatMap((j) =>
        limbs.map((i) => {
          const extra = r === 0 ? 0n : KP[j] * pw[i] + BIAS[i];
          return `  store<u64>(dst, ${limbOf('rc', 96 * row + 32 * j, i)} + ${u64(extra)}, ${216 * r + 72 * j + 8 * i});`;
        }),
      ),
    ),
    '}',
    '',
    '/** dst[0…8] = src[0…8]³·2^−522 for two lanes of limbs (below 2^29 + 8, values below 2^256). */',
    'function cube2(dst: usize, src: usize): void {',
    ...consts,
    ...limbs.map((i) => `  const u2_${i} = v128.load(src, ${16 * i});`),
    ...limbs.map((i) => `  let y${i} = ZERO;`),
    cube(),
    ...limbs.map((i) => `  v128.store(dst, y${i}, ${16 * i});`),
    '}',
    '',
    '/** ST = M·A + the constants at fk (a row of hadesFullConstants), in carry-save limbs. */',
    'function fullMix2(a: usize, fk: usize): void {',
    '  const MASK = i64x2.splat(0x1fffffff);',
    ...[0, 1, 2].flatMap((j) => limbs.map((i) => `  const a${j}_${i} = v128.load(a, ${at(j, i)});`)),
    ...[0, 1, 2].flatMap((j) => [
      ...limbs.map(
        (i) => `  const t${j}_${i} = ${add(mixOut[j](i), `v128.load64_splat(fk, ${72 * j + 8 * i})`)};`,
      ),
      ...carrySave(`t${j}_`, (i, e) => `v128.store(ST, ${e}, ${at(j, i)});`),
    ]),
    '}',
    '',
    'const ST = memory.data(432, 16);',
    'const Y = memory.data(432, 16);',
    '',
    '/** Rounds 0…3 of two states (3 felts each at sa and sb), with the constants at fk; s0, s1, s2 end',
    ' * below 2^252 (what hadesPartialRounds2 takes). */',
    'export function hadesHead2(sa: usize, sb: usize, fk: usize): void {',
    ...consts,
    ...[0, 1, 2].flatMap((j) => [
      '  {',
      ...limbs.map(
        (i) => `  const s${i} = ${add(lanes(32 * j, i), `v128.load64_splat(fk, ${72 * j + 8 * i})`)};`,
      ),
      ...carrySave('s', (i, e) => `v128.store(ST, ${e}, ${at(j, i)});`),
      '  }',
    ]),
    ...fullRounds(1, 4),
    ...limbs.map((i) => `  let u${i} = ZERO;`),
    '  let v = ZERO;',
    '  let cy = ZERO;',
    '  let q = ZERO;',
    ...reducePack,
    '}',
    '',
    '/** Rounds 86…90 of two states (s0, s1 below 2^252, s2 below 2^255); all three end below 2^256. */',
    'export function hadesTail2(sa: usize, sb: usize, fk: usize): void {',
    ...consts,
    ...[0, 1, 2].flatMap((j) =>
      limbs.map((i) => `  v128.store(${j === 2 ? 'ST' : 'Y'}, ${lanes(32 * j, i)}, ${at(j, i)});`),
    ),
    // Round 86 is partial: s0, s1 pass the S-box by.
    `  cube2(Y + ${at(2, 0)}, ST + ${at(2, 0)});`,
    `  fullMix2(Y, fk + 5 * FULL_CONSTANT_BYTES);`,
    '  for (let r: usize = 6; r <= 9; r++) {',
    '    cube2(Y, ST);',
    `    cube2(Y + ${at(1, 0)}, ST + ${at(1, 0)});`,
    `    cube2(Y + ${at(2, 0)}, ST + ${at(2, 0)});`,
    '    fullMix2(Y, fk + r * FULL_CONSTANT_BYTES);',
    '  }',
    ...limbs.map((i) => `  let u${i} = ZERO;`),
    '  let v = ZERO;',
    '  let cy = ZERO;',
    ...[0, 1, 2].flatMap((j) => [
      ...limbs.map((i) => `  u${i} = v128.load(ST, ${at(j, i)});`),
      carryPass((i) => `u${i}`, 'u'),
      pack('u', 0, 'sa', 32 * j),
      pack('u', 1, 'sb', 32 * j),
    ]),
    '}',
    '',
  ].join('\n');
}

// Rows of the round constants that the single hash's full rounds add after their S-box: rounds 0…3
// add rows 1…4, the last partial round 86 and rounds 87…90 rows 87…91 (row 91 is zero).
const FULL1_ROWS = [1, 2, 3, 4, 87, 88, 89, 90, 91];

// The interleaved S-box of one state in locals: s0, s1 in the lanes of u2_0..8 (SIMD, into y0..8) and s2
// in c0..8 (scalar, into sw0..8); both below 2p on return.
function interleavedCube() {
  const vec = cube().split('\n');
  const sc = [
    scalar.montColumns(scalar.squareCols('c'), 'st', 'sq'),
    scalar.montColumns(scalar.productCols('sq', 'c'), 'su', 'sw'),
  ]
    .join('\n')
    .split('\n');
  const mixed = [];
  for (let i = 0, j = 0; i < vec.length || j < sc.length; ) {
    // Proportional merge: each side advances at its own rate.
    if (j >= sc.length || (i < vec.length && i * sc.length <= j * vec.length)) mixed.push(vec[i++]);
    else mixed.push(sc[j++]);
  }
  return mixed.join('\n');
}

// n full rounds of one state (the single hash) with the state in locals between rounds: the S-box as
// interleavedCube, then the linear layer plus a row of constants, as in gen-hades.mjs's partial rounds
// but on the S-box outputs y0, y1 (lanes of Y) and y2: with G = Y + swap(Y) = (y0 + y1, y0 + y1),
// s0' and s1' = G + (2y0, −2y1) + y2 + (c0, c1 + 2p) + bias = (3y0 + y1 + y2 + c0, y0 − y1 + y2 + c1 + 2p)
// lie below 11p and 7p (every limb sum non-negative, one carry pass), s2' = y0 + y1 − 2y2 + c2 + 8p in
// (0, 13p) takes a signed carry pass: all below 2^255 with normalized limbs, as the S-box takes them.
// On return every element is reduced below 2^252 (q' = max(q − 1, 0) multiples of p dropped).
function fullRoundsSource() {
  const lanes = (off, i) =>
    `i64x2.replace_lane(i64x2.splat(${limbOf('s', off, i)}), 1, ${limbOf('s', off + 32, i)})`;
  const mixLines = ['  let v: i64 = 0;', '  let cy: i64 = 0;'];
  for (let i = 0; i < L; i++)
    mixLines.push(`  const g${i} = i64x2.add(y${i}, i32x4.shuffle(y${i}, y${i}, 2, 3, 0, 1));`);
  for (let i = 0; i < L; i++) {
    const e = `i64x2.extract_lane(g${i}, 0) + load<i64>(k, ${144 + 8 * i}) - (<i64>sw${i} << 1)`;
    if (i < L - 1) mixLines.push(`  v = ${e} + cy;`, `  c${i} = <u64>(v & 0x1fffffff);`, '  cy = v >> 29;');
    else mixLines.push(`  c${i} = <u64>(${e} + cy);`);
  }
  mixLines.push('  let vc = ZERO;', '  let vv = ZERO;');
  for (let i = 0; i < L; i++) {
    const sum = `i64x2.add(i64x2.add(i64x2.add(g${i}, v128.xor(i64x2.shl(y${i}, 1), NEG1)), i64x2.splat(<i64>sw${i})), v128.load(k, ${16 * i}))`;
    if (i < L - 1)
      mixLines.push(
        `  vv = i64x2.add(${sum}, vc);`,
        `  u2_${i} = v128.and(vv, MASK);`,
        '  vc = i64x2.shr_u(vv, 29);',
      );
    else mixLines.push(`  u2_${i} = i64x2.add(${sum}, vc);`);
  }
  mixLines.push(`  k += ${FULL1_BYTES};`);
  // Teardown: q-steps, then a carry pass (through the bias for the SIMD lanes, signed for s2).
  const tear = [
    '  let q = i64x2.shr_u(u2_8, 19);',
    '  q = i64x2.add(q, i64x2.ne(q, ZERO));',
    '  u2_0 = i64x2.sub(u2_0, q);',
    '  u2_6 = i64x2.sub(i64x2.sub(u2_6, i64x2.shl(q, 22)), i64x2.shl(q, 18));',
    '  u2_8 = i64x2.sub(u2_8, i64x2.shl(q, 19));',
    '  let vc = ZERO;',
    '  let vv = ZERO;',
  ];
  for (let i = 0; i < L; i++) {
    const sum = `i64x2.add(i64x2.add(u2_${i}, ${splat(BIAS[i])}), vc)`;
    if (i < L - 1)
      tear.push(`  vv = ${sum};`, `  u2_${i} = v128.and(vv, MASK);`, '  vc = i64x2.shr_u(vv, 29);');
    else tear.push(`  u2_${i} = ${sum};`);
  }
  tear.push(
    '  let q2 = <i64>(c8 >> 19);',
    '  q2 -= <i64>(q2 !== 0);',
    '  let d0 = <i64>c0 - q2;',
    '  let d6 = <i64>c6 - q2 * 4456448;',
    '  let d8 = <i64>c8 - (q2 << 19);',
    '  let v: i64 = 0;',
    '  let cy: i64 = 0;',
  );
  for (let i = 0; i < L; i++) {
    const x = i === 0 || i === 6 || i === 8 ? `d${i}` : `<i64>c${i}`;
    if (i < L - 1) tear.push(`  v = ${x} + cy;`, `  c${i} = <u64>(v & 0x1fffffff);`, '  cy = v >> 29;');
    else tear.push(`  c${i} = <u64>(${x} + cy);`);
  }
  const x = (name, i) => name(i);
  const packWords = (name, off) => [
    `  store<u64>(s, ${x(name, 0)} | (${x(name, 1)} << 29) | (${x(name, 2)} << 58), ${off});`,
    `  store<u64>(s, (${x(name, 2)} >> 6) | (${x(name, 3)} << 23) | (${x(name, 4)} << 52), ${off + 8});`,
    `  store<u64>(s, (${x(name, 4)} >> 12) | (${x(name, 5)} << 17) | (${x(name, 6)} << 46), ${off + 16});`,
    `  store<u64>(s, (${x(name, 6)} >> 18) | (${x(name, 7)} << 11) | (${x(name, 8)} << 40), ${off + 24});`,
  ];
  return [
    `/** Bytes of one row in the table of hadesFullConstants1. */`,
    `export const FULL1_CONSTANT_BYTES: usize = ${FULL1_BYTES};`,
    '',
    `/** dst = rows ${FULL1_ROWS.join(', ')} of the round constants (96-byte rows at rc) for hadesFullRounds: per`,
    ' * row nine v128 (c0 + bias, c1 + 2p + bias + 1) then nine u64 c2 + 8p + bias. */',
    'export function hadesFullConstants1(dst: usize, rc: usize): void {',
    ...FULL1_ROWS.flatMap((row, r) => [
      ...limbs.flatMap((i) => [
        `  store<u64>(dst, ${limbOf('rc', 96 * row, i)} + ${u64(BIAS[i])}, ${FULL1_BYTES * r + 16 * i});`,
        `  store<u64>(dst, ${limbOf('rc', 96 * row + 32, i)} + ${u64(BIAS[i] + 2n * pw[i] + 1n)}, ${FULL1_BYTES * r + 16 * i + 8});`,
      ]),
      ...limbs.map(
        (i) =>
          `  store<u64>(dst, ${limbOf('rc', 96 * row + 64, i)} + ${u64(BIAS[i] + 8n * pw[i])}, ${FULL1_BYTES * r + 144 + 8 * i});`,
      ),
    ]),
    '}',
    '',
    '/**',
    ' * n full rounds of the state at s (3 felts below 2^256, limbs normalized) with the constants at k',
    ' * (rows of hadesFullConstants1), after one partial round if partialFirst (s0, s1 below 2^252 then);',
    ' * every element below 2^252 on return.',
    ' */',
    'export function hadesFullRounds(s: usize, k: usize, n: i32, partialFirst: bool): void {',
    '  const ZERO = i64x2.splat(0);',
    '  const MASK = i64x2.splat(0x1fffffff);',
    '  const NEG1 = i64x2.replace_lane(ZERO, 1, -1);',
    '  const M: u64 = 0x1fffffff;',
    ...limbs.map((i) => `  let u2_${i} = ${lanes(0, i)};`),
    ...limbs.map((i) => `  let c${i}: u64 = ${limbOf('s', 64, i)};`),
    ...limbs.map((i) => `  let y${i} = ZERO;`),
    // A partial round first (round 86): s0, s1 (below 2^252 < 2p) pass the S-box by.
    '  if (partialFirst) {',
    scalar.montColumns(scalar.squareCols('c'), 'st', 'sq').replace(/^/gm, '    '),
    scalar.montColumns(scalar.productCols('sq', 'c'), 'su', 'sw').replace(/^/gm, '    '),
    ...limbs.map((i) => `    y${i} = u2_${i};`),
    mixLines.join('\n').replace(/^/gm, '  '),
    '  }',
    '  for (let round = 0; round < n; round++) {',
    '    {',
    interleavedCube().replace(/^/gm, '    '),
    mixLines.join('\n').replace(/^/gm, '    '),
    '    }',
    '  }',
    ...tear,
    ...packWords((i) => `<u64>i64x2.extract_lane(u2_${i}, 0)`, 0),
    ...packWords((i) => `<u64>i64x2.extract_lane(u2_${i}, 1)`, 32),
    ...packWords((i) => `c${i}`, 64),
    '}',
    '',
  ].join('\n');
}

/** Writes the generated two-lane loop; returns the output path. */
export function generateHades2() {
  const file = join(
    dirname(fileURLToPath(import.meta.url)),
    '..',
    'assembly',
    'generated',
    'hades-partial2.ts',
  );
  writeFileSync(file, source());
  return file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) generateHades2();
