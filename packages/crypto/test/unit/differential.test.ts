import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CURVE_ORDER } from '../../src/curve.js';
import { referenceCrypto as ref } from '../../src/reference-backend.js';
import type { JobName } from './diff-jobs.js';
import {
  ecdsaVerifyWithKey,
  hasX,
  mulG,
  pedersenPoint,
  signWithNonce,
  toAffineOrNull,
} from './diff-oracles.js';
import { DIFF_THREADS, runParallel } from './diff-parallel.js';
import { cases, randomBits, randomFelts } from './fast-random.js';

// Every kernel entry point on at least 100,000 random inputs (edge values first), split over
// DIFF_THREADS worker threads. Poseidon is checked against @scure/starknet itself; Pedersen and the
// curve operations against @noble/curves' point arithmetic (diff-oracles.ts), which is anchored to
// @scure/starknet's pedersen and verify below.
const N = cases(100_000);

describe('the oracles agree with @scure/starknet', () => {
  it('Pedersen (windowed sums of noble points) on 300 pairs with edge values', () => {
    const a = randomFelts(300, 31);
    const b = randomFelts(300, 32).reverse();
    for (let i = 0; i < a.length; i++)
      assert.ok(hasX(pedersenPoint(a[i]!, b[i]!), ref.pedersen(a[i]!, b[i]!)));
  });

  it('ECDSA verification through the private key, on valid and tampered signatures', () => {
    const keys = randomBits(20, 251, 33).map((k) => (k % (CURVE_ORDER - 1n)) + 1n);
    const hashes = randomBits(20, 251, 34);
    for (let i = 0; i < keys.length; i++) {
      const d = keys[i]!;
      const h = hashes[i]!;
      const sig = signWithNonce(h, d, (hashes[(i + 1) % 20]! % (CURVE_ORDER - 1n)) + 1n)!;
      const pub = toAffineOrNull(mulG(d))!;
      for (const [hh, r, s] of [
        [h, sig.r, sig.s],
        [h ^ 4n, sig.r, sig.s],
        [h, sig.r, (sig.s * 3n) % CURVE_ORDER],
        [h, sig.r + 1n, sig.s],
      ] as [bigint, bigint, bigint][]) {
        assert.equal(ecdsaVerifyWithKey(hh, r, s, d), ref.ecdsaVerifyPoint(hh, r, s, pub));
      }
    }
  });
});

describe(`wasm kernels on ${N} random inputs each (${DIFF_THREADS} threads)`, { concurrency: 1 }, () => {
  const jobs: [JobName, string][] = [
    ['pedersen', 'pedersen and pedersenMany (batch kernel) against noble point sums'],
    ['poseidon', 'poseidon and poseidonMany against @scure/starknet'],
    ['permute', 'the Hades permutation against @scure/starknet'],
    ['sponge', 'poseidonArray (felts in arrays of 0…15) against @scure/starknet'],
    ['ecdsa', 'ECDSA verify (valid, tampered hash / r / s / key; cached and uncached keys)'],
    ['ec_op', 'ec_op P + m·Q (random, generator and cached bases; infinity; 256-bit m)'],
    ['ec_add', 'EC add and double (random points, P + P, P + (−P))'],
  ];
  for (const [name, what] of jobs) {
    it(what, async () => {
      const r = await runParallel(name, N);
      assert.deepEqual(r.failures, []);
      assert.ok(r.checked >= N, `${r.checked} inputs checked`);
    });
  }
});
