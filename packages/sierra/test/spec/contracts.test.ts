import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  casmClassFromJson,
  casmClassToJson,
  compileContractClass,
  compiledClassHashV1,
  compiledClassHashV2,
  SierraError,
} from '../../src/index.ts';
import { readGoldenFile, sierraVectors } from '../helpers/golden.ts';

const dir = join(sierraVectors, 'contracts');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.contract_class.json'))
  .map((f) => f.replace('.contract_class.json', ''));
const expectedOf = (n: string) =>
  JSON.parse(readFileSync(join(dir, `${n}.compiled_contract_class.json`), 'utf8'));

// Contract pairs compiled by the pinned compiler (add_pythonic_hints, no size limit). A class that
// uses libfuncs this compiler cannot lower yet is skipped with their names; every other class must
// match field by field.
describe('contract classes: Sierra → CASM byte-exact', () => {
  let matched = 0;
  for (const n of names) {
    it(n, (t) => {
      let got: Record<string, unknown>;
      try {
        got = casmClassToJson(
          compileContractClass(readFileSync(join(dir, `${n}.contract_class.json`), 'utf8')),
        );
      } catch (e) {
        if (e instanceof SierraError && e.code === 'SIERRA_UNSUPPORTED_LIBFUNC') {
          t.skip(e.message);
          return;
        }
        throw e;
      }
      const exp = expectedOf(n);
      for (const k of [
        'prime',
        'compiler_version',
        'bytecode',
        'bytecode_segment_lengths',
        'hints',
        'pythonic_hints',
        'entry_points_by_type',
      ]) {
        assert.deepEqual(got[k], exp[k], `${n}: ${k}`);
      }
      matched++;
    });
  }
  it('summary', (t) => {
    t.diagnostic(`contract classes matching byte-exact: ${matched}/${names.length}`);
    assert.ok(matched > 0);
  });
});

describe('compiled class hashes (v1 Poseidon, v2 Blake2s)', () => {
  for (const c of readGoldenFile(join(dir, 'compiled_class_hash_test_data.contracts.txt'))) {
    const name = c.sections.get('compiled_class')!;
    it(name, () => {
      const casm = casmClassFromJson(expectedOf(name));
      assert.equal(compiledClassHashV2(casm).toString(16), c.sections.get('compiled_class_hash'));
      assert.equal(compiledClassHashV1(casm).toString(16), c.sections.get('legacy_compiled_class_hash'));
    });
  }
});

describe('contract compilation: typed errors', () => {
  const text = readFileSync(join(dir, 'minimal_contract__minimal_contract.contract_class.json'), 'utf8');
  const base = JSON.parse(text) as {
    sierra_program: string[];
    entry_points_by_type: Record<string, unknown[]>;
  };
  it('rejects unsupported Sierra versions', () => {
    for (const [maj, min] of [
      [1, 3],
      [1, 10],
      [2, 0],
    ]) {
      const prog = [...base.sierra_program];
      prog[0] = `0x${maj!.toString(16)}`;
      prog[1] = `0x${min!.toString(16)}`;
      assert.throws(
        () => compileContractClass({ ...base, sierra_program: prog }),
        (e: unknown) =>
          e instanceof SierraError &&
          e.code === 'SIERRA_UNSUPPORTED_VERSION' &&
          e.rpcError === 'UNSUPPORTED_CONTRACT_CLASS_VERSION',
      );
    }
  });
  it('enforces the allowed-libfunc list and the bytecode size limit', () => {
    assert.throws(
      () => compileContractClass(text, { allowedLibfuncs: { withdraw_gas: null } }),
      (e: unknown) =>
        e instanceof SierraError &&
        e.code === 'SIERRA_LIBFUNC_NOT_ALLOWED' &&
        e.rpcError === 'COMPILATION_FAILED',
    );
    compileContractClass(text, { allowedLibfuncs: 'audited' });
    assert.throws(
      () => compileContractClass(text, { maxBytecodeSize: 20 }),
      (e: unknown) => e instanceof SierraError && e.code === 'SIERRA_BYTECODE_TOO_LARGE',
    );
  });
  it('rejects bad entry points', () => {
    const ep = base.entry_points_by_type.EXTERNAL![0] as { selector: string; function_idx: number };
    const withEp = (eps: Record<string, unknown[]>) => ({
      ...base,
      entry_points_by_type: { ...base.entry_points_by_type, ...eps },
    });
    assert.throws(
      () => compileContractClass(withEp({ EXTERNAL: [{ ...ep, function_idx: 99 }] })),
      SierraError,
    );
    assert.throws(() => compileContractClass(withEp({ EXTERNAL: [ep, ep] })), SierraError);
    assert.throws(() => compileContractClass(withEp({ CONSTRUCTOR: [ep] })), SierraError);
    assert.throws(
      () => compileContractClass(withEp({ EXTERNAL: [{ ...ep, function_idx: 1 }] })),
      SierraError,
    );
  });
});
