// Generates test/fixtures/three-dicts.json: a Cairo program with three Felt252Dicts, compiled to
// Sierra by wasm-cairo, to CASM (with hints) by `starling compile`, and run by wasm-cairo's runner
// (the Rust cairo-vm) for the expected result. Usage: node packages/cairo-vm/scripts/gen-dict-fixture.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileCairoProgram, initSync, runCairoProgram } from 'wasm-cairo';

const SOURCE = `fn main() -> felt252 {
    let mut a: Felt252Dict<felt252> = Default::default();
    let mut b: Felt252Dict<felt252> = Default::default();
    let mut c: Felt252Dict<felt252> = Default::default();
    let mut i = 0;
    while i != 12 {
        a.insert(i, i * 2 + 1);
        b.insert(i * 3, a.get(i) + b.get(i * 3 - 3));
        c.insert(7, c.get(7) + b.get(i * 3));
        i += 1;
    };
    c.get(7) + a.get(4) * 1000 + b.get(6) * 1000000
}
`;

const root = new URL('../../../', import.meta.url).pathname;
initSync({ module: readFileSync(join(root, 'node_modules/wasm-cairo/wasm-cairo_bg.wasm')) });
const out = runCairoProgram(SOURCE, undefined, true, false, false, false);
const result = /returning \[([^\]]*)\]/
  .exec(out)?.[1]
  ?.split(',')
  .map((s) => s.trim());
if (result === undefined) throw new Error(`wasm-cairo run failed: ${out.slice(0, 400)}`);
const dir = mkdtempSync(join(tmpdir(), 'dict-fixture-'));
try {
  writeFileSync(join(dir, 'p.sierra'), compileCairoProgram(SOURCE, true));
  execFileSync(process.execPath, [
    join(root, 'packages/cli/bin/starling.js'),
    'compile',
    join(dir, 'p.sierra'),
    '--out',
    join(dir, 'p.json'),
  ]);
  const casm = JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8'));
  writeFileSync(
    new URL('../test/fixtures/three-dicts.json', import.meta.url),
    `${JSON.stringify({ generator: 'wasm-cairo 0.10.2 (Sierra, result) + starling compile (CASM)', source: SOURCE, result, wasmCairoOutput: out.split('\n')[0], casm }, null, 2)}\n`,
  );
  console.log('result', result);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
