// RPC 0.10 views of execution results: FUNCTION_INVOCATION trees, transaction traces and receipts.
import type { Event, MessageToL1, Receipt } from '@starling/protocol';
import { callTree } from '../fee/gas-vector.js';
import type { CallInfo, TransactionExecutionInfo } from '../types.js';

const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** A call tree as the trace API's FUNCTION_INVOCATION. */
export function functionInvocation(c: CallInfo): Record<string, unknown> {
  return {
    contract_address: hex(c.call.storageAddress),
    entry_point_selector: hex(c.call.selector),
    calldata: c.call.calldata.map(hex),
    caller_address: hex(c.call.callerAddress),
    class_hash: hex(c.call.classHash),
    entry_point_type: c.call.entryPointType,
    call_type: c.call.callType,
    result: c.retdata.map(hex),
    calls: c.innerCalls.map(functionInvocation),
    events: c.events.map((e) => ({ order: e.order, keys: e.keys.map(hex), data: e.data.map(hex) })),
    messages: c.messages.map((m) => ({
      order: m.order,
      from_address: hex(c.call.storageAddress),
      to_address: hex(m.toAddress),
      payload: m.payload.map(hex),
    })),
    execution_resources: { l1_gas: 0, l2_gas: Number(c.gasConsumed) },
    is_reverted: c.failed,
  };
}

const resources = (t: TransactionExecutionInfo) => ({
  l1_gas: Number(t.gas.l1Gas),
  l1_data_gas: Number(t.gas.l1DataGas),
  l2_gas: Number(t.gas.l2Gas),
});

/** The transaction trace (TRANSACTION_TRACE) of an executed transaction. */
export function transactionTrace(t: TransactionExecutionInfo): Record<string, unknown> {
  const out: Record<string, unknown> = { type: t.type };
  if (t.validateCallInfo !== undefined) out.validate_invocation = functionInvocation(t.validateCallInfo);
  if (t.type === 'INVOKE') {
    out.execute_invocation =
      t.revertReason !== undefined || t.executeCallInfo === undefined
        ? { revert_reason: t.revertReason ?? '' }
        : functionInvocation(t.executeCallInfo);
  } else if (t.type === 'DEPLOY_ACCOUNT' && t.executeCallInfo !== undefined) {
    out.constructor_invocation = functionInvocation(t.executeCallInfo);
  } else if (t.type === 'L1_HANDLER') {
    out.function_invocation =
      t.revertReason !== undefined || t.executeCallInfo === undefined
        ? { revert_reason: t.revertReason ?? '' }
        : functionInvocation(t.executeCallInfo);
  }
  if (t.feeTransferCallInfo !== undefined)
    out.fee_transfer_invocation = functionInvocation(t.feeTransferCallInfo);
  out.execution_resources = resources(t);
  return out;
}

/** Events of the transaction in emission order: validate/execute (or constructor first), fee transfer. */
export function transactionEvents(t: TransactionExecutionInfo): Event[] {
  const roots =
    t.type === 'DEPLOY_ACCOUNT'
      ? [t.executeCallInfo, t.validateCallInfo, t.feeTransferCallInfo]
      : [
          t.validateCallInfo,
          t.revertReason === undefined ? t.executeCallInfo : undefined,
          t.feeTransferCallInfo,
        ];
  const out: Event[] = [];
  for (const root of roots) {
    if (root === undefined) continue;
    const evs: { order: number; e: Event }[] = [];
    for (const c of callTree(root)) {
      for (const e of c.events)
        evs.push({ order: e.order, e: { fromAddress: c.call.storageAddress, keys: e.keys, data: e.data } });
    }
    evs.sort((a, b) => a.order - b.order);
    out.push(...evs.map((x) => x.e));
  }
  return out;
}

/** L2→L1 messages of the transaction in order. */
export function transactionMessages(t: TransactionExecutionInfo): MessageToL1[] {
  const roots = t.revertReason === undefined ? [t.validateCallInfo, t.executeCallInfo] : [t.validateCallInfo];
  const out: MessageToL1[] = [];
  for (const root of roots) {
    if (root === undefined) continue;
    const ms: { order: number; m: MessageToL1 }[] = [];
    for (const c of callTree(root)) {
      for (const m of c.messages)
        ms.push({
          order: m.order,
          m: { fromAddress: c.call.storageAddress, toAddress: m.toAddress, payload: m.payload },
        });
    }
    ms.sort((a, b) => a.order - b.order);
    out.push(...ms.map((x) => x.m));
  }
  return out;
}

/** The protocol receipt (what commitments hash). */
export function toReceipt(t: TransactionExecutionInfo): Receipt {
  return {
    transactionHash: t.transactionHash,
    actualFee: t.actualFee,
    executionStatus: t.revertReason === undefined ? 'SUCCEEDED' : 'REVERTED',
    ...(t.revertReason !== undefined ? { revertReason: t.revertReason } : {}),
    events: transactionEvents(t),
    messagesSent: transactionMessages(t),
    gasConsumed: t.gas,
  };
}

/** The RPC receipt (TXN_RECEIPT) with the given finality status. */
export function rpcReceipt(
  t: TransactionExecutionInfo,
  finality: 'PRE_CONFIRMED' | 'ACCEPTED_ON_L2' | 'ACCEPTED_ON_L1' = 'ACCEPTED_ON_L2',
): Record<string, unknown> {
  const r = toReceipt(t);
  const out: Record<string, unknown> = {
    type: t.type,
    transaction_hash: hex(t.transactionHash),
    actual_fee: { amount: hex(t.actualFee), unit: t.type === 'L1_HANDLER' ? 'WEI' : 'FRI' },
    finality_status: finality,
    messages_sent: r.messagesSent.map((m) => ({
      from_address: hex(m.fromAddress),
      to_address: hex(m.toAddress),
      payload: m.payload.map(hex),
    })),
    events: r.events.map((e) => ({
      from_address: hex(e.fromAddress),
      keys: e.keys.map(hex),
      data: e.data.map(hex),
    })),
    execution_resources: resources(t),
    execution_status: r.executionStatus,
  };
  if (t.revertReason !== undefined) out.revert_reason = t.revertReason;
  if (t.type === 'DEPLOY_ACCOUNT' && t.contractAddress !== undefined)
    out.contract_address = hex(t.contractAddress);
  if (t.type === 'L1_HANDLER' && t.messageHash !== undefined) out.message_hash = hex(t.messageHash);
  return out;
}
