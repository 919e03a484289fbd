import { GENERATOR, P, rootOfUnity } from '@starling/felt';
import { ProverError } from '../errors.js';
import { type ProofOptions, resolveOptions } from '../options.js';
import type { Air } from './air.js';
import type { Channel } from './channel.js';
import { compositionMatches, compositionParts } from './composition-eval.js';
import { checkConstraints } from './constraint-check.js';
import { deepEvaluations, evaluateColumnsAtPoints } from './deep.js';
import { friCommit, friDecommit } from './fri-commit.js';
import { LdeColumns } from './lde.js';
import { type MerkleTree, merkleHasher } from './merkle.js';
import type { StarkProof } from './proof.js';
import { drawOodsPoint, drawQueries, newTranscript } from './transcript.js';
import { getVecField } from './vec-field.js';

/** Progress callback: phase name and fraction done of the whole proof. */
export type ProgressFn = (phase: string, fraction: number) => void;

function openLde(lde: LdeColumns, tree: MerkleTree, queries: readonly number[]) {
  const leaves = [...new Set(queries)].sort((a, b) => a - b);
  return { values: lde.rows(leaves), proof: tree.open(leaves) };
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

  const vf = getVecField();
  progress('main-lde', 0);
  const mainL = LdeColumns.fromColumns(main, blowup, vf, hasher);
  const mainTree = mainL.tree;
  channel.absorbValues([mainTree.root]);
  const challenges = channel.drawFelts(air.numChallenges);

  progress('aux-lde', 0.2);
  const aux = air.auxWidth > 0 ? air.buildAux(main, challenges) : [];
  const auxL = aux.length > 0 ? LdeColumns.fromColumns(aux, blowup, vf, hasher) : null;
  const auxTree = auxL ? auxL.tree : null;
  if (auxTree) channel.absorbValues([auxTree.root]);
  const alphas = channel.drawFelts(air.constraints.length);

  progress('composition', 0.35);
  const D = air.maxDegree;
  const ldes = auxL ? [mainL, auxL] : [mainL];
  const partL = LdeColumns.fromCoefficients(
    compositionParts(air, ldes, challenges, alphas, vf),
    n,
    blowup,
    vf,
    hasher,
  );
  const compTree = partL.tree;
  channel.absorbValues([compTree.root]);

  progress('oods', 0.55);
  const z = drawOodsPoint(channel, n, N);
  const omega = rootOfUnity(Math.log2(n));
  const allCoeffs = auxL ? [...mainL.coeffs, ...auxL.coeffs] : [...mainL.coeffs];
  const oodsPoints = air.maskOffsets.map((o) => (z * powSmall(omega, o, n)) % P);
  const oodsTrace = evaluateColumnsAtPoints(vf, allCoeffs, oodsPoints);
  const oodsComposition = evaluateColumnsAtPoints(vf, partL.coeffs, [z])[0]!;
  // The verifier's composition identity at z: it fails (w.h.p.) exactly when some constraint does not
  // hold on the trace; only then are the rows scanned, to name the constraint.
  if (!compositionMatches(air, oodsTrace, oodsComposition, challenges, alphas, z)) {
    checkConstraints(air, [...main, ...aux], challenges);
    throw new ProverError(
      'CONSTRAINTS_NOT_SATISFIED',
      'the composition polynomial does not match the constraints',
    );
  }
  channel.absorbValues([...oodsTrace.flat(), ...oodsComposition]);

  progress('deep', 0.65);
  const width = allCoeffs.length;
  const gammas = channel.drawFelts(width * air.maskOffsets.length + D);
  const deep = deepEvaluations(vf, allCoeffs, partL.coeffs, oodsPoints, gammas, N);
  allCoeffs.length = 0;
  for (const l of [mainL, auxL, partL]) l?.releaseCoefficients();

  progress('fri', 0.8);
  const fri = friCommit(
    vf,
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
    version: 2,
    airId: air.id,
    traceLength: n,
    options,
    mainRoot: mainTree.root,
    auxRoot: auxTree ? auxTree.root : null,
    compositionRoot: compTree.root,
    oodsTrace,
    oodsComposition,
    fri: { roots: fri.roots, lastLayer: fri.lastLayer, layers: friDecommit(fri.layers, queries) },
    powNonce,
    mainOpening: openLde(mainL, mainTree, queries),
    auxOpening: auxL && auxTree ? openLde(auxL, auxTree, queries) : null,
    compositionOpening: openLde(partL, compTree, queries),
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
