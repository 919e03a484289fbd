// Parses transactions from their JSON forms: the JSON-RPC form and the feeder-gateway form
// (type INVOKE_FUNCTION, DA modes as 0/1, resource names in upper case).
import { QUERY_VERSION_BASE } from '../constants.js';
import { ProtocolError } from '../errors.js';
import {
  asObject,
  feltArrayField,
  feltField,
  field,
  type JsonObject,
  readFelt,
  readUint,
  uintField,
} from '../parse.js';
import type {
  DataAvailabilityMode,
  ResourceBound,
  ResourceBounds,
  Transaction,
  TransactionWithHash,
  V3Fields,
} from '../types.js';

const U64 = 1n << 64n;
const U128 = 1n << 128n;

function readDaMode(obj: JsonObject, key: string, path: string): DataAvailabilityMode {
  const v = obj[key];
  if (v === undefined || v === 'L1' || v === 0 || v === '0x0') return 'L1';
  if (v === 'L2' || v === 1 || v === '0x1') return 'L2';
  throw new ProtocolError('INVALID_FIELD', `${path}.${key}: unknown data availability mode`, { path });
}

function readBound(value: unknown, path: string): ResourceBound {
  const o = asObject(value, path);
  return {
    maxAmount: readUint(field(o, 'max_amount', path), `${path}.max_amount`, U64),
    maxPricePerUnit: readUint(field(o, 'max_price_per_unit', path), `${path}.max_price_per_unit`, U128),
  };
}

/** Reads resource bounds keyed L1_GAS / L2_GAS / L1_DATA_GAS (gateway) or l1_gas / l2_gas / l1_data_gas (RPC). */
export function parseResourceBounds(value: unknown, path: string): ResourceBounds {
  const o = asObject(value, path);
  const pick = (upper: string, lower: string) => o[upper] ?? o[lower];
  const l1 = pick('L1_GAS', 'l1_gas');
  if (l1 === undefined) throw new ProtocolError('MISSING_FIELD', `${path}.l1_gas is missing`, { path });
  const l2 = pick('L2_GAS', 'l2_gas');
  const data = pick('L1_DATA_GAS', 'l1_data_gas') ?? o.L1_DATA;
  const bounds: ResourceBounds = {
    l1Gas: readBound(l1, `${path}.l1_gas`),
    l2Gas: l2 === undefined ? { maxAmount: 0n, maxPricePerUnit: 0n } : readBound(l2, `${path}.l2_gas`),
  };
  if (data !== undefined) bounds.l1DataGas = readBound(data, `${path}.l1_data_gas`);
  return bounds;
}

function v3Fields(o: JsonObject, path: string): V3Fields {
  return {
    version: 3,
    signature: o.signature === undefined ? [] : feltArrayField(o, 'signature', path),
    nonce: feltField(o, 'nonce', path),
    resourceBounds: parseResourceBounds(field(o, 'resource_bounds', path), `${path}.resource_bounds`),
    tip: o.tip === undefined ? 0n : uintField(o, 'tip', path, 64),
    paymasterData: o.paymaster_data === undefined ? [] : feltArrayField(o, 'paymaster_data', path),
    nonceDataAvailabilityMode: readDaMode(o, 'nonce_data_availability_mode', path),
    feeDataAvailabilityMode: readDaMode(o, 'fee_data_availability_mode', path),
  };
}

const optArray = (o: JsonObject, key: string, path: string) =>
  o[key] === undefined ? [] : feltArrayField(o, key, path);

function unsupported(type: string, version: bigint, path: string): never {
  throw new ProtocolError(
    'UNSUPPORTED_TRANSACTION_VERSION',
    `${path}: ${type} version ${version} is not supported`,
    {
      type,
      version: String(version),
    },
  );
}

/** Parses one transaction (RPC or feeder-gateway JSON) into the domain type. */
export function parseTransaction(value: unknown, path = 'transaction'): Transaction {
  const o = asObject(value, path);
  const typeRaw = field(o, 'type', path);
  const version = o.version === undefined ? 0n : readFelt(o.version, `${path}.version`);
  const type = typeRaw === 'INVOKE_FUNCTION' ? 'INVOKE' : typeRaw;
  const sig = () => optArray(o, 'signature', path);
  switch (type) {
    case 'INVOKE':
      if (version === 3n) {
        const tx = {
          type: 'INVOKE' as const,
          ...v3Fields(o, path),
          senderAddress: feltField(o, 'sender_address', path),
          calldata: feltArrayField(o, 'calldata', path),
          accountDeploymentData: optArray(o, 'account_deployment_data', path),
        };
        return o.proof_facts === undefined
          ? tx
          : { ...tx, proofFacts: feltArrayField(o, 'proof_facts', path) };
      }
      if (version === 1n) {
        return {
          type: 'INVOKE',
          version: 1,
          senderAddress: feltField(o, 'sender_address', path),
          calldata: feltArrayField(o, 'calldata', path),
          maxFee: feltField(o, 'max_fee', path),
          nonce: feltField(o, 'nonce', path),
          signature: sig(),
        };
      }
      if (version === 0n) {
        return {
          type: 'INVOKE',
          version: 0,
          contractAddress: feltField(
            o,
            o.contract_address === undefined ? 'sender_address' : 'contract_address',
            path,
          ),
          entryPointSelector: feltField(o, 'entry_point_selector', path),
          calldata: feltArrayField(o, 'calldata', path),
          maxFee: o.max_fee === undefined ? 0n : feltField(o, 'max_fee', path),
          signature: sig(),
        };
      }
      return unsupported('INVOKE', version, path);
    case 'DECLARE':
      if (version === 3n) {
        return {
          type: 'DECLARE',
          ...v3Fields(o, path),
          senderAddress: feltField(o, 'sender_address', path),
          classHash: feltField(o, 'class_hash', path),
          compiledClassHash: feltField(o, 'compiled_class_hash', path),
          accountDeploymentData: optArray(o, 'account_deployment_data', path),
        };
      }
      if (version === 2n) {
        return {
          type: 'DECLARE',
          version: 2,
          senderAddress: feltField(o, 'sender_address', path),
          classHash: feltField(o, 'class_hash', path),
          compiledClassHash: feltField(o, 'compiled_class_hash', path),
          maxFee: feltField(o, 'max_fee', path),
          nonce: feltField(o, 'nonce', path),
          signature: sig(),
        };
      }
      if (version === 0n || version === 1n) {
        return {
          type: 'DECLARE',
          version: version === 0n ? 0 : 1,
          senderAddress: feltField(o, 'sender_address', path),
          classHash: feltField(o, 'class_hash', path),
          maxFee: feltField(o, 'max_fee', path),
          nonce: o.nonce === undefined ? 0n : feltField(o, 'nonce', path),
          signature: sig(),
        };
      }
      return unsupported('DECLARE', version, path);
    case 'DEPLOY_ACCOUNT':
      if (version === 3n) {
        return {
          type: 'DEPLOY_ACCOUNT',
          ...v3Fields(o, path),
          classHash: feltField(o, 'class_hash', path),
          contractAddressSalt: feltField(o, 'contract_address_salt', path),
          constructorCalldata: feltArrayField(o, 'constructor_calldata', path),
        };
      }
      if (version === 1n) {
        return {
          type: 'DEPLOY_ACCOUNT',
          version: 1,
          classHash: feltField(o, 'class_hash', path),
          contractAddressSalt: feltField(o, 'contract_address_salt', path),
          constructorCalldata: feltArrayField(o, 'constructor_calldata', path),
          maxFee: feltField(o, 'max_fee', path),
          nonce: feltField(o, 'nonce', path),
          signature: sig(),
        };
      }
      return unsupported('DEPLOY_ACCOUNT', version, path);
    case 'DEPLOY':
      if (version === 0n || version === 1n) {
        return {
          type: 'DEPLOY',
          version: version === 0n ? 0 : 1,
          classHash: feltField(o, 'class_hash', path),
          contractAddressSalt: feltField(o, 'contract_address_salt', path),
          constructorCalldata: feltArrayField(o, 'constructor_calldata', path),
        };
      }
      return unsupported('DEPLOY', version, path);
    case 'L1_HANDLER':
      if (version === 0n) {
        return {
          type: 'L1_HANDLER',
          version: 0,
          contractAddress: feltField(o, 'contract_address', path),
          entryPointSelector: feltField(o, 'entry_point_selector', path),
          calldata: feltArrayField(o, 'calldata', path),
          nonce: o.nonce === undefined ? 0n : feltField(o, 'nonce', path),
        };
      }
      return unsupported('L1_HANDLER', version, path);
    default:
      throw new ProtocolError(
        'UNKNOWN_TRANSACTION_TYPE',
        `${path}.type: unknown transaction type ${String(typeRaw)}`,
        {
          path,
        },
      );
  }
}

/** Parses a transaction that carries its `transaction_hash` (feeder-gateway blocks, RPC results). */
export function parseTransactionWithHash(value: unknown, path = 'transaction'): TransactionWithHash {
  const o = asObject(value, path);
  return { ...parseTransaction(o, path), transactionHash: feltField(o, 'transaction_hash', path) };
}

/** Parses an array of transactions with hashes. */
export function parseTransactions(value: unknown, path = 'transactions'): TransactionWithHash[] {
  if (!Array.isArray(value)) throw new ProtocolError('INVALID_FIELD', `${path}: expected an array`, { path });
  return value.map((t, i) => parseTransactionWithHash(t, `${path}[${i}]`));
}

/**
 * Parses a transaction that may carry a query version (2^128 + v, used by simulation and fee
 * estimation), returning the transaction with its plain version and whether it was a query.
 */
export function parseMaybeQueryTransaction(
  value: unknown,
  path = 'transaction',
): { transaction: Transaction; query: boolean } {
  const o = asObject(value, path);
  const version = o.version === undefined ? 0n : readFelt(o.version, `${path}.version`);
  if (version < QUERY_VERSION_BASE) return { transaction: parseTransaction(o, path), query: false };
  const plain = `0x${(version - QUERY_VERSION_BASE).toString(16)}`;
  return { transaction: parseTransaction({ ...o, version: plain }, path), query: true };
}
