import { GENERATOR, inv, P, pow, rootOfUnity } from '@starling/felt';
import { ProverError, VerificationError } from '../errors.js';
import { resolveOptions, securityBits } from '../options.js';
import type { Air } from './air.js';
import { compositionAt, periodicAt, periodicCoefficients } from './composition.js';
import { type FriProof, friFoldCount, friSchedule, friVerifyQueries, type LayerOpening } from './fri.js';
import { type MerkleHasher, merkleHasher, verifyMerkle } from './merkle.js';
import type { StarkProof } from './proof.js';
import { drawOodsPoint, drawQueries, newTranscript } from './transcript.js';

/** Verifier settings. */
export interface VerifyOptions {
  /** Reject proofs whose parameters give fewer conjectured bits than this (default 0). */
  minSecurityBits?: number;
}

function fail(check: string, message: string): never {
  throw new VerificationError(check, message);
}

function checkOpening(
  name: string,
  opening: LayerOpening,
  root: bigint,
  leaves: readonly number[],
  width: number,
  depth: number,
  hasher: MerkleHasher,
): Map<number, bigint[]> {
  if (opening.values.length !== leaves.length) fail(`${name}-shape`, `${name} opening has the wrong size`);
  const digests = new Map<number, bigint>();
  const rows = new Map<number, bigint[]>();
  for (let i = 0; i < leaves.length; i++) {
    const v = opening.values[i]!;
    if (v.length !== width) fail(`${name}-shape`, `${name} opening row has the wrong width`);
    digests.set(leaves[i]!, hasher.leaf(v));
    rows.set(leaves[i]!, v);
  }
  if (!verifyMerkle(root, depth, digests, opening.proof, hasher))
    fail(`${name}-merkle`, `${name} Merkle path`);
  return rows;
}

/** Verifies a STARK proof for an AIR (with its public input); throws VerificationError (code INVALID_PROOF). */
export function verify(air: Air, proof: StarkProof, settings: VerifyOptions = {}): void {
  let options: ReturnType<typeof resolveOptions>;
  try {
    options = resolveOptions(proof.options);
  } catch (e) {
    if (e instanceof ProverError) fail('options', e.message);
    throw e;
  }
  if (securityBits(options) < (settings.minSecurityBits ?? 0)) fail('security', 'proof parameters too weak');
  if (proof.airId !== air.id) fail('air-id', `proof is for ${proof.airId}, not ${air.id}`);
  const n = air.traceLength;
  if (proof.traceLength !== n) fail('trace-length', 'trace length mismatch');
  const D = air.maxDegree;
  const blowup = 1 << options.logBlowup;
  if (D > blowup) fail('options', 'blowup below constraint degree');
  const N = n * blowup;
  const width = air.mainWidth + air.auxWidth;
  const hasher = merkleHasher(options.merkleHash);
  if (proof.oodsTrace.length !== air.maskOffsets.length || proof.oodsTrace.some((r) => r.length !== width)) {
    fail('oods-shape', 'OODS trace values have the wrong shape');
  }
  if (proof.oodsComposition.length !== D) fail('oods-shape', 'OODS composition values have the wrong shape');
  if (air.auxWidth > 0 !== (proof.auxRoot !== null)) fail('aux-shape', 'interaction commitment mismatch');

  const channel = newTranscript(air, options);
  channel.absorbValues([proof.mainRoot]);
  const challenges = channel.drawFelts(air.numChallenges);
  if (proof.auxRoot !== null) channel.absorbValues([proof.auxRoot]);
  const alphas = channel.drawFelts(air.constraints.length);
  channel.absorbValues([proof.compositionRoot]);
  const z = drawOodsPoint(channel, n, N);
  channel.absorbValues([...proof.oodsTrace.flat(), ...proof.oodsComposition]);

  // The composition parts at z must match the constraints evaluated on the OODS trace values.
  const numerators = new Array<bigint>(air.constraints.length).fill(0n);
  air.evaluate(proof.oodsTrace, periodicAt(air, periodicCoefficients(air), z), challenges, numerators);
  const expected = compositionAt(air, numerators, alphas, z);
  const zn = pow(z, BigInt(n));
  let actual = 0n;
  let zk = 1n;
  for (const h of proof.oodsComposition) {
    actual = (actual + h * zk) % P;
    zk = (zk * zn) % P;
  }
  if (actual !== expected) fail('oods', 'composition polynomial does not match the constraints at z');

  const gammas = channel.drawFelts(width * air.maskOffsets.length + D);
  const folds = friFoldCount(n, options.lastLayerDegreeBound);
  const fri: FriProof = proof.fri;
  const schedule = new Set(friSchedule(folds, options.friStepLog).map((s) => s.layer));
  if (fri.roots.length !== schedule.size) fail('fri-shape', 'wrong number of FRI layers');
  if (fri.lastLayer.length !== Math.max(1, n >> folds)) fail('fri-shape', 'wrong last layer size');
  const betas: bigint[] = [];
  let committed = 0;
  for (let k = 0; k < folds; k++) {
    if (schedule.has(k)) channel.absorbValues([fri.roots[committed++]!]);
    betas.push(channel.drawFelt());
  }
  channel.absorbValues(fri.lastLayer);
  if (!channel.checkAndAbsorbPow(proof.powNonce, options.powBits))
    fail('pow', 'proof-of-work nonce rejected');
  const queries = drawQueries(channel, options.queries, N);
  const leaves = [...new Set(queries)].sort((a, b) => a - b);
  const depth = Math.log2(N);

  const mainRows = checkOpening(
    'main',
    proof.mainOpening,
    proof.mainRoot,
    leaves,
    air.mainWidth,
    depth,
    hasher,
  );
  let auxRows: Map<number, bigint[]> | null = null;
  if (proof.auxRoot !== null) {
    if (!proof.auxOpening) fail('aux-shape', 'missing interaction opening');
    auxRows = checkOpening('aux', proof.auxOpening, proof.auxRoot, leaves, air.auxWidth, depth, hasher);
  }
  const compRows = checkOpening(
    'composition',
    proof.compositionOpening,
    proof.compositionRoot,
    leaves,
    D,
    depth,
    hasher,
  );

  const omega = rootOfUnity(Math.log2(n));
  const omegaN = rootOfUnity(Math.log2(N));
  const oodsPoints = air.maskOffsets.map((o) => (z * pow(omega, BigInt(((o % n) + n) % n))) % P);
  // DEEP(x_q) = Σ γ·(t(x_q) − t(zω^o))/(x_q − zω^o) + Σ γ·(h_e(x_q) − h_e(z))/(x_q − z): FRI layer 0 at q.
  const layer0 = new Map<number, bigint>();
  for (const q of leaves) {
    const m = mainRows.get(q)!;
    const a = auxRows?.get(q) ?? [];
    const h = compRows.get(q)!;
    const x = (GENERATOR * pow(omegaN, BigInt(q))) % P;
    const t = (c: number) => (c < air.mainWidth ? m[c]! : a[c - air.mainWidth]!);
    let acc = 0n;
    for (let k = 0; k < oodsPoints.length; k++) {
      let s = 0n;
      for (let c = 0; c < width; c++) s += gammas[k * width + c]! * (t(c) - proof.oodsTrace[k]![c]! + P);
      if (k === 0) {
        for (let e = 0; e < D; e++)
          s += gammas[width * oodsPoints.length + e]! * (h[e]! - proof.oodsComposition[e]! + P);
      }
      acc = (acc + (s % P) * inv((x - oodsPoints[k]! + P) % P)) % P;
    }
    layer0.set(q, acc);
  }
  const friFailure = friVerifyQueries(fri, betas, options.friStepLog, N, GENERATOR, queries, layer0, hasher);
  if (friFailure) fail(friFailure, `FRI check failed: ${friFailure}`);
}

/** True when the proof verifies. */
export function isValidProof(air: Air, proof: StarkProof, settings: VerifyOptions = {}): boolean {
  try {
    verify(air, proof, settings);
    return true;
  } catch (e) {
    if (e instanceof VerificationError) return false;
    throw e;
  }
}
