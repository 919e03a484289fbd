// Entry point for any supported transaction.
import type { L1Handler } from '@starling/protocol';
import { ExecutionError } from '../errors.js';
import type { ExecutionMetrics } from '../metrics.js';
import type { ExecutionState } from '../state/execution-state.js';
import type { BlockContext, TransactionExecutionInfo } from '../types.js';
import {
  type AccountTransactionV3,
  type AccountTxOptions,
  executeAccountTransaction,
} from './account-transaction.js';
import { executeL1Handler } from './l1-handler.js';

/** Executes an INVOKE / DECLARE / DEPLOY_ACCOUNT v3 or an L1_HANDLER transaction on `state`. */
export function executeTransaction(
  state: ExecutionState,
  block: BlockContext,
  tx: AccountTransactionV3 | L1Handler,
  options: AccountTxOptions & { metrics?: ExecutionMetrics } = {},
): TransactionExecutionInfo {
  const t0 = performance.now();
  try {
    const info =
      tx.type === 'L1_HANDLER'
        ? executeL1Handler(state, block, tx)
        : executeAccountTransaction(state, block, tx, options);
    options.metrics?.transactionExecuted(info, (performance.now() - t0) / 1000);
    return info;
  } catch (e) {
    if (e instanceof ExecutionError) options.metrics?.transactionRejected(e.code);
    throw e;
  }
}
