import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { getCryptoBackend } from '../../src/active-backend.js';
import { referenceCrypto as ref } from '../../src/reference-backend.js';
import '../../src/fast/index.js';
import { randomFelts } from './fast-random.js';

function run(a: bigint[], b: bigint[]): Promise<{ pedersen: bigint[]; poseidon: bigint[] }> {
  return new Promise((resolve, reject) => {
    // Workers start without the test runner's TypeScript loader: register it, then load the task.
    const task = new URL('./fast-worker-task.ts', import.meta.url).href;
    const api = import.meta.resolve('tsx/esm/api');
    const code = `const { register } = await import(${JSON.stringify(api)}); register(); await import(${JSON.stringify(task)});`;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), {
      workerData: { a, b },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

describe('crypto.wasm in worker threads', () => {
  it('importing the fast module selects the WASM backend', () => {
    assert.equal(getCryptoBackend().name, 'wasm');
  });

  it('two workers hash concurrently, each with its own instance', async () => {
    const a = randomFelts(64, 11);
    const b = randomFelts(64, 12);
    const [first, second] = await Promise.all([run(a, b), run(b, a)]);
    assert.deepEqual(first.pedersen, ref.pedersenMany(a, b));
    assert.deepEqual(second.pedersen, ref.pedersenMany(b, a));
    assert.deepEqual(
      first.poseidon,
      a.map((x, i) => ref.poseidon(x, b[i]!)),
    );
  });
});
