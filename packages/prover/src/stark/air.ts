import type { BlockProgram } from './block-ops.js';

/** Rows a constraint applies to: every row, every row but the last, or one row. */
export type ConstraintDomain = 'all' | 'transition' | { row: number };

/** One polynomial constraint of an AIR (its numerator is computed by Air.evaluate). */
export interface ConstraintSpec {
  readonly name: string;
  /** Group used in error messages and soundness tests (e.g. 'cpu/decode', 'memory'). */
  readonly group: string;
  readonly domain: ConstraintDomain;
}

/**
 * How a worker thread rebuilds an AIR (a kind its registry knows and structured-cloneable arguments);
 * `key` names this AIR instance so that workers rebuild it once.
 */
export interface AirRecipe {
  readonly kind: 'cairo';
  readonly key: string;
  readonly args: unknown;
}

/**
 * An algebraic intermediate representation over a trace of `traceLength` rows (a power of two):
 * `mainWidth` committed columns, then `numChallenges` random challenges, then `auxWidth`
 * interaction columns (permutation products) built from them.
 */
export interface Air {
  /** Stable identifier of the AIR and its layout, bound into the transcript. */
  readonly id: string;
  readonly traceLength: number;
  readonly mainWidth: number;
  readonly auxWidth: number;
  readonly numChallenges: number;
  /** Row offsets the constraints read, e.g. [0, 1]; must include 0. */
  readonly maskOffsets: readonly number[];
  /** Maximum constraint degree (in trace polynomials); the composition splits into this many parts. */
  readonly maxDegree: number;
  readonly constraints: readonly ConstraintSpec[];
  /** Periodic columns: values repeat with a power-of-two period dividing traceLength. */
  readonly periodicColumns: readonly (readonly bigint[])[];
  /** Bytes identifying the public input, absorbed into the transcript first. */
  publicInputBytes(): Uint8Array;
  /**
   * Writes each constraint's numerator into `out` (same order as `constraints`), possibly unreduced:
   * any integer congruent to it modulo p (callers reduce).
   * frame[k] holds main ++ aux values at row offset maskOffsets[k]; periodic[i] the value of periodic column i.
   */
  evaluate(
    frame: readonly (readonly bigint[])[],
    periodic: readonly bigint[],
    challenges: readonly bigint[],
    out: bigint[],
  ): void;
  /**
   * The constraints of `evaluate` as a block program over the WASM kernels (same numerators modulo p),
   * or null: the composition then evaluates `evaluate` row by row.
   */
  blockProgram?(): BlockProgram | null;
  /** A recipe that rebuilds exactly this AIR on a worker thread, or null (evaluation stays on the caller). */
  workerRecipe?(): AirRecipe | null;
  /** Builds the interaction columns (auxWidth columns of traceLength rows). */
  buildAux(main: readonly (readonly bigint[])[], challenges: readonly bigint[]): bigint[][];
}
