import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Field, mod as noMod } from '@noble/curves/abstract/modular.js';
import {
  add,
  batchInverse,
  FeltError,
  inv,
  legendre,
  MAX_FELT,
  mul,
  neg,
  P,
  pow,
  rootOfUnity,
  sqrt,
  sub,
} from '@starling/felt';

// Deterministic pseudo-random felts (xorshift over BigInt) so failures reproduce.
function* randomFelts(seed: bigint, count: number): Generator<bigint> {
  let s = seed;
  for (let i = 0; i < count; i++) {
    let v = 0n;
    for (let j = 0; j < 4; j++) {
      s ^= (s << 13n) & ((1n << 64n) - 1n);
      s ^= s >> 7n;
      s ^= (s << 17n) & ((1n << 64n) - 1n);
      v = (v << 64n) | s;
    }
    yield v % P;
  }
}

describe('field arithmetic', () => {
  it('p is the Stark prime 2^251 + 17·2^192 + 1', () => {
    assert.equal(P, 2n ** 251n + 17n * 2n ** 192n + 1n);
  });

  it('add, sub, neg and mul agree with plain modular arithmetic on edge and random values', () => {
    const values = [
      0n,
      1n,
      2n,
      MAX_FELT,
      MAX_FELT - 1n,
      1n << 251n,
      (1n << 251n) - 1n,
      ...randomFelts(7n, 200),
    ];
    for (const a of values) {
      for (const b of values.slice(0, 20)) {
        assert.equal(add(a, b), noMod(a + b, P));
        assert.equal(sub(a, b), noMod(a - b, P));
        assert.equal(mul(a, b), noMod(a * b, P));
      }
      assert.equal(add(a, neg(a)), 0n);
    }
  });

  it('inverse and batch inverse', () => {
    const values = [1n, 2n, MAX_FELT, ...randomFelts(11n, 100)].filter((v) => v !== 0n);
    const batch = batchInverse(values);
    values.forEach((v, i) => {
      assert.equal(mul(v, inv(v)), 1n);
      assert.equal(batch[i], inv(v));
    });
    assert.throws(
      () => inv(0n),
      (e: unknown) => e instanceof FeltError && e.code === 'DIVISION_BY_ZERO',
    );
    assert.throws(
      () => batchInverse([1n, 0n]),
      (e: unknown) => e instanceof FeltError && e.code === 'DIVISION_BY_ZERO',
    );
  });

  it('pow follows Fermat, negative exponents invert', () => {
    for (const a of randomFelts(3n, 20)) {
      if (a === 0n) continue;
      assert.equal(pow(a, P - 1n), 1n);
      assert.equal(pow(a, -1n), inv(a));
    }
  });

  it('sqrt returns a root of every square and rejects non-squares', () => {
    for (const a of randomFelts(5n, 50)) {
      const sq = mul(a, a);
      const r = sqrt(sq);
      assert.equal(mul(r, r), sq);
      assert.ok(r <= P - r);
    }
    const nonSquare = [...randomFelts(9n, 50)].find((v) => legendre(v) === -1)!;
    assert.throws(
      () => sqrt(nonSquare),
      (e: unknown) => e instanceof FeltError && e.code === 'NOT_A_SQUARE',
    );
  });

  it('sqrt agrees with noble on squares and non-squares (up to the sign of the root)', () => {
    const Fp = Field(P);
    for (const a of randomFelts(13n, 60)) {
      let theirs: bigint | undefined;
      try {
        theirs = Fp.sqrt(a);
      } catch {
        theirs = undefined;
      }
      if (theirs === undefined) {
        assert.throws(
          () => sqrt(a),
          (e: unknown) => e instanceof FeltError && e.code === 'NOT_A_SQUARE',
        );
      } else {
        assert.equal(sqrt(a), theirs < P - theirs ? theirs : P - theirs);
      }
    }
    assert.equal(sqrt(0n), 0n);
    assert.equal(sqrt(1n), 1n);
    assert.equal(mul(sqrt(P - 1n), sqrt(P - 1n)), P - 1n);
  });

  it('roots of unity have the exact order', () => {
    for (const logN of [1, 2, 10, 24, 192]) {
      const w = rootOfUnity(logN);
      assert.equal(pow(w, 1n << BigInt(logN)), 1n);
      assert.notEqual(pow(w, 1n << BigInt(logN - 1)), 1n);
    }
    assert.throws(() => rootOfUnity(193), FeltError);
  });
});
