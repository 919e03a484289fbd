import type { ProofOptions } from '../options.js';
import type { FriProof, LayerOpening } from './fri.js';

/** A STARK proof (everything the verifier reads besides the AIR and its public input). */
export interface StarkProof {
  /** 2: single-row trace openings, FRI layer 0 (DEEP) committed. */
  version: 2;
  airId: string;
  traceLength: number;
  options: ProofOptions;
  mainRoot: bigint;
  auxRoot: bigint | null;
  compositionRoot: bigint;
  /** oodsTrace[k][c]: column c (main then aux) at z·ω^maskOffsets[k]. */
  oodsTrace: bigint[][];
  /** Composition parts at z. */
  oodsComposition: bigint[];
  fri: FriProof;
  powNonce: number;
  /** Openings of the trace commitments at the queries; leaf j holds LDE row j. */
  mainOpening: LayerOpening;
  auxOpening: LayerOpening | null;
  compositionOpening: LayerOpening;
}
