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

// Montgomery reduction of the 16-limb product in t0..t15 (each < 2^32), then r = t mod p into ptr r.
// p ≡ 1 (mod 2^32), so m = −t_i; p's other non-zero limbs are 17 (limb 6) and 2^27 (limb 7).
function reduceAndStore() {
  const out = ['  let c: u64 = 0;', '  let v: u64 = 0;', '  let m: u64 = 0;'];
  for (let i = 0; i < N; i++) {
    out.push(`  v = t${i} + c;`, '  m = (0 - v) & M;', '  c = (v + m) >> 32;');
    out.push(`  t${i + 6} += m * 17;`, `  t${i + 7} += m << 27;`);
  }
  for (let j = 0; j < N; j++) {
    out.push(`  v = t${8 + j} + c;`, `  const r${j} = v & M;`, '  c = v >> 32;');
  }
  out.push(condSubStore('r', 'r'));
  return out.join('\n');
}

// Stores x (limbs x0..x7, each < 2^32, value < 2p) minus p when x ≥ p.
function condSubStore(x, ptr) {
  const out = ['  let d: i64 = 0;', '  let bw: i64 = 0;'];
  for (let i = 0; i < N; i++) {
    out.push(`  d = <i64>${x}${i} - ${pl[i]} + bw;`, `  const s${i} = <u64>d & M;`, '  bw = d >> 32;');
  }
  // bw = −1 when x < p: keep x; else keep s. Branch-free: the outcome is data-dependent.
  for (let i = 0; i < N; i++)
    out.push(`  store<u32>(${ptr}, <u32>select<u64>(${x}${i}, s${i}, bw < 0), ${4 * i});`);
  return out.join('\n');
}

function mul() {
  const out = [
    '/** r = a·b·2^−256 mod p (Montgomery product); r may alias a or b. */',
    'export function montMul(r: usize, a: usize, b: usize): void {',
    load('a', 'a'),
    load('b', 'b'),
  ];
  for (let k = 0; k < 2 * N; k++) out.push(`  let t${k}: u64 = 0;`);
  out.push('  let x: u64 = 0;', '  let cc: u64 = 0;');
  for (let i = 0; i < N; i++) {
    out.push('  cc = 0;');
    for (let j = 0; j < N; j++) {
      const add = i === 0 ? '' : ` + t${i + j}`;
      out.push(`  x = a${i} * b${j}${add} + cc;`, `  t${i + j} = x & M;`, '  cc = x >> 32;');
    }
    out.push(`  t${i + N} = cc;`);
  }
  out.push(reduceAndStore(), '}');
  return out.join('\n');
}

function sqr() {
  const out = [
    '/** r = a²·2^−256 mod p; r may alias a. */',
    'export function montSqr(r: usize, a: usize): void {',
    load('a', 'a'),
  ];
  for (let k = 0; k < 2 * N; k++) out.push(`  let t${k}: u64 = 0;`);
  out.push('  let x: u64 = 0;', '  let cc: u64 = 0;');
  // Off-diagonal products a_i·a_j (i < j), each once.
  for (let i = 0; i < N - 1; i++) {
    out.push('  cc = 0;');
    for (let j = i + 1; j < N; j++) {
      out.push(`  x = a${i} * a${j} + t${i + j} + cc;`, `  t${i + j} = x & M;`, '  cc = x >> 32;');
    }
    out.push(`  t${i + N} = cc;`);
  }
  // Double them, then add the squares a_i² on the diagonal.
  for (let k = 2 * N - 1; k > 0; k--) out.push(`  t${k} = ((t${k} << 1) | (t${k - 1} >> 31)) & M;`);
  out.push('  t0 = (t0 << 1) & M;', '  cc = 0;');
  for (let i = 0; i < N; i++) {
    out.push(`  x = a${i} * a${i};`);
    out.push(`  cc = t${2 * i} + (x & M) + cc;`, `  t${2 * i} = cc & M;`, '  cc >>= 32;');
    out.push(`  cc = t${2 * i + 1} + (x >> 32) + cc;`, `  t${2 * i + 1} = cc & M;`, '  cc >>= 32;');
  }
  out.push(reduceAndStore(), '}');
  return out.join('\n');
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
  out.push(condSubStore('x', 'r'), '}');
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
    sqr(),
    addFn(),
    subFn(),
    '',
  ].join('\n\n');
  writeFileSync(file, src);
  return file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) generateMont();
