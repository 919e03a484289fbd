import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { vectorsDir } from '../../../../scripts/shared-paths.ts';
import { casmProgramToString, compileProgram, parseSierraText, wrapProgramForRun } from '../../src/index.ts';

// The compiler's example programs (v2.20.0): each .casm was compiled with ap-change-only metadata
// and no gas check, except the *_gas ones (gas metadata and gas_usage_check).
const dir = join(vectorsDir, 'cairo-vm', 'cairo-examples');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.sierra'))
  .map((f) => f.replace(/\.sierra$/, ''));
const compile = (n: string) =>
  compileProgram(
    parseSierraText(readFileSync(join(dir, `${n}.sierra`), 'utf8')),
    n.endsWith('_gas') ? { gasUsageCheck: true } : { apChangeOnly: true },
  );

describe('cairo examples: Sierra → CASM text', () => {
  for (const n of names) {
    it(n, () => {
      assert.equal(
        casmProgramToString(compile(n)).trim(),
        readFileSync(join(dir, `${n}.casm`), 'utf8').trim(),
      );
    });
  }
});

describe('entry wrapper (cairo1-run style)', () => {
  it('fib: no builtins, three felt arguments, calls the first function', () => {
    const c = compile('fib');
    const w = wrapProgramForRun(c);
    assert.deepEqual(w.builtins, []);
    assert.equal(w.argCells, 3);
    assert.equal(w.returnCells, 1);
    assert.equal(w.function, c.registry.program.funcs[0]!.id);
    // The program follows the entry code unchanged.
    assert.equal(w.bytecode.length, w.entrySize + c.statementOffsets.at(-1)! + c.consts.totalSize);
  });
  it('hash_chain_gas: builtins in the runner order, then the gas counter', () => {
    const w = wrapProgramForRun(compile('hash_chain_gas'));
    // Its signature is (RangeCheck, GasBuiltin, Pedersen, felt252): the caller's order differs.
    assert.deepEqual(w.builtins, ['pedersen', 'range_check', 'gas_builtin']);
    assert.equal(w.argCells, 1);
    // PanicResult<(felt252,)>: variant, padding, value.
    assert.equal(w.returnCells, 3);
  });
  it('the wasm-cairo program: SegmentArena and System are allocated, not taken from the caller', () => {
    const file = join(import.meta.dirname, '../fixtures/wasm-cairo/programs.sierra');
    const c = compileProgram(parseSierraText(readFileSync(file, 'utf8')), { gasUsageCheck: true });
    const w = wrapProgramForRun(c, '[8]');
    assert.deepEqual(w.builtins, ['pedersen', 'range_check', 'poseidon', 'gas_builtin']);
    assert.equal(w.argCells, 0);
    // Two AllocSegment hints at pc 0 (arena and infos).
    assert.deepEqual(
      w.hints[0]![1].map((h) => h.name),
      ['AllocSegment', 'AllocSegment'],
    );
    assert.equal(w.hints[0]![0], 0);
  });
});
