import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CasmClass,
  calculateClassHash,
  calculateCompiledClassHash,
  compiledClassHashVersionFor,
  type NestedIntList,
  parseCasmClass,
  parseSierraClass,
} from '@starling/protocol';
import { hash } from 'starknet';
import { artifactNames, loadArtifact } from '../helpers/artifacts.ts';
import { hex, Rng } from '../helpers/random.ts';

// A handful of real classes, small to large, so the suite stays quick.
const SAMPLE = ['contracts_noop_ism', 'mocks_test_ism', 'contracts_MockAccount', 'token_HypErc20'];

describe('real classes (Cairo 2.10.1 artifacts) vs starknet.js', () => {
  const available = new Set(artifactNames());
  for (const name of SAMPLE.filter((n) => available.has(n))) {
    it(name, async () => {
      const { sierra, casm } = await loadArtifact(name);
      assert.equal(
        calculateClassHash(parseSierraClass(sierra)),
        BigInt(hash.computeSierraContractClassHash(sierra as never)),
      );
      const c = parseCasmClass(casm);
      assert.equal(
        calculateCompiledClassHash(c, 'v1'),
        BigInt(hash.computeCompiledClassHashPoseidon(casm as never)),
      );
      assert.equal(
        calculateCompiledClassHash(c, 'v2'),
        BigInt(hash.computeCompiledClassHashBlake(casm as never)),
      );
    });
  }
  it('samples exist', () => assert.ok(SAMPLE.filter((n) => available.has(n)).length >= 3));
});

function randomSegments(r: Rng, total: number, depth: number): NestedIntList {
  if (depth > 2 || total < 2 || r.int(3) === 0) return total;
  const parts: NestedIntList[] = [];
  let left = total;
  while (left > 0) {
    const len = Math.min(left, 1 + r.int(Math.max(1, Math.floor(total / 2))));
    parts.push(randomSegments(r, len, depth + 1));
    left -= len;
  }
  return parts;
}

function splitFlat(r: Rng, total: number): number[] {
  const parts: number[] = [];
  for (let left = total; left > 0; ) {
    const len = Math.min(left, 1 + r.int(total));
    parts.push(len);
    left -= len;
  }
  return parts;
}

function casmJson(c: CasmClass) {
  const eps = (t: keyof CasmClass['entryPointsByType']) =>
    c.entryPointsByType[t].map((e) => ({
      selector: hex(e.selector),
      offset: e.offset,
      builtins: e.builtins,
    }));
  const json: Record<string, unknown> = {
    prime: hex(c.prime),
    compiler_version: c.compilerVersion,
    bytecode: c.bytecode.map(hex),
    hints: [],
    entry_points_by_type: {
      EXTERNAL: eps('EXTERNAL'),
      L1_HANDLER: eps('L1_HANDLER'),
      CONSTRUCTOR: eps('CONSTRUCTOR'),
    },
  };
  if (c.bytecodeSegmentLengths !== undefined) json.bytecode_segment_lengths = c.bytecodeSegmentLengths;
  return json;
}

describe('compiled class hash of random CASM classes (nested segments) vs starknet.js', () => {
  it('v1 (Poseidon) and v2 (Blake2s)', () => {
    const r = new Rng(11);
    const builtins = [
      'pedersen',
      'range_check',
      'bitwise',
      'ec_op',
      'poseidon',
      'range_check96',
      'add_mod',
      'mul_mod',
    ];
    for (let i = 0; i < 20; i++) {
      const bytecode = Array.from({ length: 1 + r.int(60) }, () => r.felt());
      const ep = () => ({
        selector: r.felt(),
        offset: r.int(bytecode.length),
        builtins: builtins.filter(() => r.int(3) === 0),
      });
      const casm: CasmClass = {
        prime: 0x800000000000011000000000000000000000000000000000000000000000001n,
        compilerVersion: '2.10.1',
        bytecode,
        hints: [],
        entryPointsByType: {
          EXTERNAL: Array.from({ length: r.int(4) }, ep),
          L1_HANDLER: Array.from({ length: r.int(2) }, ep),
          CONSTRUCTOR: Array.from({ length: r.int(2) }, ep),
        },
      };
      // starknet.js's Poseidon (v1) variant only handles a flat list of segments; its Blake (v2)
      // variant follows the full rule (nested lists, absent field), so v1 is compared on flat lists.
      const flat = i % 2 === 0;
      if (flat) casm.bytecodeSegmentLengths = splitFlat(r, bytecode.length);
      else if (i % 5 !== 1) casm.bytecodeSegmentLengths = randomSegments(r, bytecode.length, 0);
      const json = casmJson(casm);
      assert.deepEqual(parseCasmClass(json), casm);
      if (flat) {
        assert.equal(
          calculateCompiledClassHash(casm, 'v1'),
          BigInt(hash.computeCompiledClassHashPoseidon(json as never)),
        );
      }
      assert.equal(
        calculateCompiledClassHash(casm, 'v2'),
        BigInt(hash.computeCompiledClassHashBlake(json as never)),
      );
    }
  });
  it('picks v2 from 0.14.1 on', () => {
    assert.equal(compiledClassHashVersionFor('0.14.0'), 'v1');
    assert.equal(compiledClassHashVersionFor('0.14.1'), 'v2');
    assert.equal(compiledClassHashVersionFor('0.15.0'), 'v2');
  });
});
