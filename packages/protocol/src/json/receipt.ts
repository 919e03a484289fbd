// Parses receipts (feeder-gateway or JSON-RPC form) and their events and messages.
import { ProtocolError } from '../errors.js';
import {
  arrayField,
  asObject,
  feltArrayField,
  feltField,
  type JsonObject,
  readFelt,
  readUint,
} from '../parse.js';
import type { Event, ExecutionStatus, GasVector, MessageToL1, Receipt } from '../types.js';

/** Parses an event {from_address, keys, data}. */
export function parseEvent(value: unknown, path = 'event'): Event {
  const o = asObject(value, path);
  return {
    fromAddress: feltField(o, 'from_address', path),
    keys: feltArrayField(o, 'keys', path),
    data: feltArrayField(o, 'data', path),
  };
}

/** Parses an L2→L1 message {from_address, to_address, payload}. */
export function parseMessageToL1(value: unknown, path = 'message'): MessageToL1 {
  const o = asObject(value, path);
  return {
    fromAddress: feltField(o, 'from_address', path),
    toAddress: feltField(o, 'to_address', path),
    payload: feltArrayField(o, 'payload', path),
  };
}

function gasVector(value: unknown, path: string): GasVector {
  const o = asObject(value, path);
  const read = (k: string) => (o[k] === undefined ? 0n : readUint(o[k], `${path}.${k}`, 1n << 128n));
  return { l1Gas: read('l1_gas'), l1DataGas: read('l1_data_gas'), l2Gas: read('l2_gas') };
}

function status(o: JsonObject, path: string): ExecutionStatus {
  const s = o.execution_status ?? 'SUCCEEDED';
  if (s === 'SUCCEEDED' || s === 'REVERTED') return s;
  throw new ProtocolError('INVALID_FIELD', `${path}.execution_status: unknown status ${String(s)}`, { path });
}

/** Parses a receipt; `actual_fee` may be a felt or an RPC {amount, unit} object. */
export function parseReceipt(value: unknown, path = 'receipt'): Receipt {
  const o = asObject(value, path);
  const fee = o.actual_fee;
  const actualFee =
    typeof fee === 'object' && fee !== null
      ? feltField(asObject(fee, `${path}.actual_fee`), 'amount', `${path}.actual_fee`)
      : fee === undefined
        ? 0n
        : readFelt(fee, `${path}.actual_fee`);
  const msgKey = o.l2_to_l1_messages !== undefined ? 'l2_to_l1_messages' : 'messages_sent';
  const messages = o[msgKey] === undefined ? [] : arrayField(o, msgKey, path);
  const events = o.events === undefined ? [] : arrayField(o, 'events', path);
  const res =
    o.execution_resources === undefined
      ? undefined
      : asObject(o.execution_resources, `${path}.execution_resources`);
  const gasSource = res?.total_gas_consumed ?? (res && 'l1_gas' in res ? res : undefined);
  const receipt: Receipt = {
    transactionHash: feltField(o, 'transaction_hash', path),
    actualFee,
    executionStatus: status(o, path),
    events: events.map((e, i) => parseEvent(e, `${path}.events[${i}]`)),
    messagesSent: messages.map((m, i) => parseMessageToL1(m, `${path}.${msgKey}[${i}]`)),
    gasConsumed:
      gasSource === undefined
        ? { l1Gas: 0n, l1DataGas: 0n, l2Gas: 0n }
        : gasVector(gasSource, `${path}.execution_resources`),
  };
  const reason = o.revert_error ?? o.revert_reason;
  if (receipt.executionStatus === 'REVERTED') receipt.revertReason = typeof reason === 'string' ? reason : '';
  return receipt;
}
