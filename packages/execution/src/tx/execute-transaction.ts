// Entry point for any supported transaction.
import type { L1Handler } from '@starling/protocol';
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
  options: AccountTxOptions = {},
): TransactionExecutionInfo {
  if (tx.type === 'L1_HANDLER') return executeL1Handler(state, block, tx);
  return executeAccountTransaction(state, block, tx, options);
}
