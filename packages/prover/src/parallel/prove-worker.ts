// Worker thread entry: proves one Cairo execution per message and posts back the serialized proof.
import { parentPort } from 'node:worker_threads';
import { proveCairo } from '../cairo/prove-cairo.js';
import type { CairoExecution } from '../cairo/trace-builder.js';
import type { ProofOptions } from '../options.js';
import { serializeProof } from '../stark/serialize.js';

interface Job {
  id: number;
  exec: CairoExecution;
  options: Partial<ProofOptions>;
}

parentPort?.on('message', (job: Job) => {
  try {
    const proof = proveCairo(job.exec, job.options);
    parentPort?.postMessage({ id: job.id, proof: serializeProof(proof) });
  } catch (e) {
    const err = e as { code?: string; message?: string; details?: unknown };
    parentPort?.postMessage({
      id: job.id,
      error: { code: err.code ?? 'INVALID_TRACE', message: String(err.message) },
    });
  }
});
