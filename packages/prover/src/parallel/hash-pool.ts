import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '@starling/felt';
import { ProverError } from '../errors.js';
import type { AirRecipe } from '../stark/air.js';
import type { SubCosetSource } from '../stark/composition-eval.js';
import type { DeepComboJob } from '../stark/deep.js';
import type { LdeJob } from '../stark/lde-kernel.js';

/** Column values at points for the workers: canonical value of column c at points[k] → out[k·width + c]. */
export interface EvaluateAtJob {
  coeffs: Uint32Array[];
  points: bigint[];
  out: Uint32Array;
  field: string;
}

/** A composition evaluation for the workers: H on the D'·n points, written into `values` (shared). */
export interface ComposeJob {
  recipe: AirRecipe;
  sources: SubCosetSource[];
  Dp: number;
  challenges: readonly bigint[];
  alphas: readonly bigint[];
  values: Uint32Array;
  /** VecField name: 'wasm' evaluates with the AIR's block program, 'bigint' row by row. */
  field: string;
}

function workerUrl(name: string): URL {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./${name}.${ext}`, import.meta.url);
}

/** Starts a worker on a sibling module; from TypeScript sources it first registers the tsx loader. */
export function startWorker(name: string): Worker {
  return startModuleWorker(workerUrl(name));
}

/**
 * Keccak leaf hashing on worker threads, called synchronously: leaves are written to shared memory,
 * each worker hashes a range, and the calling thread blocks on an atomic counter until all are done.
 */
export class KeccakLeafPool {
  private readonly workers: Worker[];

  constructor(readonly size: number) {
    this.workers = Array.from({ length: size }, () => {
      const w = startWorker('hash-worker');
      w.unref();
      return w;
    });
  }

  /** Posts one message per worker (with a shared completion counter) and blocks until all are done. */
  private runAll(messages: Record<string, unknown>[]): void {
    const t0 = performance.now();
    const done = new SharedArrayBuffer(8);
    const flags = new Int32Array(done);
    messages.forEach((m, k) => {
      this.workers[k]!.postMessage({ ...m, done });
    });
    for (;;) {
      const finished = Atomics.load(flags, 0);
      if (finished >= messages.length) break;
      Atomics.wait(flags, 0, finished, 60_000);
    }
    waitedMs += performance.now() - t0;
    if (Atomics.load(flags, 1) !== 0) throw new ProverError('INVALID_TRACE', 'a prover worker failed');
  }

  /** Runs an LDE job's sub-cosets (transforms and leaf hashing) on the workers, round robin. */
  extendLde(job: LdeJob): void {
    const messages: Record<string, unknown>[] = [];
    for (let w = 0; w < this.size && w < job.blowup; w++) {
      const ks: number[] = [];
      for (let k = w; k < job.blowup; k += this.size) ks.push(k);
      messages.push({ kind: 'lde', job, ks });
    }
    this.runAll(messages);
  }

  /** Interpolates an LDE job's columns (evaluations → coefficients, in place) on the workers. */
  interpolate(job: LdeJob): void {
    const messages: Record<string, unknown>[] = [];
    for (let w = 0; w < this.size && w < job.coeffs.length; w++) {
      const cols: number[] = [];
      for (let c = w; c < job.coeffs.length; c += this.size) cols.push(c);
      messages.push({ kind: 'intt', job, cols });
    }
    this.runAll(messages);
  }

  /**
   * Evaluates the composition on the workers: each worker takes the same share of the rows of every
   * one of the D' sub-cosets, so the shares stay even for any D' and thread count.
   */
  compose(job: ComposeJob): void {
    const n = job.sources[0]!.n;
    const chunk = Math.ceil(n / this.size);
    const messages: Record<string, unknown>[] = [];
    for (let w = 0; w < this.size && w * chunk < n; w++) {
      const parts: { m: number; from: number; to: number }[] = [];
      for (let m = 0; m < job.Dp; m++) parts.push({ m, from: w * chunk, to: Math.min(n, (w + 1) * chunk) });
      messages.push({ kind: 'compose', job, parts });
    }
    this.runAll(messages);
  }

  /** Computes the DEEP combinations on the workers, split by coefficient range. */
  deepCombos(job: DeepComboJob): void {
    const n = job.trace[0]!.length / 8;
    const chunk = Math.ceil(n / this.size);
    const messages: Record<string, unknown>[] = [];
    for (let w = 0; w < this.size && w * chunk < n; w++)
      messages.push({ kind: 'deep', job, from: w * chunk, to: Math.min(n, (w + 1) * chunk) });
    this.runAll(messages);
  }

  /** Evaluates coefficient columns at a few points on the workers, split by column. */
  evaluateAt(job: EvaluateAtJob): void {
    const messages: Record<string, unknown>[] = [];
    for (let w = 0; w < this.size && w < job.coeffs.length; w++) {
      const cols: number[] = [];
      for (let c = w; c < job.coeffs.length; c += this.size) cols.push(c);
      messages.push({ kind: 'evalAt', job, cols });
    }
    this.runAll(messages);
  }

  /** Keccak-256 of each `leafBytes`-byte leaf in `input`; returns 32 bytes per leaf. */
  hashLeaves(input: Uint8Array, leafBytes: number): Uint8Array {
    const count = input.length / leafBytes;
    const shared = new SharedArrayBuffer(input.length);
    new Uint8Array(shared).set(input);
    const output = new SharedArrayBuffer(count * 32);
    const chunk = Math.ceil(count / this.size);
    const messages: Record<string, unknown>[] = [];
    for (let k = 0; k < this.size && k * chunk < count; k++) {
      const from = k * chunk;
      messages.push({
        kind: 'hash',
        input: shared,
        output,
        leafBytes,
        from,
        to: Math.min(count, from + chunk),
      });
    }
    this.runAll(messages);
    return new Uint8Array(output);
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

let shared: KeccakLeafPool | null = null;
let waitedMs = 0;

/** Wall time (ms) the calling thread has spent blocked on pool jobs since the process started (profiling). */
export function poolWaitMs(): number {
  return waitedMs;
}

/** Uses `threads` worker threads for Keccak leaf hashing from now on (0 or 1: hash on the calling thread). */
export function setProverThreads(threads: number): void {
  void shared?.close();
  shared = threads > 1 ? new KeccakLeafPool(threads) : null;
}

/** The configured pool for LDE jobs (the same workers). */
export function ldePool(): KeccakLeafPool | null {
  return leafPool();
}

/** The configured leaf-hashing pool, if any (also from STARLING_PROVER_THREADS). */
export function leafPool(): KeccakLeafPool | null {
  if (shared === null && process.env.STARLING_PROVER_THREADS) {
    const t = Number(process.env.STARLING_PROVER_THREADS);
    if (t > 1) shared = new KeccakLeafPool(t);
  }
  return shared;
}
