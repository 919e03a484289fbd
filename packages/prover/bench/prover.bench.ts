// Prover throughput on Cairo executions (a Fibonacci loop with calls), proof size, verification time and
// peak memory, at the default parameters (97 bits). Baseline: the BigInt NTT backend at 2^12 steps.
import { report, selected } from '../../../scripts/bench-kit.ts';
import {
  bigintPolyBackend,
  getPolyBackend,
  proofPayloadBytes,
  proveCairo,
  serializeProof,
  setPolyBackend,
  verifyCairo,
} from '../src/index.ts';
import { fibExecution } from '../test/helpers/mini-cairo.ts';

function run(logSteps: number) {
  const steps = 1 << logSteps;
  const exec = fibExecution(1 << 30, steps);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const proof = proveCairo(exec);
  const proveS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const t1 = performance.now();
  verifyCairo(proof, exec.publicInput);
  const verifyMs = performance.now() - t1;
  return {
    steps,
    proveS,
    cpuS,
    verifyMs,
    json: serializeProof(proof).length,
    payload: proofPayloadBytes(proof),
  };
}

let baseline: { value: number; label: string } | undefined;
if (selected('prover steps/s 2^12')) {
  const fast = getPolyBackend();
  setPolyBackend(bigintPolyBackend);
  const b = run(12);
  setPolyBackend(fast);
  baseline = { value: b.steps / b.proveS, label: 'bigint NTT' };
  const r = run(12);
  report('prover steps/s 2^12', r.steps / r.proveS, 'steps/s', baseline);
  report('prover steps per cpu-second 2^12', r.steps / r.cpuS, 'steps/cpu-s', {
    value: b.steps / b.cpuS,
    label: 'bigint NTT',
  });
}

if (selected('prover steps/s 2^12 sha256')) {
  const exec = fibExecution(1 << 30, 1 << 12);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  proveCairo(exec, { merkleHash: 'sha256' });
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  report('prover steps/s 2^12 sha256', 4096 / s, 'steps/s', baseline);
  report('prover steps per cpu-second 2^12 sha256', 4096 / ((cpu.user + cpu.system) / 1e6), 'steps/cpu-s');
}

for (const log of [16, 18]) {
  const name = `prover steps/s 2^${log}`;
  // 2^18 needs several GB of heap with bigint columns: run it only when named.
  if (!selected(name) || (log === 18 && !process.env.BENCH_FILTER?.includes('2^18'))) continue;
  const r = run(log);
  report(name, r.steps / r.proveS, 'steps/s', baseline);
  // On a shared machine wall time includes waiting for a core: also report per CPU-second.
  report(`prover steps per cpu-second 2^${log}`, r.steps / r.cpuS, 'steps/cpu-s');
  report(`proof size 2^${log} (binary payload)`, r.payload / 1024, 'KiB');
  report(`proof size 2^${log} (JSON)`, r.json / 1024, 'KiB');
  report(`verification 2^${log}`, r.verifyMs, 'ms');
  report(`peak rss 2^${log}`, process.resourceUsage().maxRSS / 1024, 'MiB');
}
