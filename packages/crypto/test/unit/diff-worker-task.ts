// Worker body for diff-parallel.ts: one job share on this thread's own crypto.wasm instance.
import { parentPort, workerData } from 'node:worker_threads';
import { FastCrypto } from '../../src/fast/index.js';
import { type JobName, runJob } from './diff-jobs.js';

const { name, part, count } = workerData as { name: JobName; part: number; count: number };
parentPort?.postMessage(runJob(new FastCrypto(), name, part, count));
