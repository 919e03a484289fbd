/** What the mempool reports; the node implements it over its metrics registry. */
export interface MempoolMetrics {
  /** A transaction accepted by the gateway. */
  accepted(type: string): void;
  /** A transaction rejected, by error code. */
  rejected(code: string): void;
  /** Transactions dropped for a reason (ttl, evicted, replaced, stale). */
  dropped(reason: string, count: number): void;
  /** The current pool size. */
  size(n: number): void;
}

/** Metrics that record nothing (the default). */
export const noopMempoolMetrics: MempoolMetrics = {
  accepted() {},
  rejected() {},
  dropped() {},
  size() {},
};
