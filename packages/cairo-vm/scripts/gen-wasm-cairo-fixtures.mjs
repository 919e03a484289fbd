// Generates test/fixtures/wasm-cairo-runs.json: Cairo programs compiled and run by wasm-cairo
// (the Cairo compiler and the Rust cairo-vm in WASM) with the full memory printed. The program
// segment of that memory is the compiled CASM; the VM tests run it and compare the results.
// Usage: node packages/cairo-vm/scripts/gen-wasm-cairo-fixtures.mjs   (about a minute per program)
import { readFileSync, writeFileSync } from 'node:fs';
import { initSync, runCairoProgram } from 'wasm-cairo';

const RET = 0x208b7fff7fff7ffen;
const PROGRAMS = [
  {
    name: 'fib_felt_recursive',
    source: `fn fib(a: felt252, b: felt252, n: felt252) -> felt252 { if n == 0 { a } else { fib(b, a + b, n - 1) } }
fn main() -> felt252 { fib(1, 1, 30) * 3 + 7 }`,
  },
  {
    name: 'felt_mul_chain',
    source: `fn step(a: felt252, n: felt252) -> felt252 { if n == 0 { a } else { step(a * a + 3, n - 1) } }
fn main() -> felt252 { step(5, 40) }`,
  },
];

initSync({
  module: readFileSync(new URL('../../../node_modules/wasm-cairo/wasm-cairo_bg.wasm', import.meta.url)),
});
const runs = [];
for (const p of PROGRAMS) {
  const out = runCairoProgram(p.source, undefined, true, true, false, false);
  const result = /returning \[([^\]]*)\]/
    .exec(out)?.[1]
    ?.split(',')
    .map((s) => s.trim());
  const memText = /Full memory: \[(.*)\]/s.exec(out)?.[1] ?? '';
  const memory = memText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  // memory[0] is the unused address 0. The program segment starts at address 1 and ends with the
  // function code's last `ret`, the runner's extra `ret` and the builtin-cost pointer.
  const words = memory.map((s) => (s === '_' ? undefined : BigInt(s)));
  let end = -1;
  for (let i = 1; i + 2 < words.length; i++) {
    if (words[i] === RET && words[i + 1] === RET && (words[i + 2] ?? 0n) > BigInt(i + 2)) {
      end = i;
      break;
    }
  }
  if (end < 0 || result === undefined)
    throw new Error(`cannot parse the run of ${p.name}:\n${out.slice(0, 400)}`);
  runs.push({
    name: p.name,
    source: p.source,
    bytecode: words.slice(1, end + 1).map((w) => `0x${w.toString(16)}`),
    result,
    wasmCairoOutput: out.split('\n')[0],
  });
  console.log(p.name, 'bytecode words:', end, 'result:', result);
}
writeFileSync(
  new URL('../test/fixtures/wasm-cairo-runs.json', import.meta.url),
  `${JSON.stringify({ generator: 'wasm-cairo 0.10.2 runCairoProgram (print_full_memory)', runs }, null, 2)}\n`,
);
