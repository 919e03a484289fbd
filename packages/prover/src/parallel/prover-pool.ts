import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CairoExecution } from '../cairo/trace-builder.js';
import { ProverError, type ProverErrorCode } from '../errors.js';
import type { ProofOptions } from '../options.js';
import type { StarkProof } from '../stark/proof.js';
import { deserializeProof } from '../stark/serialize.js';

type Pending = { resolve: (p: StarkProof) => void; reject: (e: unknown) => void };

/** The worker script next to this module (.ts under the source condition, .js when built). */
function workerUrl(): URL {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./prove-worker.${ext}`, import.meta.url);
}

/**
 * A pool of worker threads, each proving whole Cairo executions independently: several proofs run
 * at once (one per worker), the caller's thread stays free.
 */
export class ProverPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { id: number; exec: CairoExecution; options: Partial<ProofOptions> }[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(size = Math.max(1, availableParallelism() - 1)) {
    for (let i = 0; i < size; i++) {
      const url = workerUrl();
      // From TypeScript sources (tests, benches) the worker first registers the tsx loader.
      const w = url.pathname.endsWith('.ts')
        ? new Worker(
            `import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(url.href)}));`,
            {
              eval: true,
              execArgv: [...process.execArgv, '--conditions=@starling/source'],
            },
          )
        : new Worker(url, { execArgv: process.execArgv });
      w.on('message', (msg: { id: number; proof?: string; error?: { code: string; message: string } }) => {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (p) {
          if (msg.proof !== undefined) p.resolve(deserializeProof(msg.proof));
          else
            p.reject(
              new ProverError(
                (msg.error?.code ?? 'INVALID_TRACE') as ProverErrorCode,
                msg.error?.message ?? '',
              ),
            );
        }
        this.idle.push(w);
        this.pump();
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  /** Proves an execution on the next free worker. */
  prove(exec: CairoExecution, options: Partial<ProofOptions> = {}): Promise<StarkProof> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.queue.push({ id, exec, options });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop()!;
      w.postMessage(this.queue.shift()!);
    }
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
