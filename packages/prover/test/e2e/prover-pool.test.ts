import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProverError, ProverPool, verifyCairo } from '../../src/index.ts';
import { fibExecution } from '../helpers/mini-cairo.ts';

describe('ProverPool (worker threads)', () => {
  it('proves several executions at once in independent workers', async () => {
    const pool = new ProverPool(2);
    try {
      const execs = [fibExecution(3, 32), fibExecution(5, 32), fibExecution(4, 64)];
      const options = { logBlowup: 2, queries: 8, powBits: 4, lastLayerDegreeBound: 4 };
      const proofs = await Promise.all(execs.map((e) => pool.prove(e, options)));
      for (const [i, p] of proofs.entries()) verifyCairo(p, execs[i]!.publicInput);
      const bad = fibExecution(3, 32);
      const memory = new Map(bad.memory);
      memory.set(1, memory.get(1)! | (1n << 63n));
      await assert.rejects(
        pool.prove({ ...bad, memory }, options),
        (e: unknown) => e instanceof ProverError && e.code === 'UNSUPPORTED_INSTRUCTION',
      );
    } finally {
      await pool.close();
    }
  });
});
