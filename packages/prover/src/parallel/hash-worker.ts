// Worker thread entry: Merkle leaf hashing and LDE sub-cosets over shared memory, for the calling
// thread that blocks on the shared completion counter.
import { parentPort } from 'node:worker_threads';
import { keccakLeaves } from '../stark/fast-keccak.js';
import { extendSubCoset, interpolateColumn, type LdeJob } from '../stark/lde-kernel.js';
import { bigintVecField, getVecField } from '../stark/vec-field.js';

type Task =
  | {
      kind: 'hash';
      input: SharedArrayBuffer;
      output: SharedArrayBuffer;
      leafBytes: number;
      from: number;
      to: number;
    }
  | { kind: 'lde'; job: LdeJob; ks: number[] }
  | { kind: 'intt'; job: LdeJob; cols: number[] };

parentPort?.on('message', (t: Task & { done: SharedArrayBuffer }) => {
  const done = new Int32Array(t.done);
  try {
    if (t.kind === 'hash') {
      keccakLeaves(new Uint8Array(t.input), t.leafBytes, new Uint8Array(t.output), t.from, t.to);
    } else {
      const vf = t.job.field === 'bigint' ? bigintVecField : getVecField();
      if (t.kind === 'lde') for (const k of t.ks) extendSubCoset(vf, t.job, k);
      else for (const c of t.cols) interpolateColumn(vf, t.job, c);
    }
  } catch {
    Atomics.store(done, 1, 1);
  }
  Atomics.add(done, 0, 1);
  Atomics.notify(done, 0);
});
