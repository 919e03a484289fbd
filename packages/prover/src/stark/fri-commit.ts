import { type FastField, getFastField, inv, P, rootOfUnity } from '@starling/felt';
import type { Channel } from './channel.js';
import { cosetInterpolate } from './domain.js';
import { friFoldCount, friSchedule, type LayerOpening } from './fri.js';
import { type MerkleHasher, MerkleTree } from './merkle.js';
import { LIMBS, readCanonical, u64, type VecField, writeCanonical } from './vec-field.js';

const INV2 = inv(2n);
const BYTES = 32;
/** Elements per WASM fold chunk (the scratch stays small whatever the layer size). */
const CHUNK = 4096;

/** A committed FRI layer: canonical evaluations (natural order) and the tree over its cosets. */
export interface FriLayer {
  evals: Uint32Array;
  tree: MerkleTree;
  step: number;
}

function bswap(x: number): number {
  return ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);
}

/** Leaf i holds the values at i + j·(M/F), j < F (big-endian words): one coset that folds to position i. */
function groupTree(evals: Uint32Array, step: number, hasher: MerkleHasher): MerkleTree {
  const F = 1 << step;
  const stride = evals.length / LIMBS / F;
  return MerkleTree.fromLeafBytes(
    stride,
    F * BYTES,
    (from, to, buf) => {
      const words = new Uint32Array(buf.buffer, buf.byteOffset, buf.length >> 2);
      let o = 0;
      for (let i = from; i < to; i++) {
        for (let j = 0; j < F; j++) {
          const p = (i + j * stride) * LIMBS;
          for (let l = 0; l < LIMBS; l++) words[o + l] = bswap(evals[p + 7 - l]!);
          o += LIMBS;
        }
      }
    },
    hasher,
  );
}

/**
 * One fold of canonical evaluations on offset·⟨ω⟩: out_i = (a + b)/2 + (a − b)·β/(2x_i), a = f(x_i),
 * b = f(−x_i). On the WASM kernels the values stay canonical: a Montgomery product of a canonical value
 * and a Montgomery-form factor is canonical.
 */
function foldLayer(f: FastField | null, evals: Uint32Array, offset: bigint, omega: bigint, beta: bigint) {
  const half = evals.length / LIMBS / 2;
  const out = new Uint32Array(half * LIMBS);
  const xInv0 = inv(offset);
  const omegaInv = inv(omega);
  if (!f) {
    const v = u64(evals);
    const o = u64(out);
    let xInv = xInv0;
    for (let i = 0; i < half; i++) {
      const a = readCanonical(v, i);
      const b = readCanonical(v, i + half);
      const odd = (((a - b + P) * xInv) % P) * beta;
      writeCanonical(o, i, ((a + b + odd) * INV2) % P);
      xInv = (xInv * omegaInv) % P;
    }
    return out;
  }
  const k = f.kernels;
  const C = Math.min(CHUNK, half);
  // Layout: ω^−i table, factors W, a, b, a − b (C each), then the scalars ω^−1, s and 1/2.
  const pw = f.base;
  const pW = pw + C * BYTES;
  const pa = pW + C * BYTES;
  const pb = pa + C * BYTES;
  const pd = pb + C * BYTES;
  const pg = pd + C * BYTES;
  const ps = pg + BYTES;
  const ph = ps + BYTES;
  f.mem.ensure(ph + BYTES);
  f.writeMont(pg, omegaInv);
  k.powers(pw, pg, C);
  f.writeMont(ph, INV2);
  // W_i = β/(2x_i) = s·ω^−(i−i0) on the chunk starting at i0, s = (β/2)·x_{i0}^−1.
  let s = (beta * INV2 * xInv0) % P;
  const stepS = powMod(omegaInv, C);
  for (let i0 = 0; i0 < half; i0 += C) {
    const m = Math.min(C, half - i0);
    const u32 = f.mem.u32;
    u32.set(evals.subarray(i0 * LIMBS, (i0 + m) * LIMBS), pa >>> 2);
    u32.set(evals.subarray((i0 + half) * LIMBS, (i0 + half + m) * LIMBS), pb >>> 2);
    f.writeMont(ps, s);
    k.vecScale(pW, pw, ps, m);
    k.vecSub(pd, pa, pb, m);
    k.vecAdd(pa, pa, pb, m);
    k.vecMul(pd, pd, pW, m);
    k.vecScale(pa, pa, ph, m);
    k.vecAdd(pa, pa, pd, m);
    out.set(f.mem.u32.subarray(pa >>> 2, (pa >>> 2) + m * LIMBS), i0 * LIMBS);
    s = (s * stepS) % P;
  }
  return out;
}

function powMod(b: bigint, e: number): bigint {
  let r = 1n;
  let x = b;
  let k = e;
  while (k > 0) {
    if (k & 1) r = (r * x) % P;
    x = (x * x) % P;
    k >>= 1;
  }
  return r;
}

/**
 * Commit phase: folds the layer-0 evaluations (canonical limbs on offset·⟨ω⟩, natural order),
 * committing the schedule's layers; the WASM kernels fold when the prover uses them.
 */
export function friCommit(
  vf: VecField,
  evals0: Uint32Array,
  offset: bigint,
  degreeBound: number,
  lastLayerDegreeBound: number,
  stepLog: number,
  channel: Channel,
  hasher: MerkleHasher,
): { layers: FriLayer[]; roots: bigint[]; lastLayer: bigint[] } {
  const f = vf.name === 'wasm' ? getFastField() : null;
  const folds = friFoldCount(degreeBound, lastLayerDegreeBound);
  const schedule = new Map(friSchedule(folds, stepLog).map((s) => [s.layer, s.step]));
  const layers: FriLayer[] = [];
  const roots: bigint[] = [];
  let evals = evals0;
  let off = offset;
  let omega = rootOfUnity(Math.log2(evals0.length / LIMBS));
  for (let k = 0; k < folds; k++) {
    const step = schedule.get(k);
    if (step !== undefined) {
      const tree = groupTree(evals, step, hasher);
      layers.push({ evals, tree, step });
      roots.push(tree.root);
      channel.absorbValues([tree.root]);
    }
    const beta = channel.drawFelt();
    evals = foldLayer(f, evals, off, omega, beta);
    off = (off * off) % P;
    omega = (omega * omega) % P;
  }
  const last = u64(evals);
  const values = Array.from({ length: evals.length / LIMBS }, (_, i) => readCanonical(last, i));
  const coeffs = cosetInterpolate(values, off);
  const lastLayer = coeffs.slice(0, Math.max(1, degreeBound >> folds));
  channel.absorbValues(lastLayer);
  return { layers, roots, lastLayer };
}

/** Opens every committed layer at the leaves the queries reach (queries are positions in layer 0). */
export function friDecommit(layers: readonly FriLayer[], queries: readonly number[]): LayerOpening[] {
  let positions = [...new Set(queries)];
  return layers.map(({ evals, tree, step }) => {
    const F = 1 << step;
    const stride = evals.length / LIMBS / F;
    const view = u64(evals);
    const leaves = [...new Set(positions.map((q) => q % stride))].sort((a, b) => a - b);
    positions = leaves;
    return {
      values: leaves.map((i) => Array.from({ length: F }, (_, j) => readCanonical(view, i + j * stride))),
      proof: tree.open(leaves),
    };
  });
}
