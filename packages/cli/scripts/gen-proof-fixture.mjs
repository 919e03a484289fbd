// Generates fixtures/proof/fib_u128.sierra with wasm-cairo (the upstream Cairo 2.8.2 compiler): a small
// program (u128 arithmetic, recursion with gas, range checks) for the compile → run → prove → verify test.
//
// Usage: node packages/cli/scripts/gen-proof-fixture.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const wasmJs = require.resolve('wasm-cairo');
const wc = await import(wasmJs);
wc.initSync({ module: readFileSync(join(dirname(wasmJs), 'wasm-cairo_bg.wasm')) });

const source = `fn fib(a: u128, b: u128, n: u32) -> u128 {
    if n == 0 { a } else { fib(b, a + b, n - 1) }
}

fn main() -> u128 {
    fib(0, 1, 50)
}
`;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'proof');
writeFileSync(join(out, 'fib_u128.cairo'), source);
writeFileSync(join(out, 'fib_u128.sierra'), wc.compileCairoProgram(source, true));
console.log('wrote fixtures/proof/fib_u128.sierra');
