import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { P } from '@starling/felt';
import {
  buildCairoTrace,
  CairoAir,
  type CairoExecution,
  type CairoPublicInput,
  COL,
  deserializeProof,
  findViolations,
  type ProofOptions,
  ProverError,
  parseAirPublicInput,
  prove,
  proveCairo,
  readMemoryFile,
  readTraceFile,
  serializeProof,
  VerificationError,
  verifyCairo,
  writeMemoryFile,
  writeTraceFile,
} from '../../src/index.ts';
import { type Bug, encode, fibExecution, run } from '../helpers/mini-cairo.ts';

const FAST: Partial<ProofOptions> = { logBlowup: 2, queries: 10, powBits: 4, lastLayerDegreeBound: 4 };

/** The standard cairo-run air_public_input.json shape for a public input. */
function toAirPublicInputJson(pub: CairoPublicInput): unknown {
  return {
    layout: 'plain',
    rc_min: pub.rcMin,
    rc_max: pub.rcMax,
    n_steps: pub.nSteps,
    memory_segments: {
      program: { begin_addr: pub.initialPc, stop_ptr: pub.finalPc },
      execution: { begin_addr: pub.initialAp, stop_ptr: pub.finalAp },
    },
    public_memory: pub.publicMemory.map((c) => ({
      address: c.address,
      value: `0x${c.value.toString(16)}`,
      page: 0,
    })),
    dynamic_params: null,
  };
}

describe('Cairo: prove and verify an execution', () => {
  const exec = fibExecution(6, 64);

  it('round-trips the VM file formats, proves and verifies', () => {
    const files: CairoExecution = {
      trace: readTraceFile(writeTraceFile(exec.trace)),
      memory: readMemoryFile(writeMemoryFile(exec.memory)),
      publicInput: parseAirPublicInput(JSON.parse(JSON.stringify(toAirPublicInputJson(exec.publicInput)))),
    };
    const proof = proveCairo(files, FAST);
    verifyCairo(deserializeProof(serializeProof(proof)), files.publicInput);
  });

  const proof = proveCairo(exec, FAST);
  const tamperedInputs: [string, (p: CairoPublicInput) => void][] = [
    ['final ap', (p) => (p.finalAp += 1)],
    ['final pc', (p) => (p.finalPc += 1)],
    ['public memory value', (p) => (p.publicMemory[3]!.value = (p.publicMemory[3]!.value + 1n) % P)],
    ['rc bounds', (p) => (p.rcMin -= 1)],
  ];
  for (const [name, mutate] of tamperedInputs) {
    it(`rejects the proof against a tampered public input (${name})`, () => {
      const pub = structuredClone(exec.publicInput);
      mutate(pub);
      assert.throws(() => verifyCairo(proof, pub), VerificationError);
    });
  }

  it('rejects a tampered opened trace cell', () => {
    const p = deserializeProof(serializeProof(proof));
    p.mainOpening.values[1]![COL.AP] = (p.mainOpening.values[1]![COL.AP]! + 1n) % P;
    assert.throws(() => verifyCairo(p, exec.publicInput), VerificationError);
  });

  it('refuses to prove a tampered memory value', () => {
    const memory = new Map(exec.memory);
    const addr = exec.publicInput.initialAp + 1;
    memory.set(addr, memory.get(addr)! + 1n);
    assert.throws(
      () => proveCairo({ ...exec, memory }, FAST),
      (e: unknown) => e instanceof ProverError && e.code === 'CONSTRAINTS_NOT_SATISFIED',
    );
  });
});

/** Proves with an AIR that ignores `group` (a cheating prover), then verifies with the real AIR. */
function forgeAndVerify(exec: CairoExecution, group: string, tamper?: (cols: bigint[][]) => void): void {
  const { columns, n } = buildCairoTrace(exec);
  tamper?.(columns);
  const air = new CairoAir(exec.publicInput, n);
  const challenges = [11n, 13n, 17n];
  const violated = new Set(
    findViolations(air, [...columns, ...air.buildAux(columns, challenges)], challenges).map((v) => v.group),
  );
  assert.deepEqual([...violated], [group], 'the tampered trace must violate exactly one group');
  const lax = Object.create(air) as CairoAir;
  const skip = air.constraints.map((c) => c.group === group);
  lax.evaluate = (frame, periodic, ch, out) => {
    air.evaluate(frame, periodic, ch, out);
    for (let i = 0; i < out.length; i++) if (skip[i]) out[i] = 0n;
  };
  const forged = prove(lax, columns, FAST);
  assert.throws(() => verifyCairo(forged, exec.publicInput), VerificationError);
}

describe('Cairo: a trace violating one constraint group is rejected', () => {
  const exec = fibExecution(3, 32);
  const bump = (cols: bigint[][], c: number, row: number, by = 1n) => {
    cols[c]![row] = (cols[c]![row]! + by + P) % P;
  };
  it('cpu/decode (non-binary flags that keep the instruction sum)', () =>
    forgeAndVerify(exec, 'cpu/decode', (c) => {
      bump(c, COL.FLAG0, 0, 2n); // ap = fp at row 0, so dst/op0 addresses are unchanged
      bump(c, COL.FLAG0 + 1, 0, -1n);
    }));
  it('cpu/operands', () => forgeAndVerify(exec, 'cpu/operands', (c) => bump(c, COL.MUL, 2)));
  it('cpu/update', () => forgeAndVerify(exec, 'cpu/update', (c) => bump(c, COL.T1, 2)));
  it('cpu/opcodes (an assert_eq that does not hold)', () =>
    forgeAndVerify(fibExecution(3, 32, { step: 0, kind: 'assert-off-by-one' } as Bug), 'cpu/opcodes'));
  it('cpu/boundary', () => {
    const bad = structuredClone(exec.publicInput);
    bad.initialPc = 2;
    forgeAndVerify({ ...exec, publicInput: bad }, 'cpu/boundary');
  });
  it('memory', () => forgeAndVerify(exec, 'memory', (c) => bump(c, COL.X_VAL, 30)));
  it('range-check', () => forgeAndVerify(exec, 'range-check', (c) => bump(c, COL.RC_X, 30)));
});

describe('Cairo: refused inputs', () => {
  it('refuses an opcode-extension instruction with a typed error', () => {
    const exec = fibExecution(2, 32);
    const memory = new Map(exec.memory);
    memory.set(1, memory.get(1)! | (1n << 63n));
    assert.throws(
      () => proveCairo({ ...exec, memory }, FAST),
      (e: unknown) => e instanceof ProverError && e.code === 'UNSUPPORTED_INSTRUCTION',
    );
  });
  it('refuses a run that used a builtin without AIR', () => {
    const exec = fibExecution(2, 32);
    const pub = structuredClone(exec.publicInput);
    pub.segments.keccak = { begin: 100, stop: 116 };
    assert.throws(
      () => proveCairo({ ...exec, publicInput: pub }, FAST),
      (e: unknown) => e instanceof ProverError && e.code === 'UNSUPPORTED_BUILTIN',
    );
  });
  it('refuses a short trace that cannot be padded', () => {
    const exec = fibExecution(50, 16);
    assert.throws(
      () => proveCairo(exec, FAST),
      (e: unknown) => e instanceof ProverError && e.code === 'TRACE_TOO_SHORT',
    );
  });
  it('rejects malformed VM files', () => {
    assert.throws(() => readTraceFile(new Uint8Array(23)), ProverError);
    assert.throws(() => readMemoryFile(new Uint8Array(41)), ProverError);
    assert.throws(() => parseAirPublicInput({ rc_min: 0 }), ProverError);
    void encode;
    void run;
  });
});
