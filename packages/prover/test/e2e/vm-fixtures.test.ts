// Proofs of executions produced by our Cairo VM in proof mode (fixtures from scripts/gen-vm-fixtures.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { P } from '@starling/felt';
import {
  type CairoExecution,
  type ProofOptions,
  parseAirPrivateInput,
  parseAirPublicInput,
  proveCairo,
  readMemoryFile,
  readTraceFile,
  VerificationError,
  verifyCairo,
} from '../../src/index.ts';

const FAST: Partial<ProofOptions> = { logBlowup: 2, queries: 12, powBits: 4, lastLayerDegreeBound: 4 };
const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'vm');

function load(name: string): CairoExecution {
  const dir = join(fixtures, name);
  parseAirPrivateInput(JSON.parse(readFileSync(join(dir, 'air_private_input.json'), 'utf8')));
  return {
    trace: readTraceFile(readFileSync(join(dir, 'trace.bin'))),
    memory: readMemoryFile(readFileSync(join(dir, 'memory.bin'))),
    publicInput: parseAirPublicInput(JSON.parse(readFileSync(join(dir, 'air_public_input.json'), 'utf8'))),
  };
}

describe('VM proof-mode executions', () => {
  it('fib with the output builtin: proves, verifies, and binds the output', () => {
    const exec = load('fib-output');
    const proof = proveCairo(exec, FAST);
    verifyCairo(proof, exec.publicInput);
    // fib: 1, 1, 2, … after 20 iterations the output cell holds F(22) = 17711.
    const out = exec.publicInput.segments.output!;
    const cell = exec.publicInput.publicMemory.find((c) => c.address === out.begin)!;
    assert.equal(cell.value, 17711n);
    const forged = structuredClone(exec.publicInput);
    forged.publicMemory.find((c) => c.address === out.begin)!.value = (17711n + 1n) % P;
    assert.throws(() => verifyCairo(proof, forged), VerificationError);
  });
});
