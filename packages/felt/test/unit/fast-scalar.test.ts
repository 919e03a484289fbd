import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FeltError } from '../../src/errors.js';
import { fastBatchInverse, fastInv, fastSqrt, trySqrt } from '../../src/fast/index.js';
import { batchInverse, inv, legendre, P, sqrt } from '../../src/field.js';
import { randomFelts } from './fast-random.js';

const isDivisionByZero = (e: unknown) => e instanceof FeltError && e.code === 'DIVISION_BY_ZERO';

describe('fastInv and fastBatchInverse against the BigInt reference', () => {
  const xs = randomFelts(100_000, 11).map((x) => x || 1n);

  it('fastInv on 100,000 values (edge values included); x·x⁻¹ = 1', () => {
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      const got = fastInv(x);
      if (got !== inv(x) || (got * x) % P !== 1n) assert.fail(`inverse #${i}: ${x}`);
    }
  });

  it('fastBatchInverse on 100,000 values matches batchInverse', () => {
    assert.deepEqual(fastBatchInverse(xs), batchInverse(xs));
    assert.deepEqual(fastBatchInverse([]), []);
  });

  it('reduces out-of-range inputs and rejects zero with DIVISION_BY_ZERO', () => {
    assert.equal(fastInv(P + 2n), inv(2n));
    assert.equal(fastInv(-2n), inv(P - 2n));
    assert.throws(() => fastInv(0n), isDivisionByZero);
    assert.throws(() => fastInv(P), isDivisionByZero);
    assert.throws(
      () => fastBatchInverse([1n, 2n, 0n, 3n]),
      (e: unknown) => isDivisionByZero(e) && (e as FeltError).details?.index === 2,
    );
  });
});

describe('fastSqrt and trySqrt', () => {
  const xs = randomFelts(1500, 12);

  it('agree with the BigInt sqrt on squares and non-squares; residuosity matches Legendre', () => {
    for (const x of xs) {
      const l = legendre(x);
      const got = trySqrt(x);
      if (l === -1) {
        assert.equal(got, null, `non-residue ${x}`);
        assert.throws(
          () => fastSqrt(x),
          (e: unknown) => e instanceof FeltError && e.code === 'NOT_A_SQUARE',
        );
        continue;
      }
      assert.notEqual(got, null);
      assert.equal((got! * got!) % P, x);
      assert.ok(got! <= P - got!, 'the smaller root');
      assert.equal(fastSqrt(x), sqrt(x));
    }
  });

  it('100,000 random inputs: the smaller of ±r for r², and no root for the non-residue 3·r²', () => {
    // 3 is a quadratic non-residue modulo p, so 3·r² (r ≠ 0) is one too.
    assert.equal(legendre(3n), -1);
    const rs = randomFelts(100_000, 13);
    for (let i = 0; i < rs.length; i++) {
      const r = rs[i]!;
      if (i % 2 === 0 || r === 0n) {
        const got = fastSqrt((r * r) % P);
        const want = r <= P - r ? r : P - r;
        if (got !== want % P) assert.fail(`sqrt of ${r}²: ${got}`);
      } else if (trySqrt((3n * r * r) % P) !== null) assert.fail(`3·${r}² has a root`);
    }
  });

  it('every square x² has a root ±x', () => {
    for (const x of xs.slice(0, 300)) {
      const r = fastSqrt((x * x) % P);
      assert.ok(r === x || r === (P - x) % P);
    }
    assert.equal(fastSqrt(0n), 0n);
    assert.equal(fastSqrt(P + 4n), 2n);
  });
});
