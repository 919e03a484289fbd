import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  keccakHasher,
  MerkleTree,
  proveCairo,
  serializeProof,
  setProverThreads,
  verifyCairo,
} from '../../src/index.ts';
import { fibExecution } from '../helpers/mini-cairo.ts';

describe('Keccak leaf hashing on worker threads', () => {
  it('builds the same trees and the same proof as the single-threaded prover', () => {
    const row = (i: number) => [BigInt(i), BigInt(i) * 7n + 3n, 99n];
    const single = MerkleTree.fromRows(2048, row, keccakHasher).root;
    const exec = fibExecution(4, 512);
    const options = { logBlowup: 2, queries: 8, powBits: 4, lastLayerDegreeBound: 4 };
    const serial = serializeProof(proveCairo(exec, options));
    setProverThreads(2);
    try {
      assert.equal(MerkleTree.fromRows(2048, row, keccakHasher).root, single);
      const proof = proveCairo(exec, options);
      assert.equal(serializeProof(proof), serial);
      verifyCairo(proof, exec.publicInput);
    } finally {
      setProverThreads(0);
    }
  });
});
