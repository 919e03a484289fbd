// Side by side with wasm-cairo (Cairo 2.8 compiler + the Rust cairo-vm 1.0 in WASM): the same Cairo
// programs, compiled from the same Sierra, run by its runCairoProgram and by our VM; one line per
// program with the ratio.
//
// How wasm-cairo is timed: runCairoProgram(source, gas, allowWarnings, printFullMemory = false,
// runProfiler = false, useDbgPrintHint = false) compiles the source on every call (about 13 s of CPU
// on an idle 2-core machine) and then runs it. Its WASM build uses the wee_alloc allocator, and one
// instance slows down with every call (a second compile in the same instance takes longer, a run
// after a compile costs several times more per iteration and grows faster than linearly with N), so
// each measurement is one call in a fresh process: per-iteration cost = (CPU(N) − CPU(0)) / N, with N
// large enough that the run dwarfs the compile's run-to-run noise (about ±1 s under load).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuiltinName } from '@starling/cairo-vm';
import { loadCasmProgram, runFunction } from '@starling/cairo-vm';
import { cpuMs, report, selected } from '../../../scripts/bench-kit.ts';

// runCairoProgram takes the gas as a wasm32 usize: at most 2^32 - 1.
const GAS = 4_000_000_000n;

interface SideBySide {
  name: string;
  /** Iterations for the timed runs (the run must dwarf wasm-cairo's compile noise). */
  n: number;
  /** Cairo source of `main` for n iterations. */
  source: (n: number) => string;
}

const PROGRAMS: SideBySide[] = [
  {
    name: 'felt loop (a = a * 3 + 1)',
    n: 1_000_000,
    source: (n) =>
      `fn main() -> felt252 { let mut a = 1; let mut i = 0; while i != ${n} { a = a * 3 + 1; i += 1; }; a }\n`,
  },
  {
    name: 'u64 arithmetic (a = (a * 7 + i) % 1000003)',
    n: 300_000,
    source: (n) =>
      `fn main() -> u64 { let mut a: u64 = 1; let mut i: u64 = 0; while i != ${n} { a = (a * 7 + i) % 1000003; i += 1; }; a }\n`,
  },
  {
    name: 'array (append n felts, then sum them)',
    n: 300_000,
    source: (n) => `fn main() -> felt252 {
    let mut arr: Array<felt252> = ArrayTrait::new();
    let mut i: u32 = 0;
    while i != ${n} { arr.append(i.into()); i += 1; };
    let mut s: felt252 = 0;
    let mut j: u32 = 0;
    while j != ${n} { s += *arr.at(j); j += 1; };
    s
}
`,
  },
  {
    name: 'dictionary (64 counters, n updates)',
    n: 100_000,
    source: (n) => `fn main() -> felt252 {
    let mut d: Felt252Dict<felt252> = Default::default();
    let mut i: u64 = 0;
    while i != ${n} { let k: felt252 = (i % 64).into(); d.insert(k, d.get(k) + i.into()); i += 1; };
    d.get(5)
}
`,
  },
  {
    name: 'hashing (Pedersen chain)',
    n: 20_000,
    source: (n) =>
      `fn main() -> felt252 { let mut a = 1; let mut i = 0; while i != ${n} { a = core::pedersen::pedersen(a, i); i += 1; }; a }\n`,
  },
];

// One runCairoProgram call in a fresh process (fresh WASM instance); prints CPU ms and the output.
// With mode 'compile' it writes the compiled Sierra instead (its own fresh instance too).
const CHILD = `
import { readFileSync, writeFileSync } from 'node:fs';
const [wasmJs, wasmBin, src, gas, sierraOut] = process.argv.slice(1);
const wc = await import(wasmJs);
wc.initSync({ module: readFileSync(wasmBin) });
if (sierraOut) {
  writeFileSync(sierraOut, wc.compileCairoProgram(readFileSync(src, 'utf8'), true));
} else {
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const t = cpu();
  const out = wc.runCairoProgram(readFileSync(src, 'utf8'), Number(gas), true, false, false, false);
  console.log(JSON.stringify({ ms: cpu() - t, out }));
}
`;

const require = createRequire(import.meta.url);
const wasmJs = require.resolve('wasm-cairo');
const wasmBin = join(wasmJs, '..', 'wasm-cairo_bg.wasm');
const cli = new URL('../bin/starling.js', import.meta.url).pathname;

function wasmChild(dir: string, src: string, sierraOut = ''): string {
  const path = join(dir, `src-${Math.random().toString(36).slice(2)}.cairo`);
  writeFileSync(path, src);
  return execFileSync(
    process.execPath,
    ['--input-type=module', '-e', CHILD, wasmJs, wasmBin, path, String(Number(GAS)), sierraOut],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
}

function wasmRun(dir: string, src: string): { ms: number; result: string | undefined } {
  const { ms, out } = JSON.parse(wasmChild(dir, src)) as { ms: number; out: string };
  if (!out.includes('Run completed successfully')) throw new Error(`wasm-cairo: ${out.slice(0, 300)}`);
  return { ms, result: /returning \[(0x[0-9a-f]+)\]/.exec(out)?.[1] };
}

for (const p of PROGRAMS) {
  const name = `cairo side-by-side ${p.name}`;
  if (!selected(name)) continue;
  const dir = mkdtempSync(join(tmpdir(), 'starling-side-by-side-'));
  try {
    const sierra = join(dir, 'p.sierra');
    const full = wasmRun(dir, p.source(p.n));
    // The compile-only baseline is the minimum of two fresh runs: on a busy machine one call can take
    // several times its usual CPU time, and the minimum is the least disturbed.
    const empty = [wasmRun(dir, p.source(0)), wasmRun(dir, p.source(0))].reduce((a, b) =>
      a.ms < b.ms ? a : b,
    );
    wasmChild(dir, p.source(p.n), sierra);
    // A negative difference means the machine disturbed the baseline: report ours without a ratio.
    const wasmUs = full.ms > empty.ms ? ((full.ms - empty.ms) * 1000) / p.n : 0;

    // Ours: `starling compile` the Sierra wasm-cairo produced (not timed), then run in process.
    const casmPath = join(dir, 'p.json');
    execFileSync(process.execPath, [cli, 'compile', sierra, '--out', casmPath]);
    const json = JSON.parse(readFileSync(casmPath, 'utf8')) as { builtins: BuiltinName[] };
    const program = loadCasmProgram(readFileSync(casmPath, 'utf8'));
    const run = () => runFunction(program, { builtins: json.builtins, gas: GAS, maxSteps: 2 ** 31 });
    const result = run().returnValues(1)[0];
    const ours = `0x${(result as bigint).toString(16)}`;
    if (ours !== full.result) throw new Error(`${p.name}: ours ${ours}, wasm-cairo ${full.result}`);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = cpuMs();
      run();
      times.push(cpuMs() - t);
    }
    times.sort((a, b) => a - b);
    const oursUs = ((times[1] ?? 0) * 1000) / p.n;
    console.log(
      `  wasm-cairo ${p.name}: ${wasmUs.toFixed(3)} µs/iter (CPU ${full.ms.toFixed(0)} ms at n = ${p.n}, ${empty.ms.toFixed(0)} ms at n = 0)`,
    );
    report(name, oursUs, 'µs/iter', wasmUs > 0 ? { value: wasmUs, label: 'wasm-cairo' } : undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
