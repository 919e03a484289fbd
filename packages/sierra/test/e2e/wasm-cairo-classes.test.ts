import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { hash } from 'starknet';
import {
  casmClassToJson,
  compileContractClass,
  compiledClassHashV1,
  compiledClassHashV2,
  readContractClass,
} from '../../src/index.ts';

// Contract classes emitted by the wasm-cairo package (Cairo 2.8.2, Sierra 1.6.0), used by the
// devnet's genesis. That compiler is built for wasm32, so its felt252_serde writes a fallthrough
// branch as 2^32 - 1 (usize::MAX there) instead of 2^64 - 1; these classes used to crash the gas
// solver with a TypeError.
const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../../execution/fixtures');
const load = (name: string) => readFileSync(join(fixtures, `${name}.contract_class.json`), 'utf8');

describe('wasm-cairo (Sierra 1.6) contract classes', () => {
  for (const name of ['udc', 'messaging']) {
    it(`${name}: decodes fallthrough branches and compiles`, () => {
      const text = load(name);
      const cls = readContractClass(text);
      assert.deepEqual(cls.sierraVersion, { major: 1, minor: 6, patch: 0 });
      const n = cls.program.statements.length;
      let fallthroughs = 0;
      for (const st of cls.program.statements) {
        if (st.kind !== 'invocation') continue;
        for (const b of st.branches) {
          if (b.target === null) fallthroughs++;
          else assert.ok(b.target < n, `branch target ${b.target} out of range`);
        }
      }
      assert.ok(fallthroughs > 0);

      const casm = compileContractClass(text, { allowedLibfuncs: 'audited' });
      const json = casmClassToJson(casm) as {
        bytecode: string[];
        bytecode_segment_lengths: number[];
        entry_points_by_type: Record<string, { selector: string; offset: number; builtins: string[] }[]>;
      };
      // Sierra ≥ 1.5: the bytecode is segmented per function, segments cover it exactly.
      const total = json.bytecode_segment_lengths.reduce((a, b) => a + b, 0);
      assert.equal(total, json.bytecode.length);
      // Entry points keep the class's selectors, in order, at offsets inside the code.
      const raw = JSON.parse(text) as { entry_points_by_type: Record<string, { selector: string }[]> };
      for (const kind of ['EXTERNAL', 'L1_HANDLER', 'CONSTRUCTOR']) {
        const got = json.entry_points_by_type[kind]!;
        assert.deepEqual(
          got.map((e) => BigInt(e.selector)),
          raw.entry_points_by_type[kind]!.map((e) => BigInt(e.selector)),
        );
        for (const e of got) assert.ok(e.offset >= 0 && e.offset < json.bytecode.length);
      }
      // The compiled class hashes agree with starknet.js's own hashing of our output.
      assert.equal(compiledClassHashV1(casm), BigInt(hash.computeCompiledClassHashPoseidon(json as never)));
      assert.equal(compiledClassHashV2(casm), BigInt(hash.computeCompiledClassHashBlake(json as never)));
    });
  }

  it('udc: the external entry point is deploy_contract (selector per starknet.js)', () => {
    const casm = compileContractClass(load('udc'));
    assert.deepEqual(
      casm.entryPoints.EXTERNAL.map((e) => e.selector),
      [BigInt(hash.getSelectorFromName('deploy_contract'))],
    );
    // It hashes the unique salt with pedersen and checks ranges: pedersen and range_check, in the
    // compiler's canonical builtin order.
    const f = casm.entryPoints.EXTERNAL[0]!;
    assert.deepEqual(f.builtins, ['pedersen', 'range_check']);
  });
});
