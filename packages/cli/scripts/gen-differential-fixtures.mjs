// Generates the differential fixtures: Cairo sources under fixtures/cairo are compiled to Sierra and run
// by wasm-cairo (the upstream Cairo 2.8.2 compiler and the Rust cairo-vm in WASM); the results are written
// under fixtures/differential for test/e2e/differential.test.ts.
//
// One compile of the corelib costs wasm-cairo tens of seconds, so the programs are batched: each source
// becomes a module `<name>` of one crate (its `main` stays separate), compiled once to Sierra. The
// non-panicking programs run together under a driver `main` that serializes each result with a length
// prefix and panics with the lot; programs named panic_* run one by one, since a panic ends the run.
//
// Usage: node packages/cli/scripts/gen-differential-fixtures.mjs
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const wasmJs = require.resolve('wasm-cairo');
const wc = await import(wasmJs);
wc.initSync({ module: readFileSync(join(dirname(wasmJs), 'wasm-cairo_bg.wasm')) });

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const srcDir = join(root, 'cairo');
const outDir = join(root, 'differential');
const GAS = 1_000_000_000;

const programs = readdirSync(srcDir)
  .filter((f) => f.endsWith('.cairo'))
  .sort()
  .map((f) => ({ name: basename(f, '.cairo'), source: readFileSync(join(srcDir, f), 'utf8') }));
const panics = programs.filter((p) => p.name.startsWith('panic_'));
const plain = programs.filter((p) => !p.name.startsWith('panic_'));

const modules = programs.map((p) => `mod ${p.name} {\n${p.source}}\n`).join('\n');
const driver = (list) =>
  `fn main() -> felt252 {\n    let mut out: Array<felt252> = array![];\n${list
    .map(
      (p) =>
        `    {\n        let mut o: Array<felt252> = array![];\n        ${p.name}::main().serialize(ref o);\n        out.append(o.len().into());\n        out.append_span(o.span());\n    }\n`,
    )
    .join('')}    panic(out)\n}\n`;

/** Parses cairo1-run's result line into return felts or panic data. */
function parseRun(text) {
  // Panic data prints as hex felts with no separator, each followed by its short string when printable:
  // drop the strings, then split on the `0x` prefixes.
  const felts = (s) =>
    s
      .replace(/ \('.*?'\)/gs, '')
      .split(/0x/)
      .map((t) => t.replace(/[\s,]/g, ''))
      .filter((t) => t !== '')
      .map((t) => BigInt(`0x${t}`));
  const gas = /Remaining gas: (\d+)/.exec(text)?.[1];
  const remainingGas = gas !== undefined ? gas : null;
  const ok = /Run completed successfully, returning \[(.*)\]/s.exec(text);
  if (ok) return { ok: true, values: felts(ok[1]), remainingGas };
  const bad = /Run panicked with \[(.*)\]/s.exec(text);
  if (bad) return { ok: false, values: felts(bad[1]), remainingGas };
  throw new Error(`unrecognised wasm-cairo output: ${text}`);
}

const t0 = Date.now();
const all = `${modules}\n${driver(plain)}`;
const allPath = join(outDir, 'all.cairo.txt');
// Reuse the batch outputs when the batched source is unchanged (a compile costs tens of seconds).
const cached = existsSync(allPath) && readFileSync(allPath, 'utf8') === all;
let runText;
if (cached) {
  runText = readFileSync(join(outDir, 'all.run.txt'), 'utf8');
} else {
  writeFileSync(allPath, all);
  writeFileSync(join(outDir, 'all.sierra'), wc.compileCairoProgram(all, true));
  console.log(`compiled ${programs.length} programs in ${Date.now() - t0} ms`);
  runText = wc.runCairoProgram(all, GAS, true, false, false, false);
  writeFileSync(join(outDir, 'all.run.txt'), runText);
}
const batch = parseRun(runText);
// The driver hands its results back as panic data: the runner prints that in full (an Array return
// value would print as two pointers).
if (batch.ok) throw new Error(`driver did not panic: ${runText}`);
const flat = batch.values;
let at = 0;
for (const p of plain) {
  const n = Number(flat[at]);
  const values = flat.slice(at + 1, at + 1 + n);
  at += 1 + n;
  write(p, { panicked: false, values });
}
if (at !== flat.length) throw new Error(`driver output has ${flat.length} felts, consumed ${at}`);

for (const p of process.env.SKIP_PANICS ? [] : panics) {
  const text = wc.runCairoProgram(`${p.source}`, GAS, true, false, false, false);
  const r = parseRun(text);
  if (r.ok) throw new Error(`${p.name} was expected to panic: ${text}`);
  write(p, { panicked: true, values: r.values, remainingGas: r.remainingGas });
  console.log(`${p.name}: ${text.trim()}`);
}

function write(p, result) {
  const expected = {
    program: p.name,
    sierra: 'all.sierra',
    function: `${p.name}::main`,
    panicked: result.panicked,
    // Return values as cairo1-run lays them out (felts); for a panic, the panic data.
    values: result.values.map((v) => `0x${v.toString(16)}`),
    // Remaining gas of a run started with `initial_gas` (programs run alone only: the batched ones share
    // one run, so they have none of their own).
    initial_gas: GAS,
    remaining_gas: result.remainingGas ?? null,
    source: 'wasm-cairo 0.10.2 (Cairo 2.8.2 compiler, Rust cairo-vm)',
  };
  writeFileSync(join(outDir, `${p.name}.expected.json`), `${JSON.stringify(expected, null, 2)}\n`);
}
console.log(`done in ${Date.now() - t0} ms`);
