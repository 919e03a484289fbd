// Worker thread entry: Merkle leaf hashing and LDE sub-cosets over shared memory, for the calling
// thread that blocks on the shared completion counter.
import { parentPort } from 'node:worker_threads';
import { CairoAir } from '../cairo/cairo-air.js';
import type { CairoPublicInput } from '../cairo/public-input.js';
import type { Air } from '../stark/air.js';
import { evaluateComposition } from '../stark/composition-eval.js';
import { type DeepComboJob, deepCombos, evaluateColumnsAt } from '../stark/deep.js';
import { keccakLeaves } from '../stark/fast-keccak.js';
import { extendSubCoset, interpolateColumn, type LdeJob } from '../stark/lde-kernel.js';
import { bigintVecField, getVecField, u64, writeCanonical } from '../stark/vec-field.js';
import type { ComposeJob, EvaluateAtJob } from './hash-pool.js';

function evaluateAt(job: EvaluateAtJob, cols: number[]): void {
  const vf = job.field === 'bigint' ? bigintVecField : getVecField();
  const view = u64(job.out);
  const width = job.coeffs.length;
  const mine = cols.map((c) => job.coeffs[c]!);
  for (let k = 0; k < job.points.length; k++) {
    const values = evaluateColumnsAt(vf, mine, job.points[k]!);
    for (let i = 0; i < cols.length; i++) writeCanonical(view, k * width + cols[i]!, values[i]!);
  }
}

// The AIR of the current composition job, rebuilt once per recipe key.
let cached: { key: string; air: Air } | null = null;

function airOf(job: ComposeJob): Air {
  if (cached?.key !== job.recipe.key) {
    const args = job.recipe.args as { publicInput: CairoPublicInput; traceLength: number };
    cached = { key: job.recipe.key, air: new CairoAir(args.publicInput, args.traceLength) };
  }
  return cached.air;
}

function compose(job: ComposeJob, parts: { m: number; from: number; to: number }[]): void {
  const air = airOf(job);
  for (const p of parts) {
    evaluateComposition(
      air,
      job.sources,
      p.m,
      job.Dp,
      job.challenges,
      job.alphas,
      p.from,
      p.to,
      job.values,
      job.field,
    );
  }
}

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
  | { kind: 'intt'; job: LdeJob; cols: number[] }
  | { kind: 'compose'; job: ComposeJob; parts: { m: number; from: number; to: number }[] }
  | { kind: 'evalAt'; job: EvaluateAtJob; cols: number[] }
  | { kind: 'deep'; job: DeepComboJob; from: number; to: number };

parentPort?.on('message', (t: Task & { done: SharedArrayBuffer }) => {
  const done = new Int32Array(t.done);
  try {
    if (t.kind === 'hash') {
      keccakLeaves(new Uint8Array(t.input), t.leafBytes, new Uint8Array(t.output), t.from, t.to);
    } else if (t.kind === 'deep') {
      deepCombos(t.job.field === 'bigint' ? bigintVecField : getVecField(), t.job, t.from, t.to);
    } else if (t.kind === 'evalAt') {
      evaluateAt(t.job, t.cols);
    } else if (t.kind === 'compose') {
      compose(t.job, t.parts);
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
