import { CHAIN_ID_MAINNET, QUERY_VERSION_BASE } from './constants.js';
import { ProtocolError } from './errors.js';
import {
  declareV0V1Hash,
  declareV2Hash,
  deployAccountV1Hash,
  deployHash,
  invokeV0Hash,
  invokeV1Hash,
  l1HandlerHash,
} from './tx-hash/legacy.js';
import { declareV3Hash, deployAccountV3Hash, invokeV3Hash } from './tx-hash/v3.js';
import type { Transaction } from './types.js';

export interface TransactionHashOptions {
  /** Hash as a query transaction (simulation / fee estimation): version + 2^128. */
  query?: boolean;
}

function unsupported(tx: { type: string; version: unknown }): never {
  throw new ProtocolError(
    'UNSUPPORTED_TRANSACTION_VERSION',
    `no hash for ${tx.type} version ${String(tx.version)}`,
    { type: tx.type, version: String(tx.version) },
  );
}

/** The transaction hash of any on-chain transaction type and version. `chainId` is the short-string felt. */
export function calculateTransactionHash(
  tx: Transaction,
  chainId: bigint,
  options: TransactionHashOptions = {},
): bigint {
  const version = BigInt(tx.version) + (options.query ? QUERY_VERSION_BASE : 0n);
  switch (tx.type) {
    case 'INVOKE':
      if (tx.version === 3) return invokeV3Hash(tx, chainId, version);
      if (tx.version === 1) return invokeV1Hash(tx, chainId, version);
      if (tx.version === 0) return invokeV0Hash(tx, chainId, version);
      return unsupported(tx);
    case 'DECLARE':
      if (tx.version === 3) return declareV3Hash(tx, chainId, version);
      if (tx.version === 2) return declareV2Hash(tx, chainId, version);
      if (tx.version === 0 || tx.version === 1) return declareV0V1Hash(tx, chainId, version);
      return unsupported(tx);
    case 'DEPLOY_ACCOUNT':
      if (tx.version === 3) return deployAccountV3Hash(tx, chainId, version);
      if (tx.version === 1) return deployAccountV1Hash(tx, chainId, version);
      return unsupported(tx);
    case 'DEPLOY':
      if (tx.version === 0 || tx.version === 1) return deployHash(tx, chainId, version);
      return unsupported(tx);
    case 'L1_HANDLER':
      if (tx.version === 0) return l1HandlerHash(tx, chainId, version);
      return unsupported(tx);
    default: {
      const t = tx as { type: unknown };
      throw new ProtocolError('UNKNOWN_TRANSACTION_TYPE', `unknown transaction type ${String(t.type)}`);
    }
  }
}

/** Hashes that early mainnet transactions (block ≤ 1470) carry instead of the current form. */
export function deprecatedTransactionHashes(tx: Transaction, chainId: bigint): bigint[] {
  const version = BigInt(tx.version);
  if (tx.type === 'DEPLOY') return [deployHash(tx, chainId, version, true)];
  if (tx.type === 'INVOKE' && tx.version === 0) return [invokeV0Hash(tx, chainId, version, true)];
  if (tx.type === 'L1_HANDLER') {
    return [
      l1HandlerHash(tx, chainId, version, 'AS_INVOKE'),
      l1HandlerHash(tx, chainId, version, 'V0_DEPRECATED'),
    ];
  }
  return [];
}

/** On mainnet, blocks after this one contain no transaction hashed in a deprecated form. */
export const MAINNET_LAST_DEPRECATED_HASH_BLOCK = 1470n;

/**
 * True if `expected` is the transaction's hash in its current form or, for early blocks, a deprecated one.
 * With `blockNumber` given, mainnet blocks after 1470 accept the current form only (as the sequencer does).
 */
export function verifyTransactionHash(
  tx: Transaction,
  chainId: bigint,
  expected: bigint,
  blockNumber?: bigint,
): boolean {
  if (calculateTransactionHash(tx, chainId) === expected) return true;
  if (
    chainId === CHAIN_ID_MAINNET &&
    blockNumber !== undefined &&
    blockNumber > MAINNET_LAST_DEPRECATED_HASH_BLOCK
  ) {
    return false;
  }
  return deprecatedTransactionHashes(tx, chainId).includes(expected);
}
