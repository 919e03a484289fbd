// Generates the differential fixtures: Cairo sources under fixtures/cairo are compiled to Sierra and run
// by wasm-cairo (the upstream Cairo 2.8.2 compiler and the Rust cairo-vm in WASM); the results are written
// under fixtures/differential for test/e2e/differential.test.ts.
//
// One compile of the corelib costs wasm-cairo tens of seconds, so the programs are batched: each source
// becomes a module `<name>` of one crate (its `main` stays separate), compiled once to Sierra. The
// non-panicking programs run together under a driver `main` that serializes each result with a length
// prefix and panics with the lot; programs named panic_* run one by one, since a panic ends the run.
//
// Every program also runs alone, in a child process of its own, for its remaining gas and the runner's
// result line (cached in fixtures/differential/<name>.run.txt, keyed by the source).
//
// Usage: node packages/cli/scripts/gen-differential-fixtures.mjs
// (REVERSE=1 walks the programs backwards, so that two runs can share the standalone work.)

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

// Every program also runs alone (one compile each, ~15 s): its remaining gas and the runner's printed
// result line are its own. A program's standalone output is cached next to the fixtures, keyed by source.
for (const p of process.env.SKIP_ALONE ? [] : process.env.REVERSE ? [...programs].reverse() : programs) {
  const cachePath = join(outDir, `${p.name}.run.txt`);
  const cacheKey = `// source: ${p.source.length} chars, ${hashOf(p.source)}\n`;
  let text;
  if (existsSync(cachePath) && readFileSync(cachePath, 'utf8').startsWith(cacheKey)) {
    text = readFileSync(cachePath, 'utf8').slice(cacheKey.length);
  } else {
    // One child process per program: a wasm-cairo instance's memory only grows ("Vector capacity
    // exceeded" after a few compiles), and module instances are never freed.
    text = await runAlone(p.source);
    writeFileSync(cachePath, cacheKey + text);
  }
  let r;
  try {
    r = parseRun(text);
  } catch {
    // wasm-cairo cannot run a few programs alone (e.g. "Vector capacity exceeded"): keep the batched
    // values and record why there is no standalone output.
    const prev = JSON.parse(readFileSync(join(outDir, `${p.name}.expected.json`), 'utf8'));
    write(p, { panicked: false, values: prev.values.map(BigInt), standaloneError: text.trim() });
    console.log(`${p.name}: standalone run failed: ${text.trim()}`);
    continue;
  }
  if (p.name.startsWith('panic_') === r.ok) throw new Error(`${p.name}: unexpected outcome: ${text}`);
  const alone = { remainingGas: r.remainingGas, output: text.trim() };
  if (r.ok) {
    const prev = JSON.parse(readFileSync(join(outDir, `${p.name}.expected.json`), 'utf8'));
    write(p, { panicked: false, values: prev.values.map(BigInt), ...alone });
  } else write(p, { panicked: true, values: r.values, ...alone });
  console.log(`${p.name}: ${text.trim()}`);
}

/** Runs one Cairo source with wasm-cairo's runner in a child process; resolves to what it printed. */
function runAlone(source) {
  const child = `
    import { readFileSync } from 'node:fs';
    const wc = await import(${JSON.stringify(pathToFileURL(wasmJs).href)});
    wc.initSync({ module: readFileSync(${JSON.stringify(join(dirname(wasmJs), 'wasm-cairo_bg.wasm'))}) });
    process.stdout.write(wc.runCairoProgram(readFileSync(0, 'utf8'), ${GAS}, true, false, false, false));
  `;
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--input-type=module', '-e', child], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
    });
    proc.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`wasm-cairo child exited ${code}`)),
    );
    proc.stdin.end(source);
  });
}

function hashOf(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
}

function write(p, result) {
  const expected = {
    program: p.name,
    sierra: 'all.sierra',
    function: `${p.name}::main`,
    panicked: result.panicked,
    // Return values as cairo1-run lays them out (felts); for a panic, the panic data.
    values: result.values.map((v) => `0x${v.toString(16)}`),
    // Remaining gas of the program run alone, started with `initial_gas`.
    initial_gas: GAS,
    remaining_gas: result.remainingGas ?? null,
    // What the runner printed for the program run alone (result line and remaining gas).
    output: result.output ?? null,
    ...(result.standaloneError ? { standalone_error: result.standaloneError } : {}),
    source: 'wasm-cairo 0.10.2 (Cairo 2.8.2 compiler, Rust cairo-vm)',
  };
  writeFileSync(join(outDir, `${p.name}.expected.json`), `${JSON.stringify(expected, null, 2)}\n`);
}
console.log(`done in ${Date.now() - t0} ms`);
