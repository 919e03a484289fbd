import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FastField } from '../../src/fast/index.js';
import { add, inv, mul, P, pow, rootOfUnity } from '../../src/field.js';
import { randomFelts } from './fast-random.js';

const ff = new FastField();

/** The definition: evaluations of the polynomial with these coefficients at shift·ω^i. */
function naiveEval(coeffs: readonly bigint[], shift: bigint): bigint[] {
  const n = coeffs.length;
  const w = rootOfUnity(Math.log2(n));
  return coeffs.map((_, i) => {
    const x = mul(shift, pow(w, BigInt(i)));
    let acc = 0n;
    for (let j = n - 1; j >= 0; j--) acc = add(mul(acc, x), coeffs[j]!);
    return acc;
  });
}

describe('NTT kernels', () => {
  for (const logN of [0, 1, 2, 3, 6, 8]) {
    it(`ntt and coset ntt of size 2^${logN} match the definition`, () => {
      const c = randomFelts(1 << logN, 10 + logN);
      assert.deepEqual(ff.decode(ff.ntt(ff.encode(c))), naiveEval(c, 1n));
      assert.deepEqual(ff.decode(ff.cosetNtt(ff.encode(c), 3n)), naiveEval(c, 3n));
    });
  }

  it('intt inverts ntt and cosetIntt inverts cosetNtt (2^14)', () => {
    const c = ff.encode(randomFelts(1 << 14, 5));
    assert.deepEqual(ff.intt(ff.ntt(c)), c);
    const shift = P - 7n;
    assert.deepEqual(ff.cosetIntt(ff.cosetNtt(c, shift), shift), c);
  });

  it('pointwise products of evaluations give the cyclic convolution', () => {
    const n = 64;
    const a = randomFelts(n, 20);
    const b = randomFelts(n, 21);
    const conv = new Array<bigint>(n).fill(0n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) conv[(i + j) % n] = add(conv[(i + j) % n]!, mul(a[i]!, b[j]!));
    const prod = ff.mul(ff.ntt(ff.encode(a)), ff.ntt(ff.encode(b)));
    assert.deepEqual(ff.decode(ff.intt(prod)), conv);
  });

  it('131,072 random coefficients (2^17, edge values included): inverses, linearity, spot values', () => {
    const n = 1 << 17;
    const a = randomFelts(n, 40);
    const b = randomFelts(n, 41).reverse();
    const [A, B] = [ff.encode(a), ff.encode(b)];
    const ea = ff.ntt(A);
    assert.deepEqual(ff.intt(ea), A);
    const shift = 3n;
    const ca = ff.cosetNtt(A, shift);
    assert.deepEqual(ff.cosetIntt(ca, shift), A);
    // ntt(a + b) = ntt(a) + ntt(b), the sum taken by the BigInt reference.
    const sum = ff.decode(ff.ntt(ff.add(A, B)));
    const eb = ff.decode(ff.ntt(B));
    const da = ff.decode(ea);
    for (let i = 0; i < n; i++) if (sum[i] !== add(da[i]!, eb[i]!)) assert.fail(`linearity #${i}`);
    const cd = ff.decode(ca);
    const w = rootOfUnity(17);
    for (const i of [0, 1, 77777, n - 1]) {
      for (const [s, got] of [
        [1n, da[i]!],
        [shift, cd[i]!],
      ] as const) {
        const x = (s * pow(w, BigInt(i))) % P;
        let acc = 0n;
        for (let j = n - 1; j >= 0; j--) acc = (acc * x + a[j]!) % P;
        assert.equal(got, acc, `point ${i}, shift ${s}`);
      }
    }
  });

  it('spot-checks a 2^16 transform at random points', () => {
    const c = randomFelts(1 << 16, 30);
    const ev = ff.decode(ff.ntt(ff.encode(c)));
    const w = rootOfUnity(16);
    for (const i of [0, 1, 2, 12345, 65535]) {
      const x = pow(w, BigInt(i));
      let acc = 0n;
      for (let j = c.length - 1; j >= 0; j--) acc = (acc * x + c[j]!) % P;
      assert.equal(ev[i], acc);
    }
    assert.equal(inv(1n), 1n);
  });
});
