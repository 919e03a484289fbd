// Prover throughput on Cairo executions (a Fibonacci loop with calls), proof size, verification time and
// peak memory, at the default parameters (96 bits). "Reference arithmetic" runs the same pipeline with
// every field operation in BigInt (bigintVecField) instead of the WASM kernels.
import { report, selected } from '../../../scripts/bench-kit.ts';
import {
  bigintPolyBackend,
  bigintVecField,
  COMPACT_PROOF_OPTIONS,
  getPolyBackend,
  getVecField,
  type ProofOptions,
  proofPayloadBytes,
  proveCairo,
  serializeProof,
  setPolyBackend,
  setProverThreads,
  setVecField,
  verifyCairo,
} from '../src/index.ts';
import { leafPool } from '../src/parallel/hash-pool.ts';
import { fibExecution } from '../test/helpers/mini-cairo.ts';

function run(logSteps: number, threads = 1, options: Partial<ProofOptions> = {}) {
  const steps = 1 << logSteps;
  const exec = fibExecution(1 << 30, steps);
  setProverThreads(threads);
  // The workers boot (load their modules) once per process, before the clock starts: one tiny job each.
  leafPool()?.hashLeaves(new Uint8Array(64 * threads), 64);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const proof = proveCairo(exec, options);
  const proveS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  setProverThreads(0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  // Verification: median of three (it is short, and the machine is shared).
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    verifyCairo(proof, exec.publicInput);
    const c = process.cpuUsage(c1);
    times.push(performance.now() - t1);
    cpuTimes.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  return {
    steps,
    wall: steps / proveS,
    perCpu: steps / cpuS,
    verifyMs: times[1]!,
    verifyCpuMs: cpuTimes[1]!,
    json: serializeProof(proof).length,
    payload: proofPayloadBytes(proof),
  };
}

/** The same pipeline on BigInt arithmetic. */
function runReference(logSteps: number) {
  const vf = getVecField();
  const poly = getPolyBackend();
  setVecField(bigintVecField);
  setPolyBackend(bigintPolyBackend);
  try {
    return run(logSteps);
  } finally {
    setVecField(vf);
    setPolyBackend(poly);
  }
}

if (selected('prover steps per cpu-second 2^12')) {
  const ref = runReference(12);
  const r = run(12);
  const base = { value: ref.perCpu, label: 'reference arithmetic' };
  report('prover steps per cpu-second 2^12 (reference arithmetic)', ref.perCpu, 'steps/cpu-s');
  report('prover steps per cpu-second 2^12', r.perCpu, 'steps/cpu-s', base);
}

for (const log of [16, 18]) {
  const name = `prover steps per cpu-second 2^${log}`;
  const filter = process.env.BENCH_FILTER ?? '';
  // The reference-arithmetic run at this size only when asked for ('reference 2^16').
  const withReference = filter.includes('reference') && filter.includes(`2^${log}`);
  // 2^18 takes minutes: run it only when named.
  if (!(selected(name) || withReference) || (log === 18 && !filter.includes('2^18'))) continue;
  let base: { value: number; label: string } | undefined;
  if (withReference) {
    const ref = runReference(log);
    base = { value: ref.perCpu, label: 'reference arithmetic' };
    report(`${name} (reference arithmetic)`, ref.perCpu, 'steps/cpu-s');
  }
  const r = run(log);
  report(name, r.perCpu, 'steps/cpu-s', base);
  report(`prover steps/s 2^${log} (1 thread, wall)`, r.wall, 'steps/s');
  const t = run(log, 2);
  report(`prover steps/s 2^${log} (2 threads, wall)`, t.wall, 'steps/s', {
    value: r.wall,
    label: '1 thread',
  });
  report(`prover steps per cpu-second 2^${log} (2 threads)`, t.perCpu, 'steps/cpu-s');
  report(`proof size 2^${log} (binary payload)`, r.payload / 1024, 'KiB');
  report(`proof size 2^${log} (JSON)`, r.json / 1024, 'KiB');
  report(`verification 2^${log}`, r.verifyMs, 'ms');
  // On a shared machine the wall time includes waiting for a core.
  report(`verification 2^${log} (cpu)`, r.verifyCpuMs, 'ms');
  report(`peak rss 2^${log}`, process.resourceUsage().maxRSS / 1024, 'MiB');
  // The compact 97-bit parameter set (blowup 8, 27 queries): smaller proofs, more LDE work.
  const s = run(log, 1, COMPACT_PROOF_OPTIONS);
  report(`${name} (blowup 8, 27 queries)`, s.perCpu, 'steps/cpu-s', { value: r.perCpu, label: 'default' });
  report(`proof size 2^${log} (blowup 8, 27 queries)`, s.payload / 1024, 'KiB');
  report(`verification 2^${log} (blowup 8, 27 queries)`, s.verifyMs, 'ms');
}
