// Generates assembly/generated/mix.ts: Poseidon's linear layer fused with the next round's constants.
// Three field additions per output cost more than the S-box in a partial round; done once, limb-wise
// and reduced once, the layer becomes a fraction of that.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const P = 0x800000000000011000000000000000000000000000000000000000000000001n;
const N = 8;
const pl = Array.from({ length: N }, (_, i) => (P >> BigInt(32 * i)) & 0xffffffffn);

// Each output is a signed combination of s0, s1, s2, one constant and k·p (to keep it non-negative).
// M = [[3,1,1],[1,−1,1],[1,1,−2]]; outputs lie in [0, 8p).
const outputs = [
  { s: [3, 1, 1], c: 0, kp: 0 },
  { s: [1, -1, 1], c: 1, kp: 1 },
  { s: [1, 1, -2], c: 2, kp: 2 },
];

function term(coef, name) {
  if (coef === 1) return ` + ${name}`;
  if (coef === -1) return ` - ${name}`;
  return coef > 0 ? ` + ${coef} * ${name}` : ` - ${-coef} * ${name}`;
}

// reduce = false stores the value in [0, 8p) as is: fine for an input of the next S-box (montCube
// accepts inputs below 8p), not for one of the next linear layer. hasC = false: the constant is zero.
function output(k, { s, c, kp }, reduce, hasC) {
  const out = [`  // output ${k}`, '  cy = 0;'];
  for (let i = 0; i < N; i++) {
    let e = hasC ? `<i64>c${c}_${i}` : '<i64>0';
    s.forEach((coef, j) => {
      e += term(coef, `s${j}_${i}`);
    });
    if (kp && pl[i] !== 0n) e += ` + ${BigInt(kp) * pl[i]}`;
    if (!reduce) {
      out.push(`  v = ${e} + cy;`, `  store<u32>(s, <u32>v, ${32 * k + 4 * i});`, '  cy = v >> 32;');
      continue;
    }
    out.push(`  v = ${e} + cy;`, `  const w${k}_${i} = v & M;`, '  cy = v >> 32;');
  }
  if (!reduce) return out.join('\n');
  // Value < 8p < 2^254: q = bits 251…253; subtract q·p (limbs 0, 6, 7), then add p back if negative.
  out.push(`  q = w${k}_7 >> 27;`, '  cy = 0;');
  for (let i = 0; i < N; i++) {
    let e = `w${k}_${i}`;
    if (i === 0) e += ' - q';
    if (i === 6) e += ' - q * 17';
    if (i === 7) e += ' - (q << 27)';
    out.push(`  v = ${e} + cy;`, `  const x${k}_${i} = v & M;`, '  cy = v >> 32;');
  }
  out.push('  mask = cy & M;', '  cy = 0;');
  for (let i = 0; i < N; i++) {
    const add = pl[i] === 0n ? '' : ` + (mask & ${pl[i]})`;
    out.push(
      `  v = x${k}_${i}${add} + cy;`,
      `  store<u32>(s, <u32>v, ${32 * k + 4 * i});`,
      '  cy = v >> 32;',
    );
  }
  return out.join('\n');
}

// name: exported function; reduced[k]: whether output k is reduced below p; consts[k]: whether the
// constant row has a (possibly) non-zero entry k.
function mix(name, doc, reduced, consts) {
  const out = [`/** ${doc} */`, `export function ${name}(s: usize, c: usize): void {`];
  for (let j = 0; j < 3; j++) {
    for (let i = 0; i < N; i++) out.push(`  const s${j}_${i} = <i64>load<u32>(s, ${32 * j + 4 * i});`);
    if (consts[j])
      for (let i = 0; i < N; i++) out.push(`  const c${j}_${i} = <i64>load<u32>(c, ${32 * j + 4 * i});`);
  }
  out.push('  let v: i64 = 0;', '  let cy: i64 = 0;', '  let q: i64 = 0;', '  let mask: i64 = 0;');
  outputs.forEach((o, k) => {
    out.push(output(k, o, reduced[k], consts[o.c]));
  });
  out.push('  q = 0;', '  mask = 0;', '}');
  return out.join('\n');
}

// Partial rounds keep s0, s1 in [0, 2^252) instead of below p: an output v < 2^255 drops q' = max(q − 1, 0)
// multiples of p, q = ⌊v/2^251⌋, which lands in [0, 2^252). p's low limbs are 1, 0, …, 0, 17, so that
// subtraction touches limbs 0, 6 and 7 unless a borrow runs (about once in 2^28): one pass, not three.
// With inputs s0, s1 < 2^252 and s2 < 2p (the S-box output, not reduced below p): 3s0 + s1 + s2 < 2^255;
// s0 − s1 + s2 + 2p > 0; s0 + s1 − 2s2 + c2 + 4p lies in (0, 2^254), which the next S-box accepts unreduced.
const lazyOutputs = [
  { s: [3, 1, 1], c: false, kp: 0n, reduce: true },
  { s: [1, -1, 1], c: false, kp: 2n, reduce: true },
  { s: [1, 1, -2], c: true, kp: 4n, reduce: false },
];

function lazyOutput(k, { s, c, kp, reduce }) {
  const out = [`  // output ${k}`, '  cy = 0;'];
  for (let i = 0; i < N; i++) {
    let e = c ? `<i64>c2_${i}` : '<i64>0';
    s.forEach((coef, j) => {
      e += term(coef, `s${j}_${i}`);
    });
    if (kp && pl[i] !== 0n) e += ` + ${kp * pl[i]}`;
    if (!reduce) {
      out.push(`  v = ${e} + cy;`, `  store<u32>(s, <u32>v, ${32 * k + 4 * i});`, '  cy = v >> 32;');
      continue;
    }
    out.push(`  v = ${e} + cy;`, `  const w${k}_${i} = v & M;`, '  cy = v >> 32;');
  }
  if (!reduce) return out.join('\n');
  const w = (i) => `w${k}_${i}`;
  out.push(`  q = ${w(7)} >> 27;`, '  q -= <i64>(q !== 0);');
  out.push(`  if (${w(0)} >= q && ${w(6)} >= q * 17) {`);
  out.push(`    store<u32>(s, <u32>(${w(0)} - q), ${32 * k});`);
  for (let i = 1; i < 6; i++) out.push(`    store<u32>(s, <u32>${w(i)}, ${32 * k + 4 * i});`);
  out.push(`    store<u32>(s, <u32>(${w(6)} - q * 17), ${32 * k + 24});`);
  out.push(`    store<u32>(s, <u32>(${w(7)} - (q << 27)), ${32 * k + 28});`);
  out.push('  } else {', '    cy = 0;');
  for (let i = 0; i < N; i++) {
    let e = w(i);
    if (i === 0) e += ' - q';
    if (i === 6) e += ' - q * 17';
    if (i === 7) e += ' - (q << 27)';
    out.push(`    v = ${e} + cy;`, `    store<u32>(s, <u32>v, ${32 * k + 4 * i});`, '    cy = v >> 32;');
  }
  out.push('  }');
  return out.join('\n');
}

function lazyMix() {
  const out = [
    "/** The partial rounds' linear layer for c = (0, 0, c2): s0, s1 below 2^252 in and out, s2 < 2p in. */",
    'export function hadesMixLazy(s: usize, c: usize): void {',
  ];
  for (let j = 0; j < 3; j++)
    for (let i = 0; i < N; i++) out.push(`  const s${j}_${i} = <i64>load<u32>(s, ${32 * j + 4 * i});`);
  for (let i = 0; i < N; i++) out.push(`  const c2_${i} = <i64>load<u32>(c, ${64 + 4 * i});`);
  out.push('  let v: i64 = 0;', '  let cy: i64 = 0;', '  let q: i64 = 0;');
  lazyOutputs.forEach((o, k) => {
    out.push(lazyOutput(k, o));
  });
  out.push('}');
  return out.join('\n');
}

/** Writes the generated layer; returns the output path. */
// Limb stores become u64 stores of limb pairs: the next S-box reads the state as u64 words, and a u64
// load that spans two u32 stores cannot be forwarded from the store buffer (a stall every round).
function pairStores(text) {
  let n = 0;
  return text.replace(/^( *)store<u32>\(s, <u32>(.+), (\d+)\);$/gm, (_, sp, x, off) => {
    const o = Number(off);
    if (o % 8 === 0) return `${sp}const lo${o}_${++n} = <u64><u32>(${x});`;
    return `${sp}store<u64>(s, lo${o - 4}_${n} | (<u64><u32>(${x}) << 32), ${o - 4});`;
  });
}

export function generateMix() {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'assembly', 'generated');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'mix.ts');
  const src = [
    '// Generated by packages/crypto/scripts/gen-mix.mjs; do not edit.',
    'const M: i64 = 0xffffffff;',
    mix(
      'hadesMix',
      's = M·s + c for the Hades MDS matrix; s and c hold 3 elements below p.',
      [true, true, true],
      [true, true, true],
    ),
    mix(
      'hadesMixToFull',
      'hadesMix leaving every output below 8p: the next round cubes all three.',
      [false, false, false],
      [true, true, true],
    ),
    mix(
      'hadesMixToPartial',
      'hadesMix for c = (0, 0, c2), s2 left below 8p: the next round is partial.',
      [true, true, false],
      [false, false, true],
    ),
    lazyMix(),
    '',
  ];
  writeFileSync(file, pairStores(src.join('\n\n')));
  return file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) generateMix();
