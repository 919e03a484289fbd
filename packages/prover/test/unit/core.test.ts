import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { P, pow, rootOfUnity } from '@starling/felt';
import {
  cosetEvaluate,
  cosetInterpolate,
  evaluateAt,
  foldPair,
  getPolyBackend,
  keccakHasher,
  MerkleTree,
  poseidonHasher,
  sha256Hasher,
  verifyMerkle,
} from '../../src/index.ts';
import { Channel } from '../../src/stark/channel.ts';

function naiveEval(coeffs: bigint[], x: bigint): bigint {
  let s = 0n;
  for (let i = 0; i < coeffs.length; i++) s = (s + coeffs[i]! * pow(x, BigInt(i))) % P;
  return s;
}

describe('NTT', () => {
  const coeffs = Array.from({ length: 16 }, (_, i) => (BigInt(i) * 0x1234567n + 99n) % P);
  it('matches a naive evaluation on the subgroup and inverts', () => {
    const a = coeffs.slice();
    getPolyBackend().ntt(a);
    const w = rootOfUnity(4);
    for (let i = 0; i < 16; i++) assert.equal(a[i], naiveEval(coeffs, pow(w, BigInt(i))));
    getPolyBackend().intt(a);
    assert.deepEqual(a, coeffs);
  });
  it('coset LDE matches naive evaluation and interpolates back', () => {
    const lde = cosetEvaluate(coeffs, 3n, 64);
    const w = rootOfUnity(6);
    for (const i of [0, 1, 17, 63]) assert.equal(lde[i], naiveEval(coeffs, (3n * pow(w, BigInt(i))) % P));
    const back = cosetInterpolate(lde, 3n);
    assert.deepEqual(back.slice(0, 16), coeffs);
    assert.ok(back.slice(16).every((c) => c === 0n));
    assert.equal(evaluateAt(coeffs, 12345n), naiveEval(coeffs, 12345n));
  });
});

describe('FRI fold', () => {
  it('folding f(x)=Σcᵢxⁱ gives even + β·odd at x²', () => {
    const c = [5n, 7n, 11n, 13n];
    const x = 987654321n;
    const beta = 42n;
    const fx = naiveEval(c, x);
    const fnx = naiveEval(c, P - x);
    const y = (x * x) % P;
    const expected = (naiveEval([5n, 11n], y) + beta * naiveEval([7n, 13n], y)) % P;
    assert.equal(foldPair(fx, fnx, x, beta), expected);
  });
});

describe('Merkle batched openings', () => {
  for (const hasher of [keccakHasher, poseidonHasher, sha256Hasher]) {
    it(`${hasher.name}: opens and verifies leaf sets, rejects tampering`, () => {
      const tree = MerkleTree.fromRows(16, (i) => [BigInt(i), BigInt(i * i)], hasher);
      const idx = [3, 2, 9, 15];
      const proof = tree.open(idx);
      const leaves = new Map(idx.map((i) => [i, hasher.leaf([BigInt(i), BigInt(i * i)])]));
      assert.ok(verifyMerkle(tree.root, 4, leaves, proof, hasher));
      const bad = new Map(leaves);
      bad.set(9, hasher.leaf([9n, 80n]));
      assert.ok(!verifyMerkle(tree.root, 4, bad, proof, hasher));
      assert.ok(!verifyMerkle(tree.root, 4, leaves, proof.slice(1), hasher));
      assert.ok(!verifyMerkle(tree.root, 4, leaves, [...proof, 0n], hasher));
    });
  }
});

describe('channel', () => {
  it('is deterministic, grinds and checks proof of work', () => {
    const a = new Channel(new Uint8Array([1, 2]));
    const b = new Channel(new Uint8Array([1, 2]));
    assert.equal(a.drawFelt(), b.drawFelt());
    const nonce = a.grind(8);
    assert.ok(b.checkAndAbsorbPow(nonce, 8));
    assert.equal(a.drawFelt() < 1n << 251n, true);
    const c = new Channel(new Uint8Array([1, 2]));
    c.drawFelt();
    // A nonce that fails 8 bits exists below the found one unless it is 0.
    if (nonce > 0) assert.ok(!c.checkAndAbsorbPow(nonce - 1, 8));
  });
});
