import { Worker } from 'node:worker_threads';
import type { JobName, JobResult } from './diff-jobs.js';

/** Threads a differential job is split over: the suite's machines have two cores. */
export const DIFF_THREADS = 2;

function share(name: JobName, part: number, count: number): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    // Workers start without the test runner's TypeScript loader: register it, then load the task.
    const task = new URL('./diff-worker-task.ts', import.meta.url).href;
    const api = import.meta.resolve('tsx/esm/api');
    const code = `const { register } = await import(${JSON.stringify(api)}); register(); await import(${JSON.stringify(task)});`;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), {
      workerData: { name, part, count },
    });
    worker.once('message', (r: JobResult) => {
      resolve(r);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Runs job `name` on `total` inputs split over DIFF_THREADS worker threads; the merged result. */
export async function runParallel(name: JobName, total: number): Promise<JobResult> {
  const per = Math.ceil(total / DIFF_THREADS);
  const parts = await Promise.all(Array.from({ length: DIFF_THREADS }, (_, i) => share(name, i, per)));
  return {
    checked: parts.reduce((n, r) => n + r.checked, 0),
    failures: parts.flatMap((r) => r.failures),
  };
}
