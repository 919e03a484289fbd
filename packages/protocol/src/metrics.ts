// Metrics this package can report; the implementation lives in the node package.

/** Counters for protocol-level work (hash computations are the expensive part). */
export interface ProtocolMetrics {
  /** A class's compiled class hash was computed, in the given version. */
  compiledClassHashComputed(version: 'v1' | 'v2', durationMs: number): void;
  /** A block's commitments and hash were computed. */
  blockHashComputed(transactionCount: number, durationMs: number): void;
}
