// Poseidon transaction hashes of v3 transactions (SNIP-8).
import { poseidonArray } from '@starling/crypto';
import { PREFIX_DECLARE, PREFIX_DEPLOY_ACCOUNT, PREFIX_INVOKE } from '../constants.js';
import { calculateContractAddress } from '../contract-address.js';
import type { DeclareV3, DeployAccountV3, InvokeV3 } from '../types.js';
import { dataAvailabilityModes, tipResourceBoundsHash } from './resource-bounds.js';

// Paymaster data and account deployment data are empty in nearly every transaction (the gateway
// requires it): their hash is one constant, computed once instead of once per field per transaction.
let emptyHash: bigint | undefined;
function hashList(values: readonly bigint[]): bigint {
  if (values.length > 0) return poseidonArray(values);
  if (emptyHash === undefined) emptyHash = poseidonArray([]);
  return emptyHash;
}

/** INVOKE v3; `version` is 3, or 2^128 + 3 for a query. */
export function invokeV3Hash(tx: InvokeV3, chainId: bigint, version: bigint): bigint {
  const items = [
    PREFIX_INVOKE,
    version,
    tx.senderAddress,
    tipResourceBoundsHash(tx.tip, tx.resourceBounds),
    hashList(tx.paymasterData),
    chainId,
    tx.nonce,
    dataAvailabilityModes(tx.nonceDataAvailabilityMode, tx.feeDataAvailabilityMode),
    hashList(tx.accountDeploymentData),
    poseidonArray(tx.calldata),
  ];
  // Proof facts (0.14.2+) extend the list only when present, so older hashes are unchanged.
  if (tx.proofFacts && tx.proofFacts.length > 0) items.push(poseidonArray(tx.proofFacts));
  return poseidonArray(items);
}

/** DECLARE v3. */
export function declareV3Hash(tx: DeclareV3, chainId: bigint, version: bigint): bigint {
  return poseidonArray([
    PREFIX_DECLARE,
    version,
    tx.senderAddress,
    tipResourceBoundsHash(tx.tip, tx.resourceBounds),
    hashList(tx.paymasterData),
    chainId,
    tx.nonce,
    dataAvailabilityModes(tx.nonceDataAvailabilityMode, tx.feeDataAvailabilityMode),
    hashList(tx.accountDeploymentData),
    tx.classHash,
    tx.compiledClassHash,
  ]);
}

/**
 * DEPLOY_ACCOUNT v3. Field order as the OS (transaction_hash.cairo) and starknet.js hash it: nonce, then DA
 * modes. The sequencer's Rust swaps those two, which only matters for a non-zero nonce or an L2 DA mode,
 * neither of which a valid deploy-account transaction can have.
 */
export function deployAccountV3Hash(tx: DeployAccountV3, chainId: bigint, version: bigint): bigint {
  const address = calculateContractAddress(tx.contractAddressSalt, tx.classHash, tx.constructorCalldata, 0n);
  return poseidonArray([
    PREFIX_DEPLOY_ACCOUNT,
    version,
    address,
    tipResourceBoundsHash(tx.tip, tx.resourceBounds),
    hashList(tx.paymasterData),
    chainId,
    tx.nonce,
    dataAvailabilityModes(tx.nonceDataAvailabilityMode, tx.feeDataAvailabilityMode),
    poseidonArray(tx.constructorCalldata),
    tx.classHash,
    tx.contractAddressSalt,
  ]);
}
