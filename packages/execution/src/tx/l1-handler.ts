// L1_HANDLER transactions: the L1→L2 message's call. Since 0.14.0 a failing handler is included as
// REVERTED; its fee is paid on L1 (reported in wei), so nothing is transferred on L2.
import {
  calculateTransactionHash,
  type L1Handler,
  l1ToL2MessageHash,
  messageFromL1Handler,
} from '@starling/protocol';
import { emptyTxInfo } from '../call/context.js';
import { executionError } from '../errors.js';
import { transactionGasVector } from '../fee/gas-vector.js';
import { constantsFor } from '../gas/constants-for.js';
import type { ExecutionState } from '../state/execution-state.js';
import type { BlockContext, CallInfo, TransactionExecutionInfo } from '../types.js';
import { feeOf } from './fee.js';
import { runPhase, type TxEnv } from './phases.js';
import { failedCallReason } from './revert-reason.js';

/** Executes an L1 handler transaction. */
export function executeL1Handler(
  state: ExecutionState,
  block: BlockContext,
  tx: L1Handler,
): TransactionExecutionInfo {
  if (tx.calldata.length === 0)
    throw executionError('INVALID_ARGUMENT', 'L1 handler calldata must start with the L1 sender');
  const vc = constantsFor(block.starknetVersion);
  const hash = calculateTransactionHash(tx, block.chainId);
  const env: TxEnv = {
    state,
    block,
    vc,
    tx: emptyTxInfo({ senderAddress: tx.contractAddress, transactionHash: hash, nonce: tx.nonce }),
    classesUsed: new Map(),
  };
  const txLayer = state.depth;
  state.checkpoint();
  try {
    const gas = BigInt(vc.os.l1HandlerMaxAmountBounds?.l2Gas ?? vc.os.executeMaxSierraGas);
    const remaining = { value: gas };
    let info: CallInfo | undefined;
    let revertReason: string | undefined;
    try {
      info = runPhase(
        env,
        'execute',
        {
          entryPointType: 'L1_HANDLER',
          selector: tx.entryPointSelector,
          calldata: tx.calldata,
          storageAddress: tx.contractAddress,
          callerAddress: 0n,
          callType: 'CALL',
          initialGas: gas,
        },
        remaining,
      ).info;
      if (info.failed) revertReason = failedCallReason('Transaction execution has failed', info);
    } catch (e) {
      revertReason = `Transaction execution has failed:\n${e instanceof Error ? e.message : String(e)}`;
    }
    const payload = tx.calldata.length - 1;
    let stateDiff = state.layerDiff(txLayer);
    if (revertReason !== undefined) {
      state.rollback();
      state.checkpoint();
      stateDiff = state.layerDiff(txLayer);
    }
    const gasVector = transactionGasVector(vc, {
      kind: 'L1_HANDLER',
      calldataLength: payload,
      signatureLength: 0,
      codeSize: 0,
      stateChanges: state.countForFee(stateDiff, txLayer, block.feeTokenAddress, undefined),
      l1HandlerPayloadSize: payload,
      calls: revertReason === undefined && info !== undefined ? [info] : [],
      revertedSierraGas: 0n,
      revertedSteps: 0,
      useKzgDa: block.useKzgDa,
    });
    const fee = feeOf(gasVector, block, 0n, 'WEI');
    state.commit();
    return {
      transactionHash: hash,
      type: 'L1_HANDLER',
      ...(info !== undefined ? { executeCallInfo: info } : {}),
      ...(revertReason !== undefined ? { revertReason } : {}),
      actualFee: fee,
      gas: gasVector,
      daGas: { l1Gas: 0n, l1DataGas: gasVector.l1DataGas, l2Gas: 0n },
      stateDiff,
      messageHash: l1ToL2MessageHash(messageFromL1Handler(tx)),
      record: { reverted: revertReason !== undefined, actualFee: fee, compiledClasses: env.classesUsed },
    };
  } catch (e) {
    while (state.depth > txLayer) state.rollback();
    throw e;
  }
}
