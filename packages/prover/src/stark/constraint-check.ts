import { P } from '@starling/felt';
import { ProverError } from '../errors.js';
import type { Air } from './air.js';

/** Evaluates every constraint on the trace rows; throws CONSTRAINTS_NOT_SATISFIED at the first failure. */
export function checkConstraints(
  air: Air,
  columns: readonly (readonly bigint[])[],
  challenges: readonly bigint[],
): void {
  const n = air.traceLength;
  const out = new Array<bigint>(air.constraints.length).fill(0n);
  const periodicVals = new Array<bigint>(air.periodicColumns.length);
  for (let row = 0; row < n; row++) {
    const frame = air.maskOffsets.map((o) => columns.map((c) => c[(row + o) % n]!));
    for (let p = 0; p < air.periodicColumns.length; p++) {
      const col = air.periodicColumns[p]!;
      periodicVals[p] = col[row % col.length]!;
    }
    air.evaluate(frame, periodicVals, challenges, out);
    for (let i = 0; i < out.length; i++) {
      if (out[i]! % P === 0n) continue;
      const spec = air.constraints[i]!;
      const d = spec.domain;
      const applies = d === 'all' || (d === 'transition' ? row < n - 1 : d.row === row);
      if (applies) {
        throw new ProverError(
          'CONSTRAINTS_NOT_SATISFIED',
          `constraint ${spec.name} (${spec.group}) fails at row ${row}`,
          { constraint: spec.name, group: spec.group, row },
        );
      }
    }
  }
}

/** Every (constraint, row) violation on the trace rows; for diagnostics and tests. */
export function findViolations(
  air: Air,
  columns: readonly (readonly bigint[])[],
  challenges: readonly bigint[],
): { name: string; group: string; row: number }[] {
  const n = air.traceLength;
  const found: { name: string; group: string; row: number }[] = [];
  const out = new Array<bigint>(air.constraints.length).fill(0n);
  for (let row = 0; row < n; row++) {
    const frame = air.maskOffsets.map((o) => columns.map((c) => c[(row + o) % n]!));
    const periodic = air.periodicColumns.map((col) => col[row % col.length]!);
    air.evaluate(frame, periodic, challenges, out);
    air.constraints.forEach((spec, i) => {
      const d = spec.domain;
      const applies = d === 'all' || (d === 'transition' ? row < n - 1 : d.row === row);
      if (applies && out[i]! % P !== 0n) found.push({ name: spec.name, group: spec.group, row });
    });
  }
  return found;
}
