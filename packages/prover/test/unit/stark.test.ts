import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { P, pow, rootOfUnity } from '@starling/felt';
import {
  type Air,
  deserializeProof,
  isValidProof,
  type ProofOptions,
  ProverError,
  prove,
  type StarkProof,
  serializeProof,
  VerificationError,
  verify,
} from '../../src/index.ts';
import { fibAir, fibTrace, permutationAir } from '../helpers/fib-air.ts';

const FAST: Partial<ProofOptions> = { logBlowup: 2, queries: 8, powBits: 4, lastLayerDegreeBound: 2 };

/** An evaluate() that zeroes constraint `skip`, as a cheating prover would. */
function laxEvaluate(air: Air, skip: number): Air['evaluate'] {
  return (frame, periodic, ch, out) => {
    air.evaluate(frame, periodic, ch, out);
    out[skip] = 0n;
  };
}

function clone(p: StarkProof): StarkProof {
  return deserializeProof(serializeProof(p));
}

describe('STARK on a Fibonacci AIR', () => {
  const n = 32;
  const { columns, result } = fibTrace(n);
  const air = fibAir(n, result);
  const proof = prove(air, columns, FAST);

  it('proves and verifies, also after a serialization round trip', () => {
    verify(air, proof);
    verify(air, clone(proof));
  });

  it('rejects a wrong public result', () => {
    assert.equal(isValidProof(fibAir(n, (result + 1n) % P), proof), false);
  });

  it('refuses to prove a trace that breaks a constraint', () => {
    const bad = columns.map((c) => c.slice());
    bad[1]![7] = (bad[1]![7]! + 1n) % P;
    assert.throws(
      () => prove(air, bad, FAST),
      (e: unknown) => e instanceof ProverError && e.code === 'CONSTRAINTS_NOT_SATISFIED',
    );
  });

  const tamper: [string, (p: StarkProof) => void][] = [
    ['OODS trace value', (p) => (p.oodsTrace[0]![1] = (p.oodsTrace[0]![1]! + 1n) % P)],
    ['OODS composition value', (p) => (p.oodsComposition[0] = (p.oodsComposition[0]! + 1n) % P)],
    ['opened trace value', (p) => (p.mainOpening.values[0]![0] = (p.mainOpening.values[0]![0]! + 1n) % P)],
    ['Merkle path node', (p) => (p.mainOpening.proof[0] = p.mainOpening.proof[0]! ^ 1n)],
    [
      'composition opening',
      (p) => (p.compositionOpening.values[0]![1] = (p.compositionOpening.values[0]![1]! + 1n) % P),
    ],
    ['FRI layer value', (p) => (p.fri.layers[0]!.values[0]![0] = (p.fri.layers[0]!.values[0]![0]! + 1n) % P)],
    ['FRI root', (p) => (p.fri.roots[0] = p.fri.roots[0]! ^ 1n)],
    ['FRI last layer', (p) => (p.fri.lastLayer[0] = (p.fri.lastLayer[0]! + 1n) % P)],
    ['grinding nonce', (p) => (p.powNonce += 1)],
    ['trace root', (p) => (p.mainRoot ^= 1n)],
  ];
  for (const [name, mutate] of tamper) {
    it(`rejects a tampered ${name}`, () => {
      const p = clone(proof);
      mutate(p);
      assert.throws(() => verify(air, p), VerificationError);
    });
  }

  it('rejects a malformed serialized proof with a typed error', () => {
    assert.throws(
      () => deserializeProof('{"version":1}'),
      (e: unknown) => e instanceof ProverError && e.code === 'INVALID_PROOF_FORMAT',
    );
    assert.throws(() => deserializeProof('nope'), ProverError);
  });

  it('rejects a proof made by a prover that skipped one constraint', () => {
    const bad = columns.map((c) => c.slice());
    bad[2]![5] = (bad[2]![5]! + 1n) % P; // breaks only the periodic constraint
    const lax = { ...air, evaluate: laxEvaluate(air, 5) };
    const forged = prove(lax, bad, FAST);
    assert.throws(() => verify(air, forged), VerificationError);
  });

  it('proves and verifies with every FRI folding factor, rejecting tampered grouped layers', () => {
    for (const friStepLog of [1, 2, 3, 4]) {
      const p = prove(fibAir(64, fibTrace(64).result), fibTrace(64).columns, { ...FAST, friStepLog });
      const a = fibAir(64, fibTrace(64).result);
      verify(a, clone(p));
      assert.equal(p.fri.layers[0]!.values[0]!.length, 1 << friStepLog); // 5 folds: the first group is whole
      const t = clone(p);
      const last = t.fri.layers[t.fri.layers.length - 1]!;
      last.values[0]![last.values[0]!.length - 1]! += 1n;
      assert.throws(() => verify(a, t), VerificationError);
    }
  });

  it('proves and verifies with SHA-256 commitments', () => {
    const p = prove(air, columns, { ...FAST, merkleHash: 'sha256' });
    verify(air, clone(p));
    assert.notEqual(p.mainRoot, proof.mainRoot);
  });

  it('enforces a minimum security level', () => {
    assert.throws(() => verify(air, proof, { minSecurityBits: 96 }), VerificationError);
  });
});

describe('STARK with an interaction column and Poseidon commitments', () => {
  const n = 16;
  const v = Array.from({ length: n }, (_, i) => BigInt((i * 7 + 3) % 23));
  const s = [...v].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const air = permutationAir(n);

  it('proves a permutation', () => {
    const proof = prove(air, [v, s], { ...FAST, merkleHash: 'poseidon' });
    verify(air, proof);
    const p = clone(proof);
    p.auxOpening!.values[0]![0] = (p.auxOpening!.values[0]![0]! + 1n) % P;
    assert.throws(() => verify(air, p), VerificationError);
  });

  it('refuses a non-permutation', () => {
    const s2 = s.slice();
    s2[0] = 99n;
    assert.throws(() => prove(air, [v, s2], FAST), ProverError);
  });
});

describe('domain sanity', () => {
  it('roots of unity have the right order', () => {
    const w = rootOfUnity(5);
    assert.equal(pow(w, 32n), 1n);
    assert.notEqual(pow(w, 16n), 1n);
  });
});
