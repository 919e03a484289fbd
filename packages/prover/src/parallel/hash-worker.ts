// Worker thread entry: hashes ranges of Merkle leaves in shared memory with Keccak-256.
import { parentPort } from 'node:worker_threads';
import { keccakLeaves } from '../stark/fast-keccak.js';

interface Task {
  input: SharedArrayBuffer;
  output: SharedArrayBuffer;
  done: SharedArrayBuffer;
  leafBytes: number;
  from: number;
  to: number;
}

parentPort?.on('message', (t: Task) => {
  const done = new Int32Array(t.done);
  try {
    keccakLeaves(new Uint8Array(t.input), t.leafBytes, new Uint8Array(t.output), t.from, t.to);
  } catch {
    Atomics.store(done, 1, 1);
  }
  Atomics.add(done, 0, 1);
  Atomics.notify(done, 0);
});
