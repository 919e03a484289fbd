import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CURVE_ORDER,
  ecdsaSign,
  ecdsaVerify,
  getPublicKey,
  keccak256,
  pedersen,
  pedersenArray,
  poseidon,
  poseidonArray,
  snKeccak,
} from '@starling/crypto';
import { P } from '@starling/felt';
import { ec, hash, num } from 'starknet';

// Deterministic random felts so failures reproduce.
let seed = 0x9e3779b97f4a7c15n;
function randomBelow(bound: bigint): bigint {
  let v = 0n;
  for (let i = 0; i < 4; i++) {
    seed = (seed * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    v = (v << 64n) | seed;
  }
  return v % bound;
}

describe('crypto agrees with starknet.js on random inputs', () => {
  it('pedersen and hash-on-elements', () => {
    for (let i = 0; i < 40; i++) {
      const a = randomBelow(P);
      const b = randomBelow(P);
      assert.equal(pedersen(a, b), BigInt(hash.computePedersenHash(num.toHex(a), num.toHex(b))));
    }
    const xs = Array.from({ length: 17 }, () => randomBelow(P));
    assert.equal(pedersenArray(xs), BigInt(hash.computeHashOnElements(xs.map((x) => num.toHex(x)))));
  });

  it('poseidon two-input and array forms', () => {
    for (let i = 0; i < 100; i++) {
      const a = randomBelow(P);
      const b = randomBelow(P);
      assert.equal(poseidon(a, b), BigInt(hash.computePoseidonHash(a, b)));
    }
    for (const n of [0, 1, 2, 3, 10, 33]) {
      const xs = Array.from({ length: n }, () => randomBelow(P));
      assert.equal(poseidonArray(xs), BigInt(hash.computePoseidonHashOnElements(xs)));
    }
  });

  it('sn_keccak of selector names and of random bytes', () => {
    for (const name of ['transfer', 'balanceOf', '__execute__', 'a'.repeat(100)]) {
      assert.equal(snKeccak(new TextEncoder().encode(name)), BigInt(hash.starknetKeccak(name)));
    }
    // keccak256 of the empty string (well-known constant).
    assert.equal(
      Buffer.from(keccak256(new Uint8Array())).toString('hex'),
      'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
    );
  });

  it('ECDSA: our signatures verify in starknet.js and theirs in ours', () => {
    for (let i = 0; i < 10; i++) {
      const priv = randomBelow(CURVE_ORDER - 1n) + 1n;
      const msg = randomBelow(1n << 251n);
      const pub = getPublicKey(priv);
      assert.equal(pub, BigInt(ec.starkCurve.getStarkKey(num.toHex(priv))));
      const ours = ecdsaSign(msg, priv);
      const theirs = ec.starkCurve.sign(num.toHex(msg), num.toHex(priv));
      assert.equal(ours.r, theirs.r);
      assert.equal(ours.s, theirs.s);
      const fullKey = ec.starkCurve.getPublicKey(num.toHex(priv), false);
      assert.ok(ec.starkCurve.verify(theirs, num.toHex(msg), fullKey));
      assert.ok(ecdsaVerify(msg, ours.r, ours.s, pub));
      assert.ok(!ecdsaVerify(msg, ours.r, (ours.s + 1n) % P, pub));
      assert.ok(!ecdsaVerify((msg + 1n) % P, ours.r, ours.s, pub));
    }
  });
});
