import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  blake2sFelts,
  CryptoError,
  CURVE_ORDER,
  ecdsaSign,
  ecdsaVerify,
  getPublicKey,
  pedersen,
  pedersenArray,
  pedersenMany,
  poseidon,
  poseidonArray,
  poseidonPermute,
} from '@starling/crypto';
import { P } from '@starling/felt';

const isCode = (code: string) => (e: unknown) => e instanceof CryptoError && e.code === code;

describe('crypto rejects bad input with typed errors', () => {
  it('hash inputs must be felts', () => {
    for (const bad of [-1n, P, 1n << 252n]) {
      assert.throws(() => pedersen(bad, 0n), isCode('INVALID_HASH_INPUT'));
      assert.throws(() => pedersen(0n, bad), isCode('INVALID_HASH_INPUT'));
      assert.throws(() => poseidon(bad, 0n), isCode('INVALID_HASH_INPUT'));
      assert.throws(() => poseidonArray([1n, bad]), isCode('INVALID_HASH_INPUT'));
      assert.throws(() => pedersenArray([bad]), isCode('INVALID_HASH_INPUT'));
      assert.throws(() => blake2sFelts([bad]), isCode('INVALID_HASH_INPUT'));
      assert.throws(() => poseidonPermute([0n, bad, 0n]), isCode('INVALID_HASH_INPUT'));
    }
    assert.throws(() => pedersen(1 as unknown as bigint, 0n), isCode('INVALID_HASH_INPUT'));
    assert.throws(() => pedersenMany([1n], []), isCode('INVALID_HASH_INPUT'));
    assert.throws(
      () => poseidonPermute([0n, 0n] as unknown as [bigint, bigint, bigint]),
      isCode('INVALID_HASH_INPUT'),
    );
  });

  it('private keys and message hashes are range-checked', () => {
    for (const bad of [0n, -1n, CURVE_ORDER]) {
      assert.throws(() => getPublicKey(bad), isCode('INVALID_PRIVATE_KEY'));
      assert.throws(() => ecdsaSign(1n, bad), isCode('INVALID_PRIVATE_KEY'));
    }
    assert.throws(() => ecdsaSign(1n << 251n, 1n), isCode('INVALID_SIGNATURE_INPUT'));
    assert.throws(() => ecdsaVerify(P, 1n, 1n, 1n), isCode('INVALID_SIGNATURE_INPUT'));
  });

  it('signatures with out-of-range r or s, or a key off the curve, do not verify', () => {
    const key = 0x1234n;
    const pub = getPublicKey(key);
    const sig = ecdsaSign(5n, key);
    assert.ok(ecdsaVerify(5n, sig.r, sig.s, pub));
    assert.ok(!ecdsaVerify(5n, 0n, sig.s, pub));
    assert.ok(!ecdsaVerify(5n, sig.r, 0n, pub));
    assert.ok(!ecdsaVerify(5n, sig.r, CURVE_ORDER + sig.s > P - 1n ? P - 1n : CURVE_ORDER + sig.s, pub));
  });

  it('pedersenMany matches pedersen pairwise', () => {
    const a = [1n, 2n, P - 1n];
    const b = [3n, 0n, P - 1n];
    assert.deepEqual(
      pedersenMany(a, b),
      a.map((x, i) => pedersen(x, b[i]!)),
    );
  });
});
