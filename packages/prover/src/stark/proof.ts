import type { ProofOptions } from '../options.js';
import type { FriProof, LayerOpening } from './fri.js';

/** A STARK proof (everything the verifier reads besides the AIR and its public input). */
export interface StarkProof {
  version: 1;
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
  /** Openings of the trace commitments at the query leaves; each leaf holds rows i and i + N/2. */
  mainOpening: LayerOpening;
  auxOpening: LayerOpening | null;
  compositionOpening: LayerOpening;
}
