// Per-phase wall and CPU time of one Cairo proof (development aid: `node --import tsx
// --conditions=@starling/source packages/prover/bench/phase-profile.ts <logSteps> <threads>`).
import { createHash } from 'node:crypto';
import { proveCairo, serializeProof, setProverThreads } from '../src/index.ts';
import { fibExecution } from '../test/helpers/mini-cairo.ts';

const logSteps = Number(process.argv[2] ?? 14);
const threads = Number(process.argv[3] ?? 1);
const exec = fibExecution(1 << 30, 1 << logSteps);
setProverThreads(threads);
let last = 'trace';
let t = performance.now();
let c = process.cpuUsage();
const t0 = t;
const c0 = c;
const lines: string[] = [];
const mark = (phase: string) => {
  const cu = process.cpuUsage(c);
  lines.push(
    `${last.padEnd(12)} wall ${(performance.now() - t).toFixed(0).padStart(6)} ms  main cpu ${((cu.user + cu.system) / 1000).toFixed(0).padStart(6)} ms`,
  );
  last = phase;
  t = performance.now();
  c = process.cpuUsage();
};
const proof = proveCairo(exec, {}, (phase) => mark(phase));
const total = process.cpuUsage(c0);
setProverThreads(0);
for (const l of lines) console.log(l);
console.log(
  `total wall ${(performance.now() - t0).toFixed(0)} ms, process cpu ${((total.user + total.system) / 1000).toFixed(0)} ms`,
);
console.log('proof sha256', createHash('sha256').update(serializeProof(proof)).digest('hex'));
