/** What the state package reports; the node package implements it over its metrics registry. */
export interface StateMetrics {
  /** One committed block: wall time, hashes computed and storage-leaf updates applied. */
  blockCommitted(durationMs: number, hashCount: number, storageUpdates: number): void;
}

/** Metrics that record nothing (the default). */
export const noopStateMetrics: StateMetrics = {
  blockCommitted() {},
};
