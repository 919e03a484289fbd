import { inv, P, pow, rootOfUnity } from '@starling/felt';
import type { Channel } from './channel.js';
import { cosetInterpolate, evaluateAt } from './domain.js';
import { type MerkleHasher, MerkleTree, verifyMerkle } from './merkle.js';

const INV2 = inv(2n);

/** Opened leaves of one committed layer: pairs (f(x), f(−x)) by unique sorted leaf index. */
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

/** Number of folds for a degree bound: fold until the bound is ≤ lastLayerDegreeBound. */
export function friFoldCount(degreeBound: number, lastLayerDegreeBound: number): number {
  let k = 0;
  while (degreeBound >> k > lastLayerDegreeBound) k++;
  return k;
}

/** f'(x²) = (f(x)+f(−x))/2 + β·(f(x)−f(−x))/(2x). */
export function foldPair(a: bigint, b: bigint, x: bigint, beta: bigint): bigint {
  const even = ((a + b) * INV2) % P;
  const odd = ((((a - b + P) * INV2) % P) * inv(x)) % P;
  return (even + beta * odd) % P;
}

function foldLayer(evals: readonly bigint[], offset: bigint, omega: bigint, beta: bigint): bigint[] {
  const half = evals.length >> 1;
  const out = new Array<bigint>(half);
  const omegaInv = inv(omega);
  let xInv = inv(offset);
  for (let i = 0; i < half; i++) {
    const a = evals[i]!;
    const b = evals[i + half]!;
    const even = a + b;
    const odd = (((a - b + P) * xInv) % P) * beta;
    out[i] = ((even + odd) * INV2) % P;
    xInv = (xInv * omegaInv) % P;
  }
  return out;
}

function pairTree(evals: readonly bigint[], hasher: MerkleHasher): MerkleTree {
  const half = evals.length >> 1;
  return MerkleTree.fromRows(half, (i) => [evals[i]!, evals[i + half]!], hasher);
}

/** Commit phase: folds the layer-0 evaluations (on offset·⟨ω⟩), committing each intermediate layer. */
export function friCommit(
  evals0: bigint[],
  offset: bigint,
  degreeBound: number,
  lastLayerDegreeBound: number,
  channel: Channel,
  hasher: MerkleHasher,
): { layers: { evals: bigint[]; tree: MerkleTree }[]; roots: bigint[]; lastLayer: bigint[] } {
  const folds = friFoldCount(degreeBound, lastLayerDegreeBound);
  const layers: { evals: bigint[]; tree: MerkleTree }[] = [];
  const roots: bigint[] = [];
  let evals = evals0;
  let off = offset;
  let omega = rootOfUnity(Math.log2(evals0.length));
  for (let k = 0; k < folds; k++) {
    const beta = channel.drawFelt();
    evals = foldLayer(evals, off, omega, beta);
    off = (off * off) % P;
    omega = (omega * omega) % P;
    if (k + 1 < folds) {
      const tree = pairTree(evals, hasher);
      layers.push({ evals, tree });
      roots.push(tree.root);
      channel.absorbValues([tree.root]);
    }
  }
  const coeffs = cosetInterpolate(evals, off);
  const lastLayer = coeffs.slice(0, Math.max(1, degreeBound >> folds));
  channel.absorbValues(lastLayer);
  return { layers, roots, lastLayer };
}

/** Opens every committed layer at the positions the queries reach. */
export function friDecommit(
  layers: readonly { evals: bigint[]; tree: MerkleTree }[],
  queries: readonly number[],
): LayerOpening[] {
  return layers.map(({ evals, tree }) => {
    const half = evals.length >> 1;
    const leaves = [...new Set(queries.map((q) => q % half))].sort((a, b) => a - b);
    return { values: leaves.map((i) => [evals[i]!, evals[i + half]!]), proof: tree.open(leaves) };
  });
}

/**
 * Verifier: given the layer-0 pairs at the queries (q < N/2), checks every fold, every layer opening
 * and the last layer. Betas must be drawn in the same transcript order as friCommit; returns a failure name or null.
 */
export function friVerifyQueries(
  proof: FriProof,
  betas: readonly bigint[],
  domainSize: number,
  offset: bigint,
  queries: readonly number[],
  layer0: ReadonlyMap<number, [bigint, bigint]>,
  hasher: MerkleHasher,
): string | null {
  const folds = betas.length;
  if (proof.layers.length !== Math.max(0, folds - 1)) return 'fri-layer-count';
  // Per committed layer: check Merkle openings and index the pairs.
  const layerMaps: Map<number, bigint[]>[] = [];
  for (let k = 1; k < folds; k++) {
    const size = domainSize >> k;
    const half = size >> 1;
    const opening = proof.layers[k - 1]!;
    const leaves = [...new Set(queries.map((q) => q % half))].sort((a, b) => a - b);
    if (opening.values.length !== leaves.length) return 'fri-opening-shape';
    const map = new Map<number, bigint[]>();
    const digests = new Map<number, bigint>();
    for (let i = 0; i < leaves.length; i++) {
      const pair = opening.values[i]!;
      if (pair.length !== 2) return 'fri-opening-shape';
      map.set(leaves[i]!, pair);
      digests.set(leaves[i]!, hasher.leaf(pair));
    }
    if (!verifyMerkle(proof.roots[k - 1]!, Math.log2(half), digests, opening.proof, hasher)) {
      return 'fri-merkle';
    }
    layerMaps.push(map);
  }
  const omega0 = rootOfUnity(Math.log2(domainSize));
  for (const q of queries) {
    const start = layer0.get(q);
    if (!start) return 'fri-layer0-missing';
    let pair: readonly bigint[] = start;
    let pos = q; // position of the folded value in the current layer's domain
    let value = 0n;
    let off = offset;
    let omega = omega0;
    for (let k = 0; k < folds; k++) {
      const size = domainSize >> k;
      const half = size >> 1;
      const leaf = pos % half;
      if (k > 0) {
        const opened = layerMaps[k - 1]!.get(leaf);
        if (!opened) return 'fri-opening-shape';
        if (opened[pos >= half ? 1 : 0] !== value) return 'fri-fold-mismatch';
        pair = opened;
      }
      const x = (off * pow(omega, BigInt(leaf))) % P;
      value = foldPair(pair[0]!, pair[1]!, x, betas[k]!);
      pos = leaf;
      off = (off * off) % P;
      omega = (omega * omega) % P;
    }
    if (folds === 0) {
      // No folding: check both layer-0 values against the last layer directly.
      const x = (off * pow(omega, BigInt(q))) % P;
      const half = domainSize >> 1;
      const xNeg = (off * pow(omega, BigInt(q + half))) % P;
      if (evaluateAt(proof.lastLayer, x) !== start[0] || evaluateAt(proof.lastLayer, xNeg) !== start[1]) {
        return 'fri-last-layer';
      }
      continue;
    }
    const x = (off * pow(omega, BigInt(pos))) % P;
    if (evaluateAt(proof.lastLayer, x) !== value) return 'fri-last-layer';
  }
  return null;
}
