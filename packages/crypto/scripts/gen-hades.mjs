// Generates assembly/generated/hades-partial.ts: Hades' partial rounds as one loop with the state in
// locals, as nine 29-bit limbs per element (cube29's radix), so that neither the S-box nor the linear
// layer packs or unpacks limbs between rounds. The S-box is cube29's body (gen-cube.mjs) spliced in.
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

function term(coef, name) {
  if (coef === 1) return ` + ${name}`;
  if (coef === -1) return ` - ${name}`;
  return coef > 0 ? ` + ${coef} * ${name}` : ` - ${-coef} * ${name}`;
}

// The linear layer M = [[3,1,1],[1,−1,1],[1,1,−2]] plus (0, 0, c2) on s0, s1 in [0, 2^252) and s2 in
// [0, 2p). Outputs are sums of signed limbs with one carry pass each (limbs 0…7 normalized, limb 8 the
// rest): 3s0 + s1 + s2 < 2^255 and s0 − s1 + s2 + 2p in (0, 2^255) then drop q' = max(q − 1, 0)
// multiples of p, q = ⌊v/2^251⌋, landing in [0, 2^252) — subtracted from limbs 0, 6, 8 without a carry
// pass (the next layer's carry pass absorbs the slightly negative limbs). s0 + s1 − 2s2 + c2 + 4p lies
// in (0, 2^254) and goes to the S-box as is.
const outputs = [
  { s: [3, 1, 1], c: false, kp: 0n },
  { s: [1, -1, 1], c: false, kp: 2n },
  { s: [1, 1, -2], c: true, kp: 4n },
];

function mixBody() {
  const out = [
    unpack('c', 'rc', 64, 'const'),
    '  let v: i64 = 0;',
    '  let cy: i64 = 0;',
    '  let q: i64 = 0;',
  ];
  outputs.forEach(({ s, c, kp }, k) => {
    out.push('  cy = 0;');
    for (let i = 0; i < L; i++) {
      let e = c ? `<i64>c${i}` : '<i64>0';
      s.forEach((coef, j) => {
        e += term(coef, j === 2 ? `<i64>u2_${i}` : `u${j}_${i}`);
      });
      if (kp && pw[i] !== 0n) e += ` + ${kp * pw[i]}`;
      if (i < L - 1) out.push(`  v = ${e} + cy;`, `  const n${k}_${i} = v & M29S;`, '  cy = v >> 29;');
      else out.push(`  const n${k}_${i} = ${e} + cy;`);
    }
  });
  for (let k = 0; k < 2; k++) {
    out.push(`  q = n${k}_8 >> 19;`, '  q -= <i64>(q !== 0);');
    for (let i = 0; i < L; i++) {
      let e = `n${k}_${i}`;
      if (i === 0) e += ' - q';
      if (i === 6) e += ` - q * ${pw[6]}`;
      if (i === 8) e += ' - (q << 19)';
      out.push(`  u${k}_${i} = ${e};`);
    }
  }
  for (let i = 0; i < L; i++) out.push(`  u2_${i} = <u64>n2_${i};`);
  return out.join('\n');
}

// Signed limbs <name>0..8 of a value in [0, 2^252) → normalized limbs (one carry pass).
function normalize(name) {
  const out = ['  cy = 0;'];
  for (let i = 0; i < L - 1; i++)
    out.push(`  v = ${name}${i} + cy;`, `  ${name}${i} = v & M29S;`, '  cy = v >> 29;');
  out.push(`  ${name}8 += cy;`);
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
    ' * n partial rounds on the state at s (s0, s1 below 2^252, s2 below 2^254; the same bounds on return):',
    ' * each cubes s2, steps rc by one row and applies the linear layer with that row’s c2. Returns rc.',
    ' */',
    'export function hadesPartialRounds(s: usize, rc: usize, n: i32): usize {',
    unpack('s0_', 's', 0, 'const'),
    unpack('s1_', 's', 32, 'const'),
    unpack('s2_', 's', 64, 'const'),
    ...limbs.map((i) => `  let u0_${i}: i64 = <i64>s0_${i};`),
    ...limbs.map((i) => `  let u1_${i}: i64 = <i64>s1_${i};`),
    ...limbs.map((i) => `  let u2_${i}: u64 = s2_${i};`),
    '  for (let round = 0; round < n; round++) {',
    '    {',
    indent(indent(cube)),
    '    }',
    '    rc += 96;',
    '    {',
    indent(indent(mixBody())),
    '    }',
    '  }',
    '  let v: i64 = 0;',
    '  let cy: i64 = 0;',
    normalize('u0_'),
    normalize('u1_'),
    pack('u0_', 0),
    pack('u1_', 32),
    pack('u2_', 64),
    '  return rc;',
    '}',
    '',
  ].join('\n');
  const file = join(dir, 'hades-partial.ts');
  writeFileSync(file, src);
  return file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) generateHades();
