import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { CairoExecution } from '../cairo/trace-builder.js';
import { ProverError, type ProverErrorCode } from '../errors.js';
import type { ProofOptions } from '../options.js';
import type { StarkProof } from '../stark/proof.js';
import { deserializeProof } from '../stark/serialize.js';
import { startWorker } from './hash-pool.js';

type Pending = { resolve: (p: StarkProof) => void; reject: (e: unknown) => void };

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
      const w = startWorker('prove-worker');
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
