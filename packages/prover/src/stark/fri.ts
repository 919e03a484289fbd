import { inv, P, pow, rootOfUnity } from '@starling/felt';
import { evaluateAt } from './domain.js';
import { type MerkleHasher, verifyMerkle } from './merkle.js';

const INV2 = inv(2n);

/** Opened leaves of one committed layer, by unique sorted leaf index. */
export interface LayerOpening {
  values: bigint[][];
  proof: bigint[];
}

/** FRI part of a proof. */
export interface FriProof {
  roots: bigint[];
  lastLayer: bigint[];
  layers: LayerOpening[];
}

/** Number of binary folds for a degree bound: fold until the bound is ≤ lastLayerDegreeBound. */
export function friFoldCount(degreeBound: number, lastLayerDegreeBound: number): number {
  let k = 0;
  while (degreeBound >> k > lastLayerDegreeBound) k++;
  return k;
}

/**
 * Which binary folds start at a committed layer, and how many folds each committed layer's leaves
 * cover: every `2^stepLog`-to-1 group of folds, from layer 0 (the DEEP evaluations) on, starts at a
 * committed layer whose leaves hold the group's 2^stepLog values (fewer for the last group). The verifier
 * computes the DEEP value at a query from the trace opening there and reads its coset from layer 0.
 */
export function friSchedule(folds: number, stepLog: number): { layer: number; step: number }[] {
  const out: { layer: number; step: number }[] = [];
  for (let k = 0; k < folds; k += stepLog) out.push({ layer: k, step: Math.min(stepLog, folds - k) });
  return out;
}

/** f'(x²) = (f(x)+f(−x))/2 + β·(f(x)−f(−x))/(2x). */
export function foldPair(a: bigint, b: bigint, x: bigint, beta: bigint): bigint {
  const even = ((a + b) * INV2) % P;
  const odd = ((((a - b + P) * INV2) % P) * inv(x)) % P;
  return (even + beta * odd) % P;
}

function foldWithInverse(a: bigint, b: bigint, xInv: bigint, beta: bigint): bigint {
  const odd = (((a - b + P) * xInv) % P) * beta;
  return ((a + b + odd) * INV2) % P;
}

/**
 * Verifier: given the layer-0 (DEEP) values at the queries (q < N), computed from the trace openings,
 * checks every committed layer's opening and folds, and the last layer. Betas in transcript order;
 * returns a failure name or null.
 */
export function friVerifyQueries(
  proof: FriProof,
  betas: readonly bigint[],
  stepLog: number,
  domainSize: number,
  offset: bigint,
  queries: readonly number[],
  layer0: ReadonlyMap<number, bigint>,
  hasher: MerkleHasher,
): string | null {
  const folds = betas.length;
  const schedule = friSchedule(folds, stepLog);
  if (proof.layers.length !== schedule.length || proof.roots.length !== schedule.length)
    return 'fri-layer-count';
  // Merkle-check each committed layer and index its leaves.
  const maps: Map<number, bigint[]>[] = [];
  let positions = [...new Set(queries)];
  for (let c = 0; c < schedule.length; c++) {
    const { layer, step } = schedule[c]!;
    const F = 1 << step;
    const stride = (domainSize >> layer) / F;
    const leaves = [...new Set(positions.map((q) => q % stride))].sort((a, b) => a - b);
    positions = leaves;
    const opening = proof.layers[c]!;
    if (opening.values.length !== leaves.length) return 'fri-opening-shape';
    const map = new Map<number, bigint[]>();
    const digests = new Map<number, bigint>();
    for (let i = 0; i < leaves.length; i++) {
      const vals = opening.values[i]!;
      if (vals.length !== F) return 'fri-opening-shape';
      map.set(leaves[i]!, vals);
      digests.set(leaves[i]!, hasher.leaf(vals));
    }
    if (!verifyMerkle(proof.roots[c]!, Math.log2(stride), digests, opening.proof, hasher))
      return 'fri-merkle';
    maps.push(map);
  }
  // Layer k lives on g_k·⟨w_k⟩ with g_k = offset^(2^k), w_k = ω^(2^k).
  const gs = [offset % P];
  const ws = [rootOfUnity(Math.log2(domainSize))];
  for (let k = 1; k <= folds; k++) {
    gs.push((gs[k - 1]! * gs[k - 1]!) % P);
    ws.push((ws[k - 1]! * ws[k - 1]!) % P);
  }
  const g = (k: number) => gs[k]!;
  const w = (k: number) => ws[k]!;
  for (const q of queries) {
    const start = layer0.get(q);
    if (start === undefined) return 'fri-layer0-missing';
    let value = start;
    let pos = q; // position in layer 0
    for (let c = 0; c < schedule.length; c++) {
      const { layer, step } = schedule[c]!;
      const F = 1 << step;
      const size = domainSize >> layer;
      const stride = size / F;
      const leaf = pos % stride;
      const vals = maps[c]!.get(leaf);
      if (!vals) return 'fri-opening-shape';
      if (vals[Math.floor(pos / stride)] !== value) return 'fri-fold-mismatch';
      // Fold the coset {leaf + j·stride} `step` times; the stride stays the same, the layer halves.
      let cur = vals.slice();
      for (let t = 0; t < step; t++) {
        const half = cur.length >> 1;
        const k = layer + t;
        const next: bigint[] = [];
        // x_j = g_k·w_k^(leaf + j·stride): one inversion for the first, then steps by w_k^−stride.
        let xInv = inv((g(k) * pow(w(k), BigInt(leaf))) % P);
        const stepInv = inv(pow(w(k), BigInt(stride)));
        for (let j = 0; j < half; j++) {
          next.push(foldWithInverse(cur[j]!, cur[j + half]!, xInv, betas[k]!));
          xInv = (xInv * stepInv) % P;
        }
        cur = next;
      }
      value = cur[0]!;
      pos = leaf;
    }
    const x = (g(folds) * pow(w(folds), BigInt(pos))) % P;
    if (evaluateAt(proof.lastLayer, x) !== value) return 'fri-last-layer';
  }
  return null;
}
