import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assembleProgram, compileProgram, parseSierraText } from '../../src/index.ts';

// Sierra emitted by wasm-cairo (Cairo 2.8.2) for a program using recursion, arrays, u256,
// dictionaries, pedersen and poseidon (numeric ids, types declared out of order).
const file = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/wasm-cairo/programs.sierra');

describe('Sierra from another compiler version', () => {
  it('compiles the wasm-cairo program with consistent gas and layout', () => {
    const program = parseSierraText(readFileSync(file, 'utf8'));
    const compiled = compileProgram(program, { gasUsageCheck: true });
    const { bytecode } = assembleProgram(compiled);
    assert.equal(bytecode.length, compiled.statementOffsets.at(-1)! + compiled.consts.totalSize);
    // Every function got a gas cost, and the one hashing with pedersen pays a Pedersen token.
    assert.equal(compiled.metadata.functionCosts.size, program.funcs.length);
    assert.ok([...compiled.metadata.functionCosts.values()].some((m) => (m.get('Pedersen') ?? 0) > 0));
  });
});
