// Per-phase wall time, process CPU time (all threads) and the calling thread's busy time (wall minus
// the time blocked on worker jobs) of one Cairo proof. Development aid:
// `node --import tsx --conditions=@starling/source packages/prover/bench/phase-profile.ts <logSteps> <threads>`.
import { createHash } from 'node:crypto';
import { proveCairo, serializeProof, setProverThreads } from '../src/index.ts';
import { leafPool, poolWaitMs } from '../src/parallel/hash-pool.ts';
import { fibExecution } from '../test/helpers/mini-cairo.ts';

const logSteps = Number(process.argv[2] ?? 14);
const threads = Number(process.argv[3] ?? 1);
const exec = fibExecution(1 << 30, 1 << logSteps);
setProverThreads(threads);
// Workers boot (module loading) before the clock starts: one tiny job per worker.
leafPool()?.hashLeaves(new Uint8Array(64 * threads), 64);
let last = 'trace';
let t = performance.now();
let c = process.cpuUsage();
let w = poolWaitMs();
const t0 = t;
const c0 = c;
const lines: string[] = [];
const ms = (x: number) => x.toFixed(0).padStart(6);
const mark = (phase: string) => {
  const cu = process.cpuUsage(c);
  const wall = performance.now() - t;
  const busy = wall - (poolWaitMs() - w);
  lines.push(
    `${last.padEnd(12)} wall ${ms(wall)} ms  process cpu ${ms((cu.user + cu.system) / 1000)} ms  calling thread busy ${ms(busy)} ms`,
  );
  last = phase;
  t = performance.now();
  c = process.cpuUsage();
  w = poolWaitMs();
};
const proof = proveCairo(exec, {}, (phase) => mark(phase));
const total = process.cpuUsage(c0);
setProverThreads(0);
for (const l of lines) console.log(l);
console.log(
  `total wall ${ms(performance.now() - t0)} ms, process cpu ${ms((total.user + total.system) / 1000)} ms`,
);
console.log('proof sha256', createHash('sha256').update(serializeProof(proof)).digest('hex'));
