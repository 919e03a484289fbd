import { MessageChannel, type MessagePort, receiveMessageOnPort, type Worker } from 'node:worker_threads';
import type { RecentBlock } from '../db/recent-nodes.js';
import { StateError, type StateErrorCode } from '../errors.js';
import { startWorker } from './start-worker.js';
import type { StorageJob, StorageJobResult } from './storage-job.js';
import type { TreeJob } from './tree-job.js';

/**
 * A message to a hash worker: a chunk of pairs, whole pending tries to hash bottom-up, storage tries
 * to plan and hash (reading the database at `path`); with no answer, 'recent' (the nodes a block
 * created, in shared memory: the next blocks read them again) and 'forget' (after blocks were
 * dropped); 'close' before the worker stops.
 */
export type HashRequest =
  | {
      readonly op: 'pairs';
      readonly kind: HashKind;
      readonly a: readonly bigint[];
      readonly b: readonly bigint[];
    }
  | {
      readonly op: 'trees';
      readonly kind: HashKind;
      readonly job: TreeJob;
      /** Shared claim word: the worker hashes the job only if it moves it from 0 (queued) to 1. */
      readonly claim?: Int32Array;
    }
  | {
      readonly op: 'storage';
      readonly kind: HashKind;
      readonly path: string;
      readonly job: StorageJob;
      /** As for 'trees'; a job taken back is answered null. */
      readonly claim: Int32Array;
    }
  | { readonly op: 'recent'; readonly kind: HashKind; readonly nodes: RecentBlock; readonly keep: number }
  | { readonly op: 'forget' | 'close'; readonly kind: HashKind };

/** What a worker answers: hashes, node records, a storage job's result, or null. */
export type HashAnswer = bigint[] | Uint8Array | StorageJobResult | null;

export type HashKind = 'pedersen' | 'poseidon';

/** How long a caller waits for one answer before it gives up on the workers. */
const TAKE_TIMEOUT_MS = 120_000;

type Local = (kind: HashKind, a: readonly bigint[], b: readonly bigint[]) => bigint[];

interface PoolWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
  /** Results posted so far (the worker increments it after each postMessage). */
  readonly done: Int32Array;
  sent: number;
  taken: number;
}

/** A job handed to one worker; collect it with HashPool.take. */
export interface HashTicket {
  readonly worker: number;
  readonly seq: number;
}

/**
 * Worker threads, each with its own crypto backend, called synchronously: requests go out by message
 * and the caller blocks on a shared counter for the answers (its own event loop is not running then).
 * Workers start on first use, so that pools which only ever see small batches cost nothing.
 */
export class HashPool {
  private readonly workers: PoolWorker[] = [];
  private closed = false;
  private failed = false;
  private next = 0;

  constructor(
    readonly size: number,
    /** Pair batches below this stay on the calling thread. */
    readonly minBatch = 256,
  ) {
    if (!Number.isInteger(size) || size < 0)
      throw new StateError('INVALID_VALUE', 'hash pool size must be a non-negative integer');
  }

  /** Whether requests can go to workers. */
  get active(): boolean {
    return this.size > 0 && !this.closed && !this.failed;
  }

  /** Starts the workers on first use; false (and in-thread hashing from then on) if they cannot start. */
  ensureStarted(): boolean {
    if (!this.active) return false;
    if (this.workers.length > 0) return true;
    try {
      this.start();
      return true;
    } catch {
      this.failed = true;
      for (const w of this.workers.splice(0)) void w.worker.terminate();
      return false;
    }
  }

  private start(): void {
    for (let i = 0; i < this.size; i++) {
      const { port1, port2 } = new MessageChannel();
      const done = new Int32Array(new SharedArrayBuffer(4));
      const worker = startWorker('hash-worker', { port: port2, done }, [port2]);
      worker.unref();
      port1.unref();
      this.workers.push({ worker, port: port1, done, sent: 0, taken: 0 });
    }
  }

  /** Sends a request to the next worker (round robin). */
  send(request: HashRequest): HashTicket {
    if (!this.ensureStarted()) throw new StateError('HASH_WORKER_FAILED', 'the hash pool has no workers');
    const index = this.next;
    this.next = (this.next + 1) % this.workers.length;
    const w = this.workers[index]!;
    w.port.postMessage(request);
    return { worker: index, seq: w.sent++ };
  }

  /**
   * Blocks until the answer to `ticket` arrives (tickets of one worker are taken in order): hashes for
   * a 'pairs' request, node records for a 'trees' one, a StorageJobResult (or null) for a 'storage' one.
   */
  take(ticket: HashTicket): HashAnswer {
    const w = this.workers[ticket.worker];
    if (!w || ticket.seq < w.taken)
      throw new StateError('HASH_WORKER_FAILED', 'hash tickets taken out of order');
    // Answers that a failed commit left behind are dropped.
    while (w.taken < ticket.seq) this.receive(w);
    const msg = this.receive(w);
    if (msg !== undefined && (msg === null || !('error' in msg))) return msg;
    // A state error in a worker (a missing node, say) is the same error here.
    if (msg?.code) throw new StateError(msg.code, msg.error);
    throw new StateError('HASH_WORKER_FAILED', `hash worker failed: ${msg?.error ?? 'no result'}`);
  }

  /** Blocks until worker `w`'s next answer arrives, and returns it. */
  private receive(w: PoolWorker): HashAnswer | { error: string; code?: StateErrorCode } | undefined {
    // A worker that died cannot say so while this thread blocks: give up after a long wait.
    const deadline = Date.now() + TAKE_TIMEOUT_MS;
    while (Atomics.load(w.done, 0) <= w.taken) {
      if (Date.now() > deadline || Atomics.wait(w.done, 0, w.taken, TAKE_TIMEOUT_MS) === 'timed-out') {
        this.failed = true;
        throw new StateError('HASH_WORKER_FAILED', 'a hash worker did not answer');
      }
    }
    w.taken++;
    return receiveMessageOnPort(w.port)?.message;
  }

  /** Sends `request` (one that gets no answer) to every started worker. */
  broadcast(request: HashRequest & { op: 'forget' | 'recent' }): void {
    for (const w of this.workers) w.port.postMessage(request);
  }

  /** out[i] = h(a[i], b[i]), split across the workers and the caller (which hashes with `local`). */
  hashMany(kind: HashKind, a: readonly bigint[], b: readonly bigint[], local: Local): bigint[] {
    const n = a.length;
    if (n < this.minBatch || !this.ensureStarted()) return local(kind, a, b);
    const parts = this.size + 1;
    const size = Math.ceil(n / parts);
    const tickets: HashTicket[] = [];
    for (let i = 1; i < parts; i++) {
      const from = Math.min(n, i * size);
      const to = Math.min(n, (i + 1) * size);
      tickets.push(this.send({ op: 'pairs', kind, a: a.slice(from, to), b: b.slice(from, to) }));
    }
    const out = local(kind, a.slice(0, size), b.slice(0, size));
    for (const t of tickets) {
      const part = this.take(t);
      if (!Array.isArray(part)) throw new StateError('HASH_WORKER_FAILED', 'a hash worker answered records');
      for (const h of part) out.push(h);
    }
    return out;
  }

  /** Stops the workers (after they closed the database they read). */
  async close(): Promise<void> {
    if (this.workers.length > 0 && !this.closed && !this.failed)
      for (let i = 0; i < this.workers.length; i++) {
        const ticket = this.send({ op: 'close', kind: 'pedersen' });
        try {
          this.take(ticket);
        } catch {
          // It stops anyway.
        }
      }
    this.closed = true;
    const ws = this.workers.splice(0);
    await Promise.all(ws.map((w) => w.worker.terminate()));
  }
}
