/**
 * Where the compiler is (phase and Sierra statement), so that an unexpected internal failure can be
 * reported with its location. Compilation is synchronous, so one module-level record suffices.
 */
export interface CompileTrace {
  phase: string;
  /** Statement index being processed, or -1 when the phase is not at a statement. */
  statement: number;
}

export const compileTrace: CompileTrace = { phase: 'start', statement: -1 };

/** Enters a compilation phase (no statement yet). */
export function tracePhase(phase: string): void {
  compileTrace.phase = phase;
  compileTrace.statement = -1;
}
