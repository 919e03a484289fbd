import { batchInverse, GENERATOR, P, rootOfUnity } from '@starling/felt';
import { ProverError } from '../errors.js';
import { type ProofOptions, resolveOptions } from '../options.js';
import type { Air } from './air.js';
import type { Channel } from './channel.js';
import { compositionAt, ldeVanishingFactors, periodicCoefficients } from './composition.js';
import { checkConstraints } from './constraint-check.js';
import { cosetEvaluate, cosetInterpolate, domainPoints, evaluateAt } from './domain.js';
import { friCommit, friDecommit } from './fri.js';
import { type MerkleHasher, MerkleTree, merkleHasher } from './merkle.js';
import { getPolyBackend } from './poly.js';
import type { StarkProof } from './proof.js';
import { drawOodsPoint, drawQueries, newTranscript } from './transcript.js';

/** Progress callback: phase name and fraction done of the whole proof. */
export type ProgressFn = (phase: string, fraction: number) => void;

interface Committed {
  coeffs: bigint[][];
  lde: bigint[][];
  tree: MerkleTree;
}

function commitColumns(columns: readonly (readonly bigint[])[], N: number, hasher: MerkleHasher): Committed {
  const coeffs = columns.map((c) => {
    const a = c.slice();
    getPolyBackend().intt(a);
    return a;
  });
  const lde = coeffs.map((c) => cosetEvaluate(c, GENERATOR, N));
  return { coeffs, lde, tree: commitLde(lde, hasher) };
}

function commitLde(lde: readonly bigint[][], hasher: MerkleHasher): MerkleTree {
  const half = (lde[0]?.length ?? 2) >> 1;
  return MerkleTree.fromRows(
    half,
    (i) => {
      const row = new Array<bigint>(lde.length * 2);
      for (let c = 0; c < lde.length; c++) {
        row[2 * c] = lde[c]![i]!;
        row[2 * c + 1] = lde[c]![i + half]!;
      }
      return row;
    },
    hasher,
  );
}

function openLde(lde: readonly bigint[][], tree: MerkleTree, queries: readonly number[]) {
  const half = lde[0]!.length >> 1;
  const leaves = [...new Set(queries)].sort((a, b) => a - b);
  const values = leaves.map((i) => lde.flatMap((col) => [col[i]!, col[i + half]!]));
  void half;
  return { values, proof: tree.open(leaves) };
}

/** Proves that `main` (columns of air.traceLength rows) satisfies the AIR. */
export function prove(
  air: Air,
  main: readonly (readonly bigint[])[],
  partialOptions: Partial<ProofOptions> = {},
  progress: ProgressFn = () => {},
): StarkProof {
  const options = resolveOptions(partialOptions);
  const n = air.traceLength;
  if (n < 2 || (n & (n - 1)) !== 0)
    throw new ProverError('INVALID_TRACE', `trace length ${n} is not a power of 2`);
  if (main.length !== air.mainWidth || main.some((c) => c.length !== n)) {
    throw new ProverError('INVALID_TRACE', `trace must have ${air.mainWidth} columns of ${n} rows`);
  }
  if (air.maxDegree > 1 << options.logBlowup) {
    throw new ProverError(
      'INVALID_OPTIONS',
      `blowup must be at least the constraint degree ${air.maxDegree}`,
    );
  }
  const blowup = 1 << options.logBlowup;
  const N = n * blowup;
  const hasher = merkleHasher(options.merkleHash);
  const channel: Channel = newTranscript(air, options);

  progress('main-lde', 0);
  const mainC = commitColumns(main, N, hasher);
  channel.absorbValues([mainC.tree.root]);
  const challenges = channel.drawFelts(air.numChallenges);

  progress('aux-lde', 0.2);
  const aux = air.auxWidth > 0 ? air.buildAux(main, challenges) : [];
  checkConstraints(air, [...main, ...aux], challenges);
  const auxC = aux.length > 0 ? commitColumns(aux, N, hasher) : null;
  if (auxC) channel.absorbValues([auxC.tree.root]);
  const alphas = channel.drawFelts(air.constraints.length);

  progress('composition', 0.35);
  const allLde = auxC ? [...mainC.lde, ...auxC.lde] : mainC.lde;
  const composition = evaluateComposition(air, allLde, challenges, alphas, blowup, N);
  const hCoeffs = cosetInterpolate(composition, GENERATOR);
  const D = air.maxDegree;
  for (let i = D * n; i < N; i++) {
    if (hCoeffs[i] !== 0n) throw new ProverError('CONSTRAINTS_NOT_SATISFIED', 'composition degree too high');
  }
  const partCoeffs = Array.from({ length: D }, (_, k) => hCoeffs.slice(k * n, (k + 1) * n));
  const partLde = partCoeffs.map((c) => cosetEvaluate(c, GENERATOR, N));
  const compTree = commitLde(partLde, hasher);
  channel.absorbValues([compTree.root]);

  progress('oods', 0.55);
  const z = drawOodsPoint(channel, n, N);
  const omega = rootOfUnity(Math.log2(n));
  const allCoeffs = auxC ? [...mainC.coeffs, ...auxC.coeffs] : mainC.coeffs;
  const oodsPoints = air.maskOffsets.map((o) => (z * powSmall(omega, o, n)) % P);
  const oodsTrace = oodsPoints.map((pt) => allCoeffs.map((c) => evaluateAt(c, pt)));
  const oodsComposition = partCoeffs.map((c) => evaluateAt(c, z));
  channel.absorbValues([...oodsTrace.flat(), ...oodsComposition]);
  void compositionAt;

  progress('deep', 0.65);
  const width = allLde.length;
  const gammas = channel.drawFelts(width * air.maskOffsets.length + D);
  const xs = domainPoints(GENERATOR, rootOfUnity(Math.log2(N)), N);
  const deep = new Array<bigint>(N).fill(0n);
  for (let k = 0; k < oodsPoints.length; k++) {
    const invs = batchInverse(xs.map((x) => (x - oodsPoints[k]! + P) % P));
    const g = gammas.slice(k * width, (k + 1) * width);
    let constant = 0n;
    for (let c = 0; c < width; c++) constant = (constant + g[c]! * oodsTrace[k]![c]!) % P;
    const extra = k === 0 ? gammas.slice(width * oodsPoints.length) : [];
    for (let e = 0; e < extra.length; e++) constant = (constant + extra[e]! * oodsComposition[e]!) % P;
    for (let j = 0; j < N; j++) {
      let s = P - constant;
      for (let c = 0; c < width; c++) s += g[c]! * allLde[c]![j]!;
      for (let e = 0; e < extra.length; e++) s += extra[e]! * partLde[e]![j]!;
      deep[j] = (deep[j]! + (s % P) * invs[j]!) % P;
    }
  }

  progress('fri', 0.8);
  const fri = friCommit(
    deep,
    GENERATOR,
    n,
    options.lastLayerDegreeBound,
    options.friStepLog,
    channel,
    hasher,
  );
  progress('grinding', 0.9);
  const powNonce = channel.grind(options.powBits);
  channel.absorbPowNonce(powNonce);
  const queries = drawQueries(channel, options.queries, N);
  const proof: StarkProof = {
    version: 1,
    airId: air.id,
    traceLength: n,
    options,
    mainRoot: mainC.tree.root,
    auxRoot: auxC ? auxC.tree.root : null,
    compositionRoot: compTree.root,
    oodsTrace,
    oodsComposition,
    fri: { roots: fri.roots, lastLayer: fri.lastLayer, layers: friDecommit(fri.layers, queries) },
    powNonce,
    mainOpening: openLde(mainC.lde, mainC.tree, queries),
    auxOpening: auxC ? openLde(auxC.lde, auxC.tree, queries) : null,
    compositionOpening: openLde(partLde, compTree, queries),
  };
  progress('done', 1);
  return proof;
}

function powSmall(base: bigint, e: number, n: number): bigint {
  let r = 1n;
  const k = ((e % n) + n) % n;
  for (let i = 0; i < k; i++) r = (r * base) % P;
  return r;
}

/** H(x_j) = Σ αᵢ Cᵢ(x_j)/Zᵢ(x_j) over the LDE coset. */
function evaluateComposition(
  air: Air,
  lde: readonly bigint[][],
  challenges: readonly bigint[],
  alphas: readonly bigint[],
  blowup: number,
  N: number,
): bigint[] {
  const xs = domainPoints(GENERATOR, rootOfUnity(Math.log2(N)), N);
  const vanish = ldeVanishingFactors(air, xs, blowup, GENERATOR);
  const pCoeffs = periodicCoefficients(air);
  const n = air.traceLength;
  const width = lde.length;
  const out = new Array<bigint>(air.constraints.length).fill(0n);
  const result = new Array<bigint>(N);
  const domains = air.constraints.map((c) => c.domain);
  const rowFactors = domains.map((d) => (typeof d === 'object' ? vanish.rows.get(d.row)! : null));
  // Periodic column values repeat every blowup·period LDE points.
  const periodicTables = pCoeffs.map((c) => {
    const reps = blowup * c.length;
    return xs.slice(0, reps).map((x) => evaluateAt(c, powSmallBig(x, n / c.length)));
  });
  const periodic = new Array<bigint>(pCoeffs.length);
  const frame = air.maskOffsets.map(() => new Array<bigint>(width));
  for (let j = 0; j < N; j++) {
    for (let k = 0; k < air.maskOffsets.length; k++) {
      const idx = (((j + air.maskOffsets[k]! * blowup) % N) + N) % N;
      const f = frame[k]!;
      for (let c = 0; c < width; c++) f[c] = lde[c]![idx]!;
    }
    for (let p = 0; p < periodicTables.length; p++) {
      const t = periodicTables[p]!;
      periodic[p] = t[j % t.length]!;
    }
    air.evaluate(frame, periodic, challenges, out);
    let sAll = 0n;
    let sTrans = 0n;
    let sRows = 0n;
    for (let i = 0; i < out.length; i++) {
      const v = alphas[i]! * out[i]!;
      const d = domains[i]!;
      if (d === 'all') sAll += v;
      else if (d === 'transition') sTrans += v;
      else sRows += (v % P) * rowFactors[i]![j]!;
    }
    const r = ((sAll % P) * vanish.all[j]! + (sTrans % P) * vanish.transition[j]! + sRows) % P;
    result[j] = r < 0n ? r + P : r;
  }
  return result;
}

function powSmallBig(x: bigint, e: number): bigint {
  let r = 1n;
  let b = x;
  let k = e;
  while (k > 0) {
    if (k & 1) r = (r * b) % P;
    b = (b * b) % P;
    k >>= 1;
  }
  return r;
}
