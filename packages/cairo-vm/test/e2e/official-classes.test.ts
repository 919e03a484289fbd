// Contract classes compiled by the Cairo compiler (official vectors, sierra-to-casm/contracts),
// run through the VM; expected values follow from the contracts' Cairo sources upstream.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { hash } from 'starknet';
import { vectorsDir } from '../../../../scripts/shared-paths.ts';
import { type CompiledClass, decodeInstruction, loadCompiledClass, VmError } from '../../src/index.ts';
import { call, TestHost } from '../helpers/test-host.ts';

const dir = join(vectorsDir, 'sierra-to-casm', 'contracts');
const sel = (n: string): bigint => BigInt(hash.getSelectorFromName(n));
const load = (name: string): CompiledClass =>
  loadCompiledClass(JSON.parse(readFileSync(join(dir, `${name}.compiled_contract_class.json`), 'utf8')));

describe('official compiled classes (Cairo 2.20)', () => {
  it('every class loads (all hints known) and its instruction stream decodes', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.compiled_contract_class.json'));
    assert.ok(files.length >= 15);
    const blake: string[] = [];
    for (const f of files) {
      const cls = load(f.replace('.compiled_contract_class.json', ''));
      const code = cls.program.bytecode;
      for (let pc = 0; pc < code.length; ) {
        try {
          pc += decodeInstruction(code[pc] as bigint).size;
        } catch (e) {
          // Blake2s opcodes (Stwo-only) appear in the classes that use the blake libfuncs; the
          // linear scan stops there (what follows may be data words).
          assert.ok(e instanceof VmError && e.code === 'UNSUPPORTED_OPCODE_EXTENSION', `${f} at ${pc}`);
          blake.push(f);
          break;
        }
      }
    }
    assert.ok(
      blake.every((f) => f.startsWith('libfuncs_coverage') || f.startsWith('max_entrypoint')),
      blake.join(),
    );
  });

  it('test_contract: constructor, storage-backed test(), ret_3, l1_handle and fixed-size arrays', () => {
    const cls = load('test_contract__test_contract');
    const host = new TestHost();
    assert.equal(call(cls, host, sel('constructor'), [41n], 'CONSTRUCTOR').failed, false);
    const key = BigInt(hash.starknetKeccak('my_storage_var'));
    assert.equal(host.storage.get(key), 41n);
    // test(ref arg, arg1, arg2): returns the ref argument, then storage + 1 - 1.
    const r = call(cls, host, sel('test'), [5n, 6n, 7n]);
    assert.deepEqual([r.failed, r.retdata], [false, [5n, 41n]]);
    assert.equal(host.storage.get(key), 42n);
    assert.deepEqual(call(cls, host, sel('ret_3'), []).retdata, [3n]);
    assert.deepEqual(call(cls, host, sel('l1_handle'), [0x1234n, 99n], 'L1_HANDLER').retdata, [99n]);
    assert.deepEqual(call(cls, host, sel('fixed_sized_array_usage'), [1n, 2n, 3n, 4n, 5n]).retdata, [
      1n,
      2n,
      3n,
      4n,
      5n,
    ]);
  });

  it('test_contract.segment_arena_builtin: a Felt252Dict created and squashed', () => {
    const r = call(load('test_contract__test_contract'), new TestHost(), sel('segment_arena_builtin'), []);
    assert.equal(r.failed, false);
    assert.ok((r.resources.builtin_instance_counter.segment_arena ?? 0) >= 1);
  });

  it('circuit_contract.circuit_builtins: EvalCircuit fills add_mod / mul_mod gates that check out', () => {
    const r = call(load('circuit_contract__circuit_contract'), new TestHost(), sel('circuit_builtins'), []);
    assert.equal(r.failed, false);
    const c = r.resources.builtin_instance_counter;
    assert.ok((c.add_mod ?? 0) > 0 && (c.mul_mod ?? 0) > 0 && (c.range_check96 ?? 0) > 0);
    // verify() re-checked a + b = c / a · b = c (mod p) for every filled gate.
    assert.doesNotThrow(() => r.runner.verify());
  });
});
