import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseSierraText, SierraError } from '../../src/index.ts';
import { listE2eFiles, readGoldenFile, sierraVectors } from '../helpers/golden.ts';

describe('Sierra text parser', () => {
  it('parses a small program with labels and branches', () => {
    const p = parseSierraText(`
type felt252 = felt252 [storable: true, drop: true, dup: true, zero_sized: false];
type Const<felt252, -5> = Const<felt252, -5> [storable: false, drop: false, dup: false, zero_sized: false];
libfunc felt252_is_zero = felt252_is_zero;
libfunc call = function_call<user@test::foo>;
F0: // entry
felt252_is_zero([0]) { fallthrough() F1([1]) };
return ();
F1:
call([1]) -> ([2]);
return ([2]);
test::foo@F0([0]: felt252) -> (felt252);
`);
    assert.equal(p.types.length, 2);
    assert.deepEqual(p.types[1]!.longId.args[1], { kind: 'value', value: -5n });
    assert.deepEqual(p.libfuncs[1]!.longId.args[0], { kind: 'userFunc', id: 'test::foo' });
    assert.equal(p.statements.length, 4);
    const s0 = p.statements[0]!;
    assert.ok(s0.kind === 'invocation');
    assert.deepEqual(
      s0.branches.map((b) => b.target),
      [null, 2],
    );
    assert.equal(p.funcs[0]!.entryPoint, 0);
  });
  it('parses every golden sierra_code section', () => {
    let n = 0;
    for (const f of listE2eFiles()) {
      for (const c of readGoldenFile(join(sierraVectors, 'e2e', f))) {
        const p = parseSierraText(c.sections.get('sierra_code')!);
        assert.ok(p.funcs.length > 0, `${f}/${c.name}`);
        n++;
      }
    }
    assert.ok(n > 300);
  });
  it('reports typed errors for malformed text', () => {
    for (const bad of [
      'type = ;',
      'libfunc x = y',
      'F0: foo([0]) -> ([1]) ;\nF0:\n',
      'x@L([0]: t) -> ();',
      '#',
    ]) {
      assert.throws(() => parseSierraText(bad), SierraError, bad);
    }
  });
});
