import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileContractClass, compileProgram, parseSierraText, SierraError } from '../../src/index.ts';

const SOURCE = `type felt252 = felt252;
libfunc felt252_add = felt252_add;
libfunc store_temp<felt252> = store_temp<felt252>;
felt252_add([0], [1]) -> ([2]);
store_temp<felt252>([2]) -> ([2]);
return ([2]);
test_program@0([0]: felt252, [1]: felt252) -> (felt252);`;

describe('internal failures surface as typed errors', () => {
  it('a corrupted program object fails with SIERRA_COMPILATION_FAILED naming the statement', () => {
    const program = parseSierraText(SOURCE);
    assert.equal(compileProgram(program).statementOffsets.length, 4);
    // Break statement #1 in a way no validation anticipates: its argument list is gone.
    const st = program.statements[1]!;
    assert.equal(st.kind, 'invocation');
    (st as { args: unknown }).args = undefined;
    assert.throws(
      () => compileProgram(program),
      (e: unknown) =>
        e instanceof SierraError &&
        e.code === 'SIERRA_COMPILATION_FAILED' &&
        e.cause instanceof TypeError &&
        /statement #1 \(store_temp<felt252>\) in function test_program/.test(e.message),
    );
  });

  it('a malformed contract class object is a typed error, not a TypeError', () => {
    assert.throws(
      () => compileContractClass({ program: {}, sierraVersion: { major: 1, minor: 6, patch: 0 } }),
      (e: unknown) => e instanceof SierraError && e.code === 'SIERRA_COMPILATION_FAILED',
    );
  });
});
