/** What the sequencer reports; the node implements it over its metrics registry. */
export interface SequencerMetrics {
  /** A closed block: transaction count, L2 gas, time to commit it (ms). */
  blockClosed(transactions: number, l2Gas: bigint, commitMs: number): void;
  /** A transaction executed (SUCCEEDED / REVERTED) or dropped when sequenced (REJECTED). */
  transaction(outcome: 'SUCCEEDED' | 'REVERTED' | 'REJECTED'): void;
  /** Time from RECEIVED to ACCEPTED_ON_L2 of one transaction (ms). */
  acceptedLatency(ms: number): void;
}

/** Metrics that record nothing (the default). */
export const noopSequencerMetrics: SequencerMetrics = {
  blockClosed() {},
  transaction() {},
  acceptedLatency() {},
};
