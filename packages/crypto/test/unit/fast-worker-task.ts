// Worker body for fast-worker.test.ts: hashes with this thread's own crypto.wasm instance.
import { parentPort, workerData } from 'node:worker_threads';
import { getWasmCrypto } from '../../src/fast/index.js';

const { a, b } = workerData as { a: bigint[]; b: bigint[] };
const wasm = getWasmCrypto();
if (!wasm) throw new Error('crypto.wasm did not load in the worker');
parentPort?.postMessage({
  pedersen: wasm.pedersenMany(a, b),
  poseidon: a.map((x, i) => wasm.poseidon(x, b[i]!)),
});
