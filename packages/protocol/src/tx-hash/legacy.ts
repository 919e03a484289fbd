// Pedersen transaction hashes of pre-v3 transactions (needed to read history only).
import { pedersenArray } from '@starling/crypto';
import {
  CONSTRUCTOR_SELECTOR,
  PREFIX_DECLARE,
  PREFIX_DEPLOY,
  PREFIX_DEPLOY_ACCOUNT,
  PREFIX_INVOKE,
  PREFIX_L1_HANDLER,
} from '../constants.js';
import { calculateContractAddress } from '../contract-address.js';
import type {
  DeclareV0V1,
  DeclareV2,
  Deploy,
  DeployAccountV1,
  InvokeV0,
  InvokeV1,
  L1Handler,
} from '../types.js';

/** INVOKE v0 (`deprecated`: the oldest form, without version and max_fee). */
export function invokeV0Hash(tx: InvokeV0, chainId: bigint, version: bigint, deprecated = false): bigint {
  const items = [PREFIX_INVOKE];
  if (!deprecated) items.push(version);
  items.push(tx.contractAddress, tx.entryPointSelector, pedersenArray(tx.calldata));
  if (!deprecated) items.push(tx.maxFee);
  items.push(chainId);
  return pedersenArray(items);
}

/** INVOKE v1. */
export function invokeV1Hash(tx: InvokeV1, chainId: bigint, version: bigint): bigint {
  return pedersenArray([
    PREFIX_INVOKE,
    version,
    tx.senderAddress,
    0n,
    pedersenArray(tx.calldata),
    tx.maxFee,
    chainId,
    tx.nonce,
  ]);
}

/** DECLARE v0 (empty calldata hash, class hash in the nonce slot) and v1. */
export function declareV0V1Hash(tx: DeclareV0V1, chainId: bigint, version: bigint): bigint {
  if (tx.version === 0) {
    return pedersenArray([
      PREFIX_DECLARE,
      version,
      tx.senderAddress,
      0n,
      pedersenArray([]),
      tx.maxFee,
      chainId,
      tx.classHash,
    ]);
  }
  return pedersenArray([
    PREFIX_DECLARE,
    version,
    tx.senderAddress,
    0n,
    pedersenArray([tx.classHash]),
    tx.maxFee,
    chainId,
    tx.nonce,
  ]);
}

/** DECLARE v2. */
export function declareV2Hash(tx: DeclareV2, chainId: bigint, version: bigint): bigint {
  return pedersenArray([
    PREFIX_DECLARE,
    version,
    tx.senderAddress,
    0n,
    pedersenArray([tx.classHash]),
    tx.maxFee,
    chainId,
    tx.nonce,
    tx.compiledClassHash,
  ]);
}

/** DEPLOY_ACCOUNT v1. */
export function deployAccountV1Hash(tx: DeployAccountV1, chainId: bigint, version: bigint): bigint {
  const address = calculateContractAddress(tx.contractAddressSalt, tx.classHash, tx.constructorCalldata, 0n);
  return pedersenArray([
    PREFIX_DEPLOY_ACCOUNT,
    version,
    address,
    0n,
    pedersenArray([tx.classHash, tx.contractAddressSalt, ...tx.constructorCalldata]),
    tx.maxFee,
    chainId,
    tx.nonce,
  ]);
}

/** DEPLOY (`deprecated`: the oldest form, without version and the zero fee). */
export function deployHash(tx: Deploy, chainId: bigint, version: bigint, deprecated = false): bigint {
  const address = calculateContractAddress(tx.contractAddressSalt, tx.classHash, tx.constructorCalldata, 0n);
  const items = [PREFIX_DEPLOY];
  if (!deprecated) items.push(version);
  items.push(address, CONSTRUCTOR_SELECTOR, pedersenArray(tx.constructorCalldata));
  if (!deprecated) items.push(0n);
  items.push(chainId);
  return pedersenArray(items);
}

/** The three historical L1_HANDLER forms: hashed as an invoke, the early l1_handler form, and the current one. */
export type L1HandlerHashForm = 'AS_INVOKE' | 'V0_DEPRECATED' | 'V0';

/** L1_HANDLER: ped_arr(['l1_handler', version, to, selector, ped_arr(calldata), 0, chain_id, nonce]). */
export function l1HandlerHash(
  tx: L1Handler,
  chainId: bigint,
  version: bigint,
  form: L1HandlerHashForm = 'V0',
): bigint {
  const items = [form === 'AS_INVOKE' ? PREFIX_INVOKE : PREFIX_L1_HANDLER];
  if (form === 'V0') items.push(version);
  items.push(tx.contractAddress, tx.entryPointSelector, pedersenArray(tx.calldata));
  if (form === 'V0') items.push(0n);
  items.push(chainId);
  if (form !== 'AS_INVOKE') items.push(tx.nonce);
  return pedersenArray(items);
}
