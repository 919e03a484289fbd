// Side by side with wasm-cairo (the Rust cairo-vm in WASM): the same Cairo loop, compiled from the
// same Sierra, run by its runner and by ours. wasm-cairo compiles on every run call (tens of seconds), so
// its per-iteration figure is the CPU-time difference between a WASM_N-iteration run and a 0-iteration
// run, divided by WASM_N.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BuiltinName } from '@starling/cairo-vm';
import { loadCasmProgram, runFunction } from '@starling/cairo-vm';
import { cpuMs, report, selected } from '../../../scripts/bench-kit.ts';

const NAME = 'cairo side-by-side loop';
const N = 100_000;
// A million iterations make wasm-cairo's runner take minutes (not linear), so it runs N too.
const WASM_N = N;
const GAS = 1_000_000_000;
const source = (n: number) =>
  `fn main() -> felt252 { let mut a = 1; let mut i = 0; while i != ${n} { a = a * 3 + 1; i += 1; }; a }\n`;

interface WasmCairo {
  initSync(m: { module: Uint8Array }): unknown;
  compileCairoProgram(src: string, replaceIds: boolean): string;
  runCairoProgram(
    src: string,
    gas: number | undefined,
    w: boolean,
    m: boolean,
    p: boolean,
    d: boolean,
  ): string;
}

if (selected(NAME)) {
  const require = createRequire(import.meta.url);
  const wasmJs = require.resolve('wasm-cairo');
  const wc = (await import(wasmJs)) as WasmCairo;
  wc.initSync({ module: readFileSync(join(dirname(wasmJs), 'wasm-cairo_bg.wasm')) });

  const timeWasm = (n: number): { ms: number; out: string } => {
    const t = cpuMs();
    const out = wc.runCairoProgram(source(n), GAS, true, false, false, false);
    if (!out.includes('Run completed successfully')) throw new Error(`wasm-cairo: ${out}`);
    return { ms: cpuMs() - t, out };
  };
  const full = timeWasm(WASM_N);
  const empty = timeWasm(0);
  const wasmUs = ((full.ms - empty.ms) * 1000) / WASM_N;
  const wasmResult = /returning \[(0x[0-9a-f]+)\]/.exec(full.out)?.[1];

  // Ours: compile the same Sierra with the CLI once (not timed), then run in process.
  const dir = mkdtempSync(join(tmpdir(), 'starling-side-by-side-'));
  try {
    const sierraPath = join(dir, 'loop.sierra');
    const casmPath = join(dir, 'loop.json');
    writeFileSync(sierraPath, wc.compileCairoProgram(source(N), true));
    const cli = new URL('../bin/starling.js', import.meta.url).pathname;
    execFileSync(process.execPath, [cli, 'compile', sierraPath, '--out', casmPath]);
    const json = JSON.parse(readFileSync(casmPath, 'utf8')) as { builtins: BuiltinName[] };
    const program = loadCasmProgram(readFileSync(casmPath, 'utf8'));
    const run = () => runFunction(program, { builtins: json.builtins, gas: BigInt(GAS) });
    const result = run().returnValues(1)[0];
    const ours = `0x${(result as bigint).toString(16)}`;
    if (ours !== wasmResult) throw new Error(`results differ: ours ${ours}, wasm-cairo ${wasmResult}`);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = cpuMs();
      run();
      times.push(cpuMs() - t);
    }
    times.sort((a, b) => a - b);
    const oursUs = ((times[1] ?? 0) * 1000) / N;
    console.log(`wasm-cairo: ${wasmUs.toFixed(3)} µs/iter (CPU, ${WASM_N} iterations, compile subtracted)`);
    report(NAME, oursUs, 'µs/iter', { value: wasmUs, label: 'wasm-cairo' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
