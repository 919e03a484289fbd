import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '@starling/felt';

/** Starts a worker on a sibling module (its `.ts` source when running from sources). */
export function startWorker(name: string, workerData: unknown, transferList: readonly object[]): Worker {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const url = new URL(`./${name}.${ext}`, import.meta.url);
  return startModuleWorker(url, { workerData, transferList: transferList as never[] });
}
