import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type GenericArg, type LongId, readContractClass, SierraError } from '../../src/index.ts';
import { sierraVectors } from '../helpers/golden.ts';

const dir = join(sierraVectors, 'contracts');
const files = readdirSync(dir).filter((f) => f.endsWith('.contract_class.json'));

describe('contract class reader (felt252_serde + decompression)', () => {
  for (const f of files) {
    it(`${f}: libfunc long ids match the compiler's debug names`, () => {
      const cc = readContractClass(readFileSync(join(dir, f), 'utf8'));
      assert.deepEqual(cc.sierraVersion, { major: 1, minor: 9, patch: 3 });
      assert.deepEqual(cc.compilerVersion, { major: 2, minor: 20, patch: 0 });
      const names = cc.debugNames!;
      assert.equal(cc.program.libfuncs.length, names.libfuncs.size);
      assert.equal(cc.program.types.length, names.types.size);
      assert.equal(cc.program.funcs.length, names.funcs.size);
      const arg = (a: GenericArg): string => {
        switch (a.kind) {
          case 'type':
            return names.types.get(a.id)!;
          case 'value':
            return a.value.toString();
          case 'userFunc':
            return `user@${names.funcs.get(a.id)!}`;
          case 'libfunc':
            return `lib@${names.libfuncs.get(a.id)!}`;
          case 'userType':
            return `ut@${a.id}`;
        }
      };
      const show = (l: LongId) =>
        l.args.length ? `${l.genericId}<${l.args.map(arg).join(', ')}>` : l.genericId;
      for (const lf of cc.program.libfuncs) assert.equal(show(lf.longId), names.libfuncs.get(lf.id));
      for (const ep of cc.entryPoints.EXTERNAL) assert.ok(ep.functionIdx < cc.program.funcs.length);
    });
  }
});

describe('contract class reader: corrupted input', () => {
  const text = readFileSync(join(dir, 'minimal_contract__minimal_contract.contract_class.json'), 'utf8');
  const base = JSON.parse(text) as { sierra_program: string[] };
  const expectTyped = (obj: unknown) => {
    try {
      readContractClass(obj);
    } catch (e) {
      assert.ok(e instanceof SierraError, `untyped error: ${(e as Error).message}`);
      return;
    }
  };
  it('rejects non-JSON, missing fields and truncated programs with a typed error', () => {
    assert.throws(() => readContractClass('{'), SierraError);
    assert.throws(() => readContractClass('{}'), SierraError);
    assert.throws(
      () => readContractClass({ ...base, sierra_program: base.sierra_program.slice(0, 4) }),
      SierraError,
    );
    for (let n = 6; n < base.sierra_program.length; n += 3) {
      assert.throws(
        () => readContractClass({ ...base, sierra_program: base.sierra_program.slice(0, n) }),
        SierraError,
      );
    }
    assert.throws(() => readContractClass({ ...base, sierra_program: ['0x1', 'zz'] }), SierraError);
  });
  it('never crashes on randomly corrupted felts', () => {
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const values = [
      '0x0',
      '0x1',
      '0xffffffffffffffff',
      '0x800000000000011000000000000000000000000000000000000000000000000',
    ];
    for (let t = 0; t < 300; t++) {
      const prog = [...base.sierra_program];
      for (let k = 0; k < 1 + (t % 3); k++) {
        const at = 6 + (rnd() % (prog.length - 6));
        prog[at] = rnd() % 2 ? values[rnd() % values.length]! : `0x${rnd().toString(16)}`;
      }
      expectTyped({ ...base, sierra_program: prog });
    }
  });
});
