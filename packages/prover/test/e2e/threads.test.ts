import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  CairoAir,
  type CairoExecution,
  keccakHasher,
  MerkleTree,
  parseAirPublicInput,
  proveCairo,
  readMemoryFile,
  readTraceFile,
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

describe('composition on worker threads', () => {
  const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'vm');
  const load = (name: string): CairoExecution => {
    const dir = join(fixtures, name);
    return {
      trace: readTraceFile(readFileSync(join(dir, 'trace.bin'))),
      memory: readMemoryFile(readFileSync(join(dir, 'memory.bin'))),
      publicInput: parseAirPublicInput(JSON.parse(readFileSync(join(dir, 'air_public_input.json'), 'utf8'))),
    };
  };
  const options = { logBlowup: 2, queries: 8, powBits: 4, lastLayerDegreeBound: 4 };
  // Degree 2 (two sub-cosets) and degree 3 (pedersen: four), split over 3 workers (uneven row shares).
  for (const [name, exec] of [
    ['fibonacci, 2^11 rows', fibExecution(4, 1100)],
    ['pedersen fixture', load('pedersen')],
  ] as const) {
    it(`${name}: the same proof as on the calling thread`, () => {
      const serial = serializeProof(proveCairo(exec, options));
      setProverThreads(3);
      try {
        const proof = proveCairo(exec, options);
        assert.equal(serializeProof(proof), serial);
        verifyCairo(proof, exec.publicInput);
      } finally {
        setProverThreads(0);
      }
    });
  }
  it('a derived AIR (overriding evaluate) stays on the calling thread', () => {
    const air = new CairoAir(fibExecution(4, 8).publicInput, 1024);
    assert.notEqual(air.workerRecipe(), null);
    assert.equal((Object.create(air) as CairoAir).workerRecipe(), null);
  });
});
