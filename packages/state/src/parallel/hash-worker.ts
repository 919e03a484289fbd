// Worker side of HashPool: answers each request with this thread's own crypto backend, then bumps the
// shared counter that the caller blocks on (its event loop is not running while it waits).
import { type MessagePort, workerData } from 'node:worker_threads';
import { pedersenHasher, poseidonHasher } from '../trie/hasher.js';
import type { HashRequest } from './hash-pool.js';
import { hashTreeJobRecords } from './tree-job.js';

const { port, done } = workerData as { port: MessagePort; done: Int32Array };

port.on('message', (req: HashRequest) => {
  let out: bigint[] | Uint8Array | { error: string };
  try {
    const hasher = req.kind === 'pedersen' ? pedersenHasher : poseidonHasher;
    if (req.op === 'pairs') out = hasher.hashMany(req.a, req.b);
    // A job that the caller took back (claim 2) is answered empty.
    else if (req.claim && Atomics.compareExchange(req.claim, 0, 0, 1) !== 0) out = new Uint8Array(0);
    else out = hashTreeJobRecords(req.job, hasher);
  } catch (e) {
    out = { error: String(e) };
  }
  // Records move to the caller without a copy.
  port.postMessage(out, out instanceof Uint8Array ? [out.buffer as ArrayBuffer] : []);
  Atomics.add(done, 0, 1);
  Atomics.notify(done, 0);
});
