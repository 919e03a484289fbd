import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keccak256 } from '@starling/crypto';
import { GENERATOR, getFastField, P, pow, rootOfUnity } from '@starling/felt';
import {
  bigintVecField,
  getVecField,
  keccakHasher,
  LdeColumns,
  MerkleTree,
  proveCairo,
  serializeProof,
  setVecField,
  verifyCairo,
  wasmVecField,
} from '../../src/index.ts';
import { encodeU256s } from '../../src/stark/bytes.ts';
import { evaluateColumnsAt } from '../../src/stark/deep.ts';
import { fibExecution } from '../helpers/mini-cairo.ts';

function naiveEval(coeffs: readonly bigint[], x: bigint): bigint {
  let s = 0n;
  for (let i = 0; i < coeffs.length; i++) s = (s + coeffs[i]! * pow(x, BigInt(i))) % P;
  return s;
}

const fast = getFastField();
const fields = fast ? [bigintVecField, wasmVecField(fast)] : [bigintVecField];
const coeffs = Array.from({ length: 16 }, (_, i) => (BigInt(i) * 0x1234567n + (P - 99n) * BigInt(i & 1)) % P);

for (const vf of fields) {
  describe(`vector field (${vf.name})`, () => {
    it('coset transforms match naive evaluation and invert', () => {
      const evals = vf.cosetNtt(vf.fromBigints(coeffs), 5n);
      const w = rootOfUnity(4);
      const got = vf.toBigints(evals);
      for (let i = 0; i < 16; i++) assert.equal(got[i], naiveEval(coeffs, (5n * pow(w, BigInt(i))) % P));
      assert.deepEqual(vf.toBigints(vf.cosetIntt(evals, 5n)), coeffs);
    });
    it('element-wise operations agree with BigInt arithmetic', () => {
      const a = vf.fromBigints(coeffs);
      const b = vf.fromBigints(coeffs.map((c) => (c * c + 7n) % P));
      const prod = vf.toBigints(vf.mul(a, b));
      const sum = vf.toBigints(vf.add(a, b));
      const sc = vf.toBigints(vf.scale(a, P - 2n));
      coeffs.forEach((c, i) => {
        const d = (c * c + 7n) % P;
        assert.equal(prod[i], (c * d) % P);
        assert.equal(sum[i], (c + d) % P);
        assert.equal(sc[i], (c * (P - 2n)) % P);
      });
    });
    it('evaluates coefficient columns at a point', () => {
      const x = 0x987654321abcdefn;
      assert.deepEqual(evaluateColumnsAt(vf, [vf.fromBigints(coeffs)], x), [naiveEval(coeffs, x)]);
    });
    it('LDE sub-cosets hold the evaluations on g·⟨ω_N⟩ and commit one row per leaf', () => {
      const columns = [coeffs, coeffs.map((c) => (c * 3n) % P)];
      const trace = columns.map((c) => vf.toBigints(vf.cosetNtt(vf.fromBigints(c), 1n)));
      const lde = LdeColumns.fromColumns(trace, 4, vf, keccakHasher);
      const wN = rootOfUnity(6);
      for (const j of [0, 1, 5, 33, 63]) {
        const x = (GENERATOR * pow(wN, BigInt(j))) % P;
        for (const [k, c] of columns.entries()) assert.equal(lde.at(k, j), naiveEval(c, x));
      }
      const rows = Array.from({ length: 64 }, (_, j) => [lde.at(0, j), lde.at(1, j)]);
      assert.equal(lde.tree.root, MerkleTree.fromRows(64, (j) => rows[j]!, keccakHasher).root);
      // The WASM sponge agrees with the reference Keccak-256.
      const ref = Buffer.from(keccak256(encodeU256s(rows[3]!))).toString('hex');
      assert.equal(keccakHasher.leaf(rows[3]!), BigInt(`0x${ref}`));
    });
  });
}

describe('prover arithmetic backends', () => {
  it('BigInt and WASM arithmetic give byte-identical proofs', { skip: !fast }, () => {
    const exec = fibExecution(1 << 20, 256);
    const options = { logBlowup: 3, queries: 6, powBits: 2, lastLayerDegreeBound: 4 };
    const active = getVecField();
    setVecField(wasmVecField(fast!));
    const viaWasm = proveCairo(exec, options);
    setVecField(bigintVecField);
    try {
      assert.equal(serializeProof(proveCairo(exec, options)), serializeProof(viaWasm));
    } finally {
      setVecField(active);
    }
    verifyCairo(viaWasm, exec.publicInput);
  });
});
