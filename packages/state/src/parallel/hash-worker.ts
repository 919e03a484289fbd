// Worker side of HashPool: answers each request with this thread's own crypto backend, then bumps the
// shared counter that the caller blocks on (its event loop is not running while it waits).
import { type MessagePort, workerData } from 'node:worker_threads';
import { pedersenHasher, poseidonHasher } from '../trie/hasher.js';
import type { HashRequest } from './hash-pool.js';
import { hashTreeJob } from './tree-job.js';

const { port, done } = workerData as { port: MessagePort; done: Int32Array };

port.on('message', (req: HashRequest) => {
  let out: bigint[] | { error: string };
  try {
    const hasher = req.kind === 'pedersen' ? pedersenHasher : poseidonHasher;
    out = req.op === 'pairs' ? hasher.hashMany(req.a, req.b) : hashTreeJob(req.job, hasher);
  } catch (e) {
    out = { error: String(e) };
  }
  port.postMessage(out);
  Atomics.add(done, 0, 1);
  Atomics.notify(done, 0);
});
