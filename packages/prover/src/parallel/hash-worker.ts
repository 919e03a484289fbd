// Worker thread entry: hashes ranges of Merkle leaves in shared memory with Keccak-256.
import { parentPort } from 'node:worker_threads';
import { keccak256 } from '@starling/crypto';

interface Task {
  input: SharedArrayBuffer;
  output: SharedArrayBuffer;
  done: SharedArrayBuffer;
  leafBytes: number;
  from: number;
  to: number;
}

parentPort?.on('message', (t: Task) => {
  const input = new Uint8Array(t.input);
  const output = new Uint8Array(t.output);
  const done = new Int32Array(t.done);
  try {
    for (let i = t.from; i < t.to; i++) {
      output.set(keccak256(input.subarray(i * t.leafBytes, (i + 1) * t.leafBytes)), i * 32);
    }
  } catch {
    Atomics.store(done, 1, 1);
  }
  Atomics.add(done, 0, 1);
  Atomics.notify(done, 0);
});
