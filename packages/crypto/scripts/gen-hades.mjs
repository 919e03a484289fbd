// Generates assembly/generated/hades-partial.ts: Hades' partial rounds as one loop with the state in
// locals, as nine 29-bit limbs per element (cube29's radix), so that neither the S-box nor the linear
// layer packs or unpacks limbs between rounds. The S-box is cube29's body (gen-cube.mjs) spliced in;
// s0 and s1 ride in the two lanes of SIMD values (see mixBody), which keeps them out of the S-box's way.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const P = 0x800000000000011000000000000000000000000000000000000000000000001n;
const W = 29;
const L = 9;
const pw = Array.from({ length: L }, (_, i) => (P >> BigInt(W * i)) & ((1n << BigInt(W)) - 1n));
if (pw[0] !== 1n || pw.some((v, i) => i !== 0 && i !== 6 && i !== 8 && v !== 0n)) throw new Error('p shape');
if (pw[8] !== 1n << 19n) throw new Error('p shape');
const limbs = Array.from({ length: L }, (_, i) => i);

function body(text, name) {
  const start = text.indexOf(`export function ${name}(`);
  const open = text.indexOf('{\n', start);
  const end = text.indexOf('\n}\n', open);
  if (start < 0 || end < 0) throw new Error(`${name} not found`);
  return text.slice(open + 2, end);
}

// cube29 on the limbs u2_0..8, in place. Its output only feeds the linear layer below, which takes
// s2 < 2p: the final subtraction of p is dropped.
function cubeBody(text) {
  let b = body(text, 'cube29');
  if (!/select<u64>\(w\d, s\d, keep\)/.test(b)) throw new Error('cube29 shape');
  b = b
    .replace(/^ *const aw\d = load<u64>\(a, \d+\);\n/gm, '')
    .replace(/^( *)const a(\d) = .*;$/gm, (_, sp, i) => `${sp}const a${i} = u2_${i};`)
    .replace(/select<u64>\((w\d), s\d, keep\)/g, '$1')
    .replace(/^ *store<u64>\(r, .*\n?/gm, '')
    .replace(/\bM\b/g, 'M29');
  return `${b}\n${limbs.map((i) => `  u2_${i} = z${i};`).join('\n')}`;
}

// 8 u32 limbs at ptr + off (four u64 words) → nine 29-bit limbs <name>0..8.
function unpack(name, ptr, off, type) {
  const out = [0, 1, 2, 3].map((w) => `  const ${name}w${w} = load<u64>(${ptr}, ${off + 8 * w});`);
  for (let i = 0; i < L; i++) {
    const bit = W * i;
    const w = Math.floor(bit / 64);
    const sh = bit % 64;
    let e = sh === 0 ? `${name}w${w}` : `(${name}w${w} >> ${sh})`;
    if (sh + W > 64 && w + 1 < 4) e = `(${e} | (${name}w${w + 1} << ${64 - sh}))`;
    if (i < L - 1) e = `${e} & ${(1n << BigInt(W)) - 1n}`;
    out.push(
      `  ${type === 'let' ? 'let' : 'const'} ${name}${i}: ${type === 'let' ? 'i64' : 'u64'} = <${type === 'let' ? 'i64' : 'u64'}>(${e});`,
    );
  }
  return out.join('\n');
}

// Normalized 29-bit limbs <name>0..8 (value < 2^256) → four u64 words at s + off.
function pack(name, off) {
  const x = (i) => `<u64>${name}${i}`;
  return [
    `  store<u64>(s, ${x(0)} | (${x(1)} << 29) | (${x(2)} << 58), ${off});`,
    `  store<u64>(s, (${x(2)} >> 6) | (${x(3)} << 23) | (${x(4)} << 52), ${off + 8});`,
    `  store<u64>(s, (${x(4)} >> 12) | (${x(5)} << 17) | (${x(6)} << 46), ${off + 16});`,
    `  store<u64>(s, (${x(6)} >> 18) | (${x(7)} << 11) | (${x(8)} << 40), ${off + 24});`,
  ].join('\n');
}

// Worth zero: 2^31 on limbs 0…7, −4 on limbs 1…8 (2^31 = 4·2^29), as in gen-hades2.mjs (whose
// hadesPartialConstants table holds c2 + 8p + this bias per limb).
const BIAS = limbs.map((i) => (i < L - 1 ? 1n << 31n : 0n) - (i > 0 ? 4n : 0n));
if (BIAS.reduce((acc, b, i) => acc + (b << BigInt(W * i)), 0n) !== 0n) throw new Error('bias');
const i64 = (v) => BigInt.asIntN(64, v);

// The linear layer M = [[3,1,1],[1,−1,1],[1,1,−2]] plus (0, 0, c2). s0 and s1 live in the two lanes of
// SIMD values S_i = (s0_i, s1_i) (limbs in (−2^27, 2^29), wrapped; values below 2^252), so that their
// update runs on the vector units beside the scalar S-box and leaves the general registers to it.
// With Σ = S + swap(S) = (s0 + s1, s0 + s1): S' = Σ + (2s0, −2s1) + y + (bias, 2p + bias) =
// (3s0 + s1 + y, s0 − s1 + y + 2p), every limb sum non-negative; one carry pass, then q' = max(q − 1, 0)
// multiples of p (q = ⌊v/2^251⌋) are dropped (limbs 0, 6 may go slightly negative), landing in
// [0, 2^252). The new s2 = s0 + s1 − 2y + c2 + 8p (Σ's lane 0 and the table's limbs) lies in (0, 2^255)
// and takes one signed carry pass in the general registers.
// s2' (the next S-box's input, on the critical path): G = Σ and YP = y are kept for partN.
function partE() {
  const out = ['  let v: i64 = 0;', '  let cy: i64 = 0;'];
  for (let i = 0; i < L; i++) {
    out.push(`  G${i} = i64x2.add(S${i}, i32x4.shuffle(S${i}, S${i}, 2, 3, 0, 1));`, `  YP${i} = u2_${i};`);
  }
  for (let i = 0; i < L; i++) {
    const e = `i64x2.extract_lane(G${i}, 0) + load<i64>(k, ${8 * i}) - (<i64>YP${i} << 1)`;
    if (i < L - 1) out.push(`  v = ${e} + cy;`, `  u2_${i} = <u64>(v & M29S);`, '  cy = v >> 29;');
    else out.push(`  u2_${i} = <u64>(${e} + cy);`);
  }
  out.push('  k += 72;');
  return out.join('\n');
}

// s0', s1' from the previous round's G and y (the vector units' share, interleaved with the next S-box).
function partN() {
  const out = ['  let vc = ZERO;', '  let vv = ZERO;'];
  for (let i = 0; i < L; i++) {
    const d = `v128.xor(i64x2.shl(S${i}, 1), NEG1)`;
    const sum = `i64x2.add(i64x2.add(i64x2.add(G${i}, ${d}), i64x2.splat(<i64>YP${i})), K${i})`;
    if (i < L - 1) {
      out.push(
        `  vv = i64x2.add(${sum}, vc);`,
        `  S${i} = v128.and(vv, MASK);`,
        '  vc = i64x2.shr_u(vv, 29);',
      );
    } else out.push(`  S${i} = i64x2.add(${sum}, vc);`);
  }
  out.push(
    '  let q = i64x2.shr_u(S8, 19);',
    '  q = i64x2.add(q, i64x2.ne(q, ZERO));',
    '  S0 = i64x2.sub(S0, q);',
    '  S6 = i64x2.sub(S6, i64x2.add(i64x2.shl(q, 22), i64x2.shl(q, 18)));',
    '  S8 = i64x2.sub(S8, i64x2.shl(q, 19));',
  );
  return out.join('\n');
}

// Lines of a and b merged in proportion (each keeps its own order).
function interleave(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  const out = [];
  for (let i = 0, j = 0; i < x.length || j < y.length; ) {
    if (j >= y.length || (i < x.length && i * y.length <= j * x.length)) out.push(x[i++]);
    else out.push(y[j++]);
  }
  return out.join('\n');
}

// Constants of the loop: the lane-wise bias and 2p (plus 1: the xor with NEG1 negates lane 1 but for it).
function constants() {
  const out = [
    '  const ZERO = i64x2.splat(0);',
    '  const MASK = i64x2.splat(0x1fffffff);',
    '  const NEG1 = i64x2.replace_lane(ZERO, 1, -1);',
  ];
  for (let i = 0; i < L; i++) {
    out.push(
      `  const K${i} = i64x2.replace_lane(i64x2.splat(${i64(BIAS[i])}), 1, ${i64(BIAS[i] + 2n * pw[i] + 1n)});`,
    );
  }
  return out.join('\n');
}

const indent = (s) => s.replace(/^/gm, '  ');

/** Writes the generated loop (after cube29.ts); returns the output path. */
export function generateHades() {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'assembly', 'generated');
  const cube = cubeBody(readFileSync(join(dir, 'cube29.ts'), 'utf8'));
  const src = [
    '// Generated by packages/crypto/scripts/gen-hades.mjs; do not edit.',
    '',
    'const M29: u64 = (1 << 29) - 1;',
    'const M29S: i64 = (1 << 29) - 1;',
    '',
    '/**',
    ' * n partial rounds on the state at s (s0, s1 below 2^252, s2 below 2^255; the same bounds on return)',
    ' * with the constants at k (hadesPartialConstants in hades-partial2.ts): each cubes s2 and applies the',
    ' * linear layer with its row’s c2 (n ≥ 1).',
    ' */',
    'export function hadesPartialRounds(s: usize, k: usize, n: i32): void {',
    constants(),
    unpack('s0_', 's', 0, 'const'),
    unpack('s1_', 's', 32, 'const'),
    unpack('s2_', 's', 64, 'const'),
    ...limbs.map((i) => `  let S${i} = i64x2.replace_lane(i64x2.splat(<i64>s0_${i}), 1, <i64>s1_${i});`),
    ...limbs.map((i) => `  let u2_${i}: u64 = s2_${i};`),
    ...limbs.map((i) => `  let G${i} = ZERO;`),
    ...limbs.map((i) => `  let YP${i}: u64 = 0;`),
    // Software-pipelined: each round's s0, s1 update runs beside the next round's S-box.
    '  {',
    indent(cube),
    '  }',
    '  {',
    indent(partE()),
    '  }',
    '  for (let round = 1; round < n; round++) {',
    '    {',
    indent(indent(interleave(cube, partN()))),
    '    }',
    '    {',
    indent(indent(partE())),
    '    }',
    '  }',
    '  {',
    indent(partN()),
    '  }',
    // S through the bias (its limbs may be wrapped negatives) to normalized limbs, then each lane packed.
    '  let vc = ZERO;',
    '  let vv = ZERO;',
    ...limbs.flatMap((i) => {
      const sum = `i64x2.add(i64x2.add(S${i}, i64x2.splat(${i64(BIAS[i])})), vc)`;
      if (i === L - 1) return [`  S${i} = ${sum};`];
      return [`  vv = ${sum};`, `  S${i} = v128.and(vv, MASK);`, '  vc = i64x2.shr_u(vv, 29);'];
    }),
    ...[0, 1].flatMap((lane) =>
      limbs.map((i) => `  const u${lane}_${i} = i64x2.extract_lane(S${i}, ${lane});`),
    ),
    pack('u0_', 0),
    pack('u1_', 32),
    pack('u2_', 64),
    '}',
    '',
  ].join('\n');
  const file = join(dir, 'hades-partial.ts');
  writeFileSync(file, src);
  return file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) generateHades();
