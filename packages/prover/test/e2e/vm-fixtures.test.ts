// Proofs of executions produced by our Cairo VM in proof mode (fixtures from scripts/gen-vm-fixtures.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ecMulAdd, pedersen, poseidonPermute } from '@starling/crypto';
import { P } from '@starling/felt';
import {
  buildCairoTrace,
  CairoAir,
  type CairoExecution,
  findViolations,
  type ProofOptions,
  ProverError,
  parseAirPrivateInput,
  parseAirPublicInput,
  prove,
  proveCairo,
  type RangeCheckComponent,
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

/** Groups violated by the trace after `tamper`; when `prove` is set, a prover ignoring them must be rejected. */
function forge(
  exec: CairoExecution,
  tamper: (cols: bigint[][], air: CairoAir) => void,
  proveIt: boolean,
): string[] {
  const { columns, n } = buildCairoTrace(exec);
  const air = new CairoAir(exec.publicInput, n);
  tamper(columns, air);
  const ch = [3n, 5n, 7n];
  const groups = [
    ...new Set(findViolations(air, [...columns, ...air.buildAux(columns, ch)], ch).map((v) => v.group)),
  ];
  if (proveIt) {
    const lax = Object.create(air) as CairoAir;
    lax.evaluate = (frame, periodic, c, out) => {
      air.evaluate(frame, periodic, c, out);
      air.constraints.forEach((spec, i) => {
        if (groups.includes(spec.group)) out[i] = 0n;
      });
    };
    assert.throws(() => verifyCairo(prove(lax, columns, FAST), exec.publicInput), VerificationError);
  }
  return groups;
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

describe('range_check and range_check96 builtins', () => {
  const exec = load('range-checks');

  it('proves and verifies a run that uses both builtins', () => {
    const proof = proveCairo(exec, FAST);
    verifyCairo(proof, exec.publicInput);
    assert.match(proof.airId, /range_check\+range_check96$/);
  });

  it('refuses a range-checked value that does not fit the limbs', () => {
    const memory = new Map(exec.memory);
    const rc96 = exec.publicInput.segments.range_check96!;
    memory.set(rc96.begin, 1n << 100n);
    assert.throws(
      () => proveCairo({ ...exec, memory }, FAST),
      (e: unknown) => e instanceof ProverError && e.code === 'INVALID_TRACE',
    );
  });

  it('rejects a forged proof whose builtin rows break only the builtin constraints', () => {
    const { columns, n } = buildCairoTrace(exec);
    const air = new CairoAir(exec.publicInput, n);
    const rc = air.layout.builtins[0] as RangeCheckComponent;
    columns[rc.sel]![n - 1] = 1n; // claims an extra instance past the segment's stop pointer
    const ch = [3n, 5n, 7n];
    const groups = new Set(
      findViolations(air, [...columns, ...air.buildAux(columns, ch)], ch).map((v) => v.group),
    );
    assert.deepEqual([...groups], ['builtin/range_check']);
    const lax = Object.create(air) as CairoAir;
    lax.evaluate = (frame, periodic, c, out) => {
      air.evaluate(frame, periodic, c, out);
      air.constraints.forEach((spec, i) => {
        if (spec.group === 'builtin/range_check') out[i] = 0n;
      });
    };
    assert.throws(() => verifyCairo(prove(lax, columns, FAST), exec.publicInput), VerificationError);
  });
});

describe('poseidon builtin', () => {
  const exec = load('poseidon');

  it('the VM computed the permutation the crypto package does', () => {
    const seg = exec.publicInput.segments.poseidon!;
    const expected = poseidonPermute([1n, 2n, 3n]);
    assert.equal(exec.memory.get(seg.begin + 3), expected[0]);
  });

  it('proves and verifies a run with one Hades permutation', () => {
    const proof = proveCairo(exec, FAST);
    verifyCairo(proof, exec.publicInput);
  });

  it('rejects a forged proof whose permutation rows break only the Poseidon constraints', () => {
    const { columns, n } = buildCairoTrace(exec);
    const air = new CairoAir(exec.publicInput, n);
    const pos = air.layout.builtins[0]!;
    const lane1 = pos.base + pos.width - 9 + 1; // own columns: s0..s2, q0..q2, w0..w2
    columns[lane1]![5] = (columns[lane1]![5]! + 1n) % P;
    const ch = [3n, 5n, 7n];
    const groups = new Set(
      findViolations(air, [...columns, ...air.buildAux(columns, ch)], ch).map((v) => v.group),
    );
    assert.deepEqual([...groups], ['builtin/poseidon']);
    const lax = Object.create(air) as CairoAir;
    lax.evaluate = (frame, periodic, c, out) => {
      air.evaluate(frame, periodic, c, out);
      air.constraints.forEach((spec, i) => {
        if (spec.group === 'builtin/poseidon') out[i] = 0n;
      });
    };
    assert.throws(() => verifyCairo(prove(lax, columns, FAST), exec.publicInput), VerificationError);
  });

  it('refuses a wrong permutation output', () => {
    const memory = new Map(exec.memory);
    const seg = exec.publicInput.segments.poseidon!;
    memory.set(seg.begin + 3, 12345n);
    assert.throws(() => proveCairo({ ...exec, memory }, FAST), ProverError);
  });
});

describe('bitwise builtin', () => {
  const exec = load('bitwise');
  const seg = exec.publicInput.segments.bitwise!;

  it('the VM wrote x&y, x^y, x|y', () => {
    const [x, y] = [exec.memory.get(seg.begin)!, exec.memory.get(seg.begin + 1)!];
    assert.deepEqual(
      [2, 3, 4].map((k) => exec.memory.get(seg.begin + k)),
      [x & y, x ^ y, x | y],
    );
  });

  it('proves and verifies a run with one bitwise instance', () => {
    verifyCairo(proveCairo(exec, FAST), exec.publicInput);
  });

  it('rejects a forged proof whose bit rows break only the bitwise constraints', () => {
    // Flip one bit of y in the block and keep the accumulators consistent from there on.
    const groups = forge(
      exec,
      (cols, air) => {
        const bw = air.layout.builtins[0]!;
        const own = bw.base + bw.width - 6;
        cols[own + 4]![100] = 1n - cols[own + 4]![100]!;
      },
      true,
    );
    assert.deepEqual(groups, ['builtin/bitwise']);
  });

  it('refuses a wrong AND cell', () => {
    const memory = new Map(exec.memory);
    memory.set(seg.begin + 2, memory.get(seg.begin + 2)! ^ 4n);
    assert.throws(() => proveCairo({ ...exec, memory }, FAST), ProverError);
  });
});

describe('ec_op builtin', () => {
  const exec = load('ec-op');
  const seg = exec.publicInput.segments.ec_op!;
  const cell = (k: number) => exec.memory.get(seg.begin + k)!;

  it('the VM wrote p + m·q as the crypto package computes it', () => {
    const r = ecMulAdd({ x: cell(0), y: cell(1) }, cell(4), { x: cell(2), y: cell(3) })!;
    assert.deepEqual([cell(5), cell(6)], [r.x, r.y]);
  });

  it('proves and verifies a run with one ec_op instance (scalar above 2^251)', () => {
    const proof = proveCairo(exec, FAST);
    assert.equal(proof.oodsComposition.length, 3);
    verifyCairo(proof, exec.publicInput);
  });

  it('rejects a forged proof that uses the 252-bit scalar m + p instead of m', () => {
    const small = load('ec-op-small');
    const s = small.publicInput.segments.ec_op!;
    const get = (k: number) => small.memory.get(s.begin + k)!;
    const m = get(4);
    const honest = [get(5), get(6)];
    const forged = ecMulAdd({ x: get(0), y: get(1) }, m + P, { x: get(2), y: get(3) })!;
    const memory = new Map<number, bigint>();
    for (const [a, v] of small.memory)
      memory.set(a, v === honest[0] ? forged.x : v === honest[1] ? forged.y : v);
    memory.set(s.begin + 4, m + P); // the same field element, but the bits of m + p
    const exec2 = { ...small, memory };
    const { columns, n } = buildCairoTrace(exec2);
    const air = new CairoAir(small.publicInput, n);
    const ch = [3n, 5n, 7n];
    const bad = findViolations(
      air,
      [...columns.map((c) => c.map((v) => v % P)), ...air.buildAux(columns, ch)],
      ch,
    );
    assert.deepEqual([...new Set(bad.map((v) => v.name))], ['max-scalar']);
    const lax = Object.create(air) as CairoAir;
    lax.evaluate = (frame, periodic, c, out) => {
      air.evaluate(frame, periodic, c, out);
      air.constraints.forEach((spec, i) => {
        if (spec.group === 'builtin/ec_op') out[i] = 0n;
      });
    };
    const proof = prove(
      lax,
      columns.map((c) => c.map((v) => v % P)),
      FAST,
    );
    assert.throws(() => verifyCairo(proof, small.publicInput), VerificationError);
  });

  it('refuses a wrong result point', () => {
    const memory = new Map(exec.memory);
    memory.set(seg.begin + 5, (cell(5) + 1n) % P);
    assert.throws(() => proveCairo({ ...exec, memory }, FAST), ProverError);
  });
});

describe('pedersen builtin', () => {
  const exec = load('pedersen');
  const seg = exec.publicInput.segments.pedersen!;
  const cell = (k: number) => exec.memory.get(seg.begin + k)!;

  it('the VM wrote the hash the crypto package computes', () => {
    assert.equal(cell(2), pedersen(cell(0), cell(1)));
  });

  it('proves and verifies a run with a Pedersen hash', () => {
    verifyCairo(proveCairo(exec, FAST), exec.publicInput);
  });

  it('catches a tampered accumulator in the Pedersen rows (builtin group only)', () => {
    const groups = forge(
      exec,
      (cols, air) => {
        const pd = air.layout.builtins[0]!;
        const ax = pd.base + pd.width - 8;
        cols[ax]![300] = (cols[ax]![300]! + 1n) % P;
      },
      false,
    );
    assert.deepEqual(groups, ['builtin/pedersen']);
  });

  it('refuses a wrong hash', () => {
    const memory = new Map(exec.memory);
    memory.set(seg.begin + 2, (cell(2) + 1n) % P);
    assert.throws(() => proveCairo({ ...exec, memory }, FAST), ProverError);
  });
});
