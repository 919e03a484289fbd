import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getFastField, P, pow, rootOfUnity } from '@starling/felt';
import { ProverError } from '../../src/errors.ts';
import { CachedTransforms } from '../../src/stark/wasm-transforms.ts';

function naiveEval(coeffs: readonly bigint[], x: bigint): bigint {
  let s = 0n;
  for (let i = 0; i < coeffs.length; i++) s = (s + coeffs[i]! * pow(x, BigInt(i))) % P;
  return s;
}

const fast = getFastField();

describe('cached WASM transforms', { skip: fast ? false : 'WASM kernels unavailable' }, () => {
  const f = fast!;
  const t = new CachedTransforms(f);
  it('match naive evaluation on cached and fresh tables, for several sizes and shifts', () => {
    for (const logN of [1, 3, 5, 3]) {
      const n = 1 << logN;
      for (const shift of [1n, 7n, P - 2n, 7n]) {
        const coeffs = Array.from(
          { length: n },
          (_, i) => (((P - 1n - BigInt(i) * 0xabcdefn * shift) % P) + P) % P,
        );
        const evals = t.cosetNtt(f.encode(coeffs), shift);
        const w = rootOfUnity(logN);
        const got = f.decode(evals);
        for (let i = 0; i < n; i++) assert.equal(got[i], naiveEval(coeffs, (shift * pow(w, BigInt(i))) % P));
        // The felt package's own transform is the second oracle, and the inverse returns the coefficients.
        assert.deepEqual(evals, f.cosetNtt(f.encode(coeffs), shift));
        assert.deepEqual(f.decode(t.cosetIntt(evals, shift)), coeffs);
      }
    }
  });
  it('writes into a given output array and refuses bad sizes and a zero shift', () => {
    const a = f.encode([1n, 2n, 3n, 4n]);
    const out = new Uint32Array(a.length);
    assert.equal(t.cosetNtt(a, 3n, out), out);
    assert.deepEqual(out, f.cosetNtt(a, 3n));
    assert.throws(() => t.cosetNtt(f.encode([1n, 2n, 3n]), 3n), ProverError);
    assert.throws(() => t.cosetNtt(a, 0n), ProverError);
    assert.throws(() => t.cosetNtt(a, 3n, new Uint32Array(8)), ProverError);
  });
});
