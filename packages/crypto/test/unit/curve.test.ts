import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CryptoError,
  CURVE_ORDER,
  ecAdd,
  ecDouble,
  ecMul,
  ecMulAdd,
  GENERATOR,
  isOnCurve,
  recoverY,
} from '@starling/crypto';
import { P } from '@starling/felt';
import { ec } from 'starknet';

const Point = ec.starkCurve.ProjectivePoint;
const G = Point.BASE;

describe('EC operations agree with starknet.js (noble) point arithmetic', () => {
  it('add, double and scalar multiplication', () => {
    const scalars = [1n, 2n, 3n, 12345678901234567890n, CURVE_ORDER - 1n, (1n << 251n) + 17n];
    for (const k of scalars) {
      const theirs = G.multiply(k % CURVE_ORDER).toAffine();
      const ours = ecMul(k, GENERATOR)!;
      assert.equal(ours.x, theirs.x);
      assert.equal(ours.y, theirs.y);
      assert.ok(isOnCurve(ours));
    }
    const a = ecMul(5n, GENERATOR)!;
    const b = ecMul(7n, GENERATOR)!;
    assert.deepEqual(ecAdd(a, b), ecMul(12n, GENERATOR));
    assert.deepEqual(ecDouble(a), ecMul(10n, GENERATOR));
  });

  it('P + m·Q, the ec_op builtin', () => {
    const p = ecMul(11n, GENERATOR)!;
    const q = ecMul(13n, GENERATOR)!;
    const m = 0xdeadbeefn;
    const theirs = G.multiply(11n).add(G.multiply(13n).multiply(m)).toAffine();
    const ours = ecMulAdd(p, m, q)!;
    assert.equal(ours.x, theirs.x);
    assert.equal(ours.y, theirs.y);
  });

  it('points at infinity', () => {
    assert.equal(ecMul(CURVE_ORDER, GENERATOR), null);
    assert.equal(ecMul(0n, GENERATOR), null);
    const negG = { x: GENERATOR.x, y: P - GENERATOR.y };
    assert.equal(ecAdd(GENERATOR, negG), null);
    assert.deepEqual(ecAdd(null, GENERATOR), GENERATOR);
    assert.deepEqual(ecAdd(GENERATOR, null), GENERATOR);
    assert.equal(ecDouble(null), null);
  });

  it('recoverY finds curve points and rejects non-abscissas', () => {
    const y = recoverY(GENERATOR.x);
    assert.ok(y === GENERATOR.y || y === P - GENERATOR.y);
    let x = 1n;
    for (;;) {
      try {
        recoverY(x);
        x++;
      } catch (e) {
        assert.ok(e instanceof CryptoError && e.code === 'POINT_NOT_ON_CURVE');
        break;
      }
    }
    assert.ok(!isOnCurve({ x: GENERATOR.x, y: GENERATOR.y + 1n }));
    assert.ok(!isOnCurve({ x: P, y: 0n }));
  });
});
