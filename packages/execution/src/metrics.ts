// Metrics the execution layer reports; the node supplies the implementation (metrics registry).
import type { TransactionExecutionInfo } from './types.js';

export interface ExecutionMetrics {
  /** One executed transaction (reverted ones included) and its wall time. */
  transactionExecuted(info: TransactionExecutionInfo, seconds: number): void;
  /** One rejected transaction, by error code. */
  transactionRejected(code: string): void;
}

/** Metrics that record nothing. */
export const noopExecutionMetrics: ExecutionMetrics = {
  transactionExecuted() {},
  transactionRejected() {},
};
