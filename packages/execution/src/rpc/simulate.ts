// Fee estimation and simulation views (starknet_estimateFee, starknet_simulateTransactions): run
// transactions in sequence on a checkpoint of the state, report, and drop every change.
import type { L1Handler, StateDiff } from '@starling/protocol';
import { ExecutionError, executionError } from '../errors.js';
import type { ExecutionState } from '../state/execution-state.js';
import type { AccountTransactionV3, AccountTxOptions } from '../tx/account-transaction.js';
import { executeTransaction } from '../tx/execute-transaction.js';
import type { BlockContext, TransactionExecutionInfo } from '../types.js';
import { transactionTrace } from './trace.js';

const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** FEE_ESTIMATE of an executed transaction (overall fee without the tip, as the spec defines it). */
export function feeEstimate(t: TransactionExecutionInfo, block: BlockContext): Record<string, string> {
  const unit = t.type === 'L1_HANDLER' ? 'priceInWei' : 'priceInFri';
  const p = block.gasPrices;
  const overall =
    t.gas.l1Gas * p.l1Gas[unit] + t.gas.l1DataGas * p.l1DataGas[unit] + t.gas.l2Gas * p.l2Gas[unit];
  return {
    l1_gas_consumed: hex(t.gas.l1Gas),
    l1_gas_price: hex(p.l1Gas[unit]),
    l2_gas_consumed: hex(t.gas.l2Gas),
    l2_gas_price: hex(p.l2Gas[unit]),
    l1_data_gas_consumed: hex(t.gas.l1DataGas),
    l1_data_gas_price: hex(p.l1DataGas[unit]),
    overall_fee: hex(overall),
    unit: t.type === 'L1_HANDLER' ? 'WEI' : 'FRI',
  };
}

/** STATE_DIFF of the RPC spec. */
export function rpcStateDiff(d: StateDiff): Record<string, unknown> {
  return {
    storage_diffs: d.storageDiffs.map((s) => ({
      address: hex(s.address),
      storage_entries: s.entries.map((e) => ({ key: hex(e.key), value: hex(e.value) })),
    })),
    deprecated_declared_classes: d.deprecatedDeclaredClasses.map(hex),
    declared_classes: d.declaredClasses.map((c) => ({
      class_hash: hex(c.classHash),
      compiled_class_hash: hex(c.compiledClassHash),
    })),
    deployed_contracts: d.deployedContracts.map((c) => ({
      address: hex(c.address),
      class_hash: hex(c.classHash),
    })),
    replaced_classes: d.replacedClasses.map((c) => ({
      contract_address: hex(c.address),
      class_hash: hex(c.classHash),
    })),
    nonces: d.nonces.map((n) => ({ contract_address: hex(n.address), nonce: hex(n.nonce) })),
  };
}

export interface SimulationInput {
  tx: AccountTransactionV3 | L1Handler;
  /** Per-transaction extras (the Sierra class of a DECLARE). */
  options?: AccountTxOptions;
}

/**
 * Executes the transactions one after the other with the given flags and discards their effects.
 * A rejected transaction aborts the simulation: TRANSACTION_EXECUTION_ERROR with its index.
 */
export function simulateTransactions(
  state: ExecutionState,
  block: BlockContext,
  txs: readonly SimulationInput[],
  flags: AccountTxOptions = {},
): TransactionExecutionInfo[] {
  const depth = state.depth;
  state.checkpoint();
  try {
    return txs.map((t, i) => {
      try {
        return executeTransaction(state, block, t.tx, { ...flags, ...t.options });
      } catch (e) {
        if (!(e instanceof ExecutionError)) throw e;
        throw executionError('TRANSACTION_EXECUTION_ERROR', e.message, {
          transactionIndex: i,
          cause: e.code,
        });
      }
    });
  } finally {
    while (state.depth > depth) state.rollback();
  }
}

/** The simulateTransactions result items: trace (with state diff) and fee estimate. */
export function simulationResult(t: TransactionExecutionInfo, block: BlockContext): Record<string, unknown> {
  return {
    transaction_trace: { ...transactionTrace(t), state_diff: rpcStateDiff(t.stateDiff) },
    fee_estimation: feeEstimate(t, block),
  };
}
