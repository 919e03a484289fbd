import type { ConstraintSpec } from '../stark/air.js';
import type { SegmentBounds } from './public-input.js';

/** A builtin's part of the Cairo layout: its columns, memory accesses, range-checked cells and constraints. */
export interface BuiltinComponent {
  readonly name: string;
  readonly group: string;
  readonly segment: SegmentBounds;
  /** First main column of the component and its number of columns. */
  readonly base: number;
  readonly width: number;
  /** Highest constraint degree (2 unless stated). */
  readonly maxDegree?: number;
  /** Used instances (from the segment bounds). */
  readonly used: number;
  /** Memory accesses [addressColumn, valueColumn] added to every row; unused ones are (0, 0). */
  readonly memAccesses: [number, number][];
  /** Columns that join the 16-bit range-check pool. */
  readonly rcCells: number[];
  /** Rows whose rc cells are free (holes may go there). */
  freeRcRows(n: number): number;
  /** Periodic columns this component reads (appended to the AIR's list). */
  readonly periodicColumns: bigint[][];
  /** Smallest trace length that fits the used instances (plus one unused instance). */
  minRows(): number;
  constraints(n: number): ConstraintSpec[];
  /** Writes unreduced numerators from index i; `periodic` is this component's slice; returns the next index. */
  evaluate(
    c: readonly bigint[],
    nx: readonly bigint[],
    periodic: readonly bigint[],
    out: bigint[],
    i: number,
  ): number;
  /** Fills this component's columns of every row. */
  fill(rows: bigint[][], memory: ReadonlyMap<number, bigint>, rcMin: number): void;
  /** Addresses of the memory cells its instances read or write. */
  cellAddresses(): number[];
}
