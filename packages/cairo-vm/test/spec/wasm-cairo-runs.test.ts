// Differential against wasm-cairo (the Cairo compiler plus the Rust cairo-vm in WASM): the
// fixture holds the compiled program segment and the result of the Rust VM's run, produced by
// scripts/gen-wasm-cairo-fixtures.mjs. The same bytecode must give the same result here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadCasmProgram, runFunction } from '../../src/index.ts';

interface Run {
  name: string;
  bytecode: string[];
  result: string[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/wasm-cairo-runs.json', import.meta.url), 'utf8'),
) as {
  runs: Run[];
};

describe('wasm-cairo runs (Rust cairo-vm results)', () => {
  for (const run of fixture.runs) {
    it(`${run.name} returns ${run.result.join(', ')}`, () => {
      const program = loadCasmProgram({ bytecode: run.bytecode });
      // The runner's entry code (call main; ret) is at the start of the program segment.
      const runner = runFunction(program, {});
      assert.deepEqual(
        runner.returnValues(run.result.length),
        run.result.map((r) => BigInt(r)),
      );
    });
  }
});
