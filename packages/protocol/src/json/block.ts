// Parses feeder-gateway blocks (get_block) and state updates (get_state_update).
import { ProtocolError } from '../errors.js';
import { arrayField, asObject, feltField, field, type JsonObject, readFelt, readSafeInt } from '../parse.js';
import type { BlockHeader, GasPrice, Receipt, StateDiff, TransactionWithHash } from '../types.js';
import { parseReceipt } from './receipt.js';
import { parseTransactionWithHash } from './transaction.js';

export interface GatewayBlock {
  header: BlockHeader;
  transactions: TransactionWithHash[];
  receipts: Receipt[];
}

const optFelt = (o: JsonObject, key: string, path: string) =>
  o[key] === undefined ? 0n : feltField(o, key, path);

function gasPrice(o: JsonObject, key: string, path: string): GasPrice {
  const v = o[key];
  if (v === undefined) return { priceInWei: 0n, priceInFri: 0n };
  if (typeof v === 'object' && v !== null) {
    const p = asObject(v, `${path}.${key}`);
    return {
      priceInWei: optFelt(p, 'price_in_wei', `${path}.${key}`),
      priceInFri: optFelt(p, 'price_in_fri', `${path}.${key}`),
    };
  }
  return { priceInWei: readFelt(v, `${path}.${key}`), priceInFri: 0n };
}

/** Parses a get_block reply into header, transactions and receipts. Missing commitments read as 0. */
export function parseGatewayBlock(value: unknown, path = 'block'): GatewayBlock {
  const o = asObject(value, path);
  const transactions = arrayField(o, 'transactions', path).map((t, i) =>
    parseTransactionWithHash(t, `${path}.transactions[${i}]`),
  );
  const receipts = arrayField(o, 'transaction_receipts', path).map((r, i) =>
    parseReceipt(r, `${path}.transaction_receipts[${i}]`),
  );
  const mode = o.l1_da_mode ?? 'CALLDATA';
  if (mode !== 'CALLDATA' && mode !== 'BLOB') {
    throw new ProtocolError('INVALID_FIELD', `${path}.l1_da_mode: unknown mode ${String(mode)}`, { path });
  }
  const header: BlockHeader = {
    blockHash: optFelt(o, 'block_hash', path),
    parentHash: feltField(o, o.parent_block_hash === undefined ? 'parent_hash' : 'parent_block_hash', path),
    blockNumber: BigInt(readSafeInt(field(o, 'block_number', path), `${path}.block_number`)),
    stateRoot: optFelt(o, 'state_root', path),
    sequencerAddress: optFelt(o, 'sequencer_address', path),
    timestamp: BigInt(readSafeInt(field(o, 'timestamp', path), `${path}.timestamp`)),
    l1GasPrice: gasPrice(o, o.l1_gas_price === undefined ? 'gas_price' : 'l1_gas_price', path),
    l1DataGasPrice: gasPrice(o, 'l1_data_gas_price', path),
    l2GasPrice: gasPrice(o, 'l2_gas_price', path),
    l1DaMode: mode,
    starknetVersion: typeof o.starknet_version === 'string' ? o.starknet_version : '',
    transactionCommitment: optFelt(o, 'transaction_commitment', path),
    eventCommitment: optFelt(o, 'event_commitment', path),
    receiptCommitment: optFelt(o, 'receipt_commitment', path),
    stateDiffCommitment: optFelt(o, 'state_diff_commitment', path),
    transactionCount: transactions.length,
    eventCount: receipts.reduce((n, r) => n + r.events.length, 0),
    stateDiffLength:
      o.state_diff_length === undefined ? 0 : readSafeInt(o.state_diff_length, `${path}.state_diff_length`),
  };
  return { header, transactions, receipts };
}

function classList(o: JsonObject, key: string, path: string) {
  if (o[key] === undefined) return [];
  return arrayField(o, key, path).map((c, i) => {
    const p = `${path}.${key}[${i}]`;
    const e = asObject(c, p);
    return {
      classHash: feltField(e, 'class_hash', p),
      compiledClassHash: feltField(e, 'compiled_class_hash', p),
    };
  });
}

function contractList(o: JsonObject, key: string, path: string) {
  if (o[key] === undefined) return [];
  return arrayField(o, key, path).map((c, i) => {
    const p = `${path}.${key}[${i}]`;
    const e = asObject(c, p);
    return { address: feltField(e, 'address', p), classHash: feltField(e, 'class_hash', p) };
  });
}

/** Parses the state_diff object of a get_state_update reply. */
export function parseGatewayStateDiff(value: unknown, path = 'state_diff'): StateDiff {
  const o = asObject(value, path);
  const storage = o.storage_diffs === undefined ? {} : asObject(o.storage_diffs, `${path}.storage_diffs`);
  const nonces = o.nonces === undefined ? {} : asObject(o.nonces, `${path}.nonces`);
  const oldDeclared =
    o.old_declared_contracts === undefined ? [] : arrayField(o, 'old_declared_contracts', path);
  return {
    storageDiffs: Object.entries(storage).map(([addr, entries]) => {
      const p = `${path}.storage_diffs[${addr}]`;
      if (!Array.isArray(entries))
        throw new ProtocolError('INVALID_FIELD', `${p}: expected an array`, { path: p });
      return {
        address: readFelt(addr, p),
        entries: entries.map((e, i) => {
          const eo = asObject(e, `${p}[${i}]`);
          return { key: feltField(eo, 'key', `${p}[${i}]`), value: feltField(eo, 'value', `${p}[${i}]`) };
        }),
      };
    }),
    nonces: Object.entries(nonces).map(([addr, n]) => ({
      address: readFelt(addr, `${path}.nonces`),
      nonce: readFelt(n, `${path}.nonces[${addr}]`),
    })),
    deployedContracts: contractList(o, 'deployed_contracts', path),
    replacedClasses: contractList(o, 'replaced_classes', path),
    declaredClasses: classList(o, 'declared_classes', path),
    deprecatedDeclaredClasses: oldDeclared.map((c, i) => readFelt(c, `${path}.old_declared_contracts[${i}]`)),
    migratedCompiledClasses: classList(o, 'migrated_compiled_classes', path),
  };
}

export interface GatewayStateUpdate {
  blockHash: bigint;
  newRoot: bigint;
  oldRoot: bigint;
  stateDiff: StateDiff;
}

/** Parses a get_state_update reply. */
export function parseGatewayStateUpdate(value: unknown, path = 'state_update'): GatewayStateUpdate {
  const o = asObject(value, path);
  return {
    blockHash: optFelt(o, 'block_hash', path),
    newRoot: optFelt(o, 'new_root', path),
    oldRoot: optFelt(o, 'old_root', path),
    stateDiff: parseGatewayStateDiff(field(o, 'state_diff', path), `${path}.state_diff`),
  };
}
