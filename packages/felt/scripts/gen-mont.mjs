// Generates assembly/generated/mont.ts: fully unrolled Stark252 Montgomery kernels on 8×32-bit limbs.
// Unrolled straight-line code keeps every limb in a wasm local; a loop over memory is several times slower.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const P = 0x800000000000011000000000000000000000000000000000000000000000001n;
const N = 8;
const limbs = (v) => Array.from({ length: N }, (_, i) => (v >> BigInt(32 * i)) & 0xffffffffn);
const pl = limbs(P);

const load = (name, ptr) =>
  Array.from({ length: N }, (_, i) => `  const ${name}${i} = <u64>load<u32>(${ptr}, ${4 * i});`).join('\n');

// Code blocks below take name prefixes so that one function can chain several products in locals.

// Montgomery reduction of the 16-limb product in <t>0..<t>15 (each < 2^32) into locals <r>0..<r>7
// (value < 2p, not yet reduced below p). p ≡ 1 (mod 2^32), so m = −t_i; p's other non-zero limbs are
// 17 (limb 6) and 2^27 (limb 7).
function reduce(t, r) {
  const out = [`  let ${t}c: u64 = 0;`, `  let ${t}v: u64 = 0;`, `  let ${t}m: u64 = 0;`];
  for (let i = 0; i < N; i++) {
    out.push(`  ${t}v = ${t}${i} + ${t}c;`, `  ${t}m = (0 - ${t}v) & M;`, `  ${t}c = (${t}v + ${t}m) >> 32;`);
    out.push(`  ${t}${i + 6} += (${t}m << 4) + ${t}m;`, `  ${t}${i + 7} += ${t}m << 27;`);
  }
  for (let j = 0; j < N; j++) {
    out.push(`  ${t}v = ${t}${8 + j} + ${t}c;`, `  const ${r}${j} = ${t}v & M;`, `  ${t}c = ${t}v >> 32;`);
  }
  return out.join('\n');
}

// Stores x (limbs x0..x7, each < 2^32, value < 2p) minus p when x ≥ p. After a Montgomery product
// x ≥ p is rare (about 1 in 32), so a branch predicts well; after additions it is a coin toss, so
// those select branch-free.
function condSubStore(x, ptr, branchFree = false) {
  const out = ['  let d: i64 = 0;', '  let bw: i64 = 0;'];
  for (let i = 0; i < N; i++) {
    out.push(`  d = <i64>${x}${i} - ${pl[i]} + bw;`, `  const s${i} = <u64>d & M;`, '  bw = d >> 32;');
  }
  if (branchFree) {
    for (let i = 0; i < N; i++)
      out.push(`  store<u32>(${ptr}, <u32>select<u64>(${x}${i}, s${i}, bw < 0), ${4 * i});`);
    return out.join('\n');
  }
  out.push('  if (bw < 0) {');
  for (let i = 0; i < N; i++) out.push(`    store<u32>(${ptr}, <u32>${x}${i}, ${4 * i});`);
  out.push('  } else {');
  for (let i = 0; i < N; i++) out.push(`    store<u32>(${ptr}, <u32>s${i}, ${4 * i});`);
  out.push('  }');
  return out.join('\n');
}

// Schoolbook product of locals a0..a7 and b0..b7 into <t>0..<t>15 (operand scanning).
function product(a, b, t) {
  const out = [];
  for (let k = 0; k < 2 * N; k++) out.push(`  let ${t}${k}: u64 = 0;`);
  out.push(`  let ${t}x: u64 = 0;`, `  let ${t}cc: u64 = 0;`);
  for (let i = 0; i < N; i++) {
    out.push(`  ${t}cc = 0;`);
    for (let j = 0; j < N; j++) {
      const add = i === 0 ? '' : ` + ${t}${i + j}`;
      out.push(
        `  ${t}x = ${a}${i} * ${b}${j}${add} + ${t}cc;`,
        `  ${t}${i + j} = ${t}x & M;`,
        `  ${t}cc = ${t}x >> 32;`,
      );
    }
    out.push(`  ${t}${i + N} = ${t}cc;`);
  }
  return out.join('\n');
}

// Square of locals a0..a7 into <t>0..<t>15: off-diagonal products once, doubled, plus the diagonal.
function square(a, t) {
  const out = [];
  for (let k = 0; k < 2 * N; k++) out.push(`  let ${t}${k}: u64 = 0;`);
  out.push(`  let ${t}x: u64 = 0;`, `  let ${t}cc: u64 = 0;`);
  for (let i = 0; i < N - 1; i++) {
    out.push(`  ${t}cc = 0;`);
    for (let j = i + 1; j < N; j++) {
      out.push(
        `  ${t}x = ${a}${i} * ${a}${j} + ${t}${i + j} + ${t}cc;`,
        `  ${t}${i + j} = ${t}x & M;`,
        `  ${t}cc = ${t}x >> 32;`,
      );
    }
    out.push(`  ${t}${i + N} = ${t}cc;`);
  }
  for (let k = 2 * N - 1; k > 0; k--) out.push(`  ${t}${k} = ((${t}${k} << 1) | (${t}${k - 1} >> 31)) & M;`);
  out.push(`  ${t}0 = (${t}0 << 1) & M;`, `  ${t}cc = 0;`);
  for (let i = 0; i < N; i++) {
    out.push(`  ${t}x = ${a}${i} * ${a}${i};`);
    out.push(
      `  ${t}cc = ${t}${2 * i} + (${t}x & M) + ${t}cc;`,
      `  ${t}${2 * i} = ${t}cc & M;`,
      `  ${t}cc >>= 32;`,
    );
    out.push(
      `  ${t}cc = ${t}${2 * i + 1} + (${t}x >> 32) + ${t}cc;`,
      `  ${t}${2 * i + 1} = ${t}cc & M;`,
      `  ${t}cc >>= 32;`,
    );
  }
  return out.join('\n');
}

function mul() {
  return [
    '/** r = a·b·2^−256 mod p (Montgomery product); r may alias a or b. */',
    'export function montMul(r: usize, a: usize, b: usize): void {',
    load('a', 'a'),
    load('b', 'b'),
    product('a', 'b', 't'),
    reduce('t', 'q'),
    condSubStore('q', 'r'),
    '}',
  ].join('\n');
}

// The element-wise product as one loop with the product inlined: no call per element, pointers stepped.
function mulVec() {
  const body = [
    load('a', 'a'),
    load('b', 'b'),
    product('a', 'b', 't'),
    reduce('t', 'q'),
    condSubStore('q', 'r'),
  ]
    .join('\n')
    .replace(/^ {2}/gm, '    ');
  return [
    '/** r[i] = a[i]·b[i]·2^−256 mod p for n elements; r may alias a or b. */',
    'export function montMulVec(r: usize, a: usize, b: usize, n: i32): void {',
    '  const end = a + ((<usize>n) << 5);',
    '  while (a < end) {',
    body,
    '    a += 32;',
    '    b += 32;',
    '    r += 32;',
    '  }',
    '}',
  ].join('\n');
}

function sqr() {
  return [
    '/** r = a²·2^−256 mod p; r may alias a. */',
    'export function montSqr(r: usize, a: usize): void {',
    load('a', 'a'),
    square('a', 't'),
    reduce('t', 'q'),
    condSubStore('q', 'r'),
    '}',
  ].join('\n');
}

// a²·a with the square left below 2p in locals: a·b < 2p² keeps the second reduction below 2p.
function cube() {
  return [
    '/** r = a³ in Montgomery form (the Poseidon S-box); r may alias a. */',
    'export function montCube(r: usize, a: usize): void {',
    load('a', 'a'),
    square('a', 't'),
    reduce('t', 'q'),
    product('q', 'a', 'u'),
    reduce('u', 'w'),
    condSubStore('w', 'r'),
    '}',
  ].join('\n');
}

function addFn() {
  const out = [
    '/** r = a + b mod p (inputs < p). */',
    'export function fieldAdd(r: usize, a: usize, b: usize): void {',
    load('a', 'a'),
    load('b', 'b'),
    '  let cc: u64 = 0;',
  ];
  for (let i = 0; i < N; i++)
    out.push(`  cc = a${i} + b${i} + cc;`, `  const x${i} = cc & M;`, '  cc >>= 32;');
  out.push(condSubStore('x', 'r', true), '}');
  return out.join('\n');
}

function subFn() {
  const out = [
    '/** r = a − b mod p (inputs < p). */',
    'export function fieldSub(r: usize, a: usize, b: usize): void {',
    load('a', 'a'),
    load('b', 'b'),
    '  let d: i64 = 0;',
    '  let bw: i64 = 0;',
  ];
  for (let i = 0; i < N; i++) {
    out.push(`  d = <i64>a${i} - <i64>b${i} + bw;`, `  let x${i} = <u64>d & M;`, '  bw = d >> 32;');
  }
  // On borrow add p back (its limbs are 1, 0…0, 17, 2^27), masked rather than branched.
  out.push('  const mask: u64 = <u64>bw & M;', '  let cc: u64 = 0;');
  for (let i = 0; i < N; i++) {
    const addend = pl[i] === 0n ? '' : ` + (mask & ${pl[i]})`;
    out.push(`  cc = x${i}${addend} + cc;`, `  store<u32>(r, <u32>cc, ${4 * i});`, '  cc >>= 32;');
  }
  out.push('}');
  return out.join('\n');
}

/** Writes the generated kernels; returns the output path. */
export function generateMont() {
  const here = dirname(fileURLToPath(import.meta.url));
  const dir = join(here, '..', 'assembly', 'generated');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'mont.ts');
  const src = [
    '// Generated by packages/felt/scripts/gen-mont.mjs; do not edit.',
    'const M: u64 = 0xffffffff;',
    mul(),
    mulVec(),
    sqr(),
    cube(),
    addFn(),
    subFn(),
    '',
  ].join('\n\n');
  writeFileSync(file, src);
  return file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) generateMont();
