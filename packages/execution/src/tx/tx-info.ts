// The pieces of an account transaction that every path needs before running anything: its hash
// and sender, the tx info its calls see, and the fee pre-checks (bounds, balance).
import {
  calculateContractAddress,
  calculateTransactionHash,
  type DeclareV3,
  type DeployAccountV3,
  type InvokeV3,
  QUERY_VERSION_BASE,
  type VersionedConstants,
} from '@starling/protocol';
import type { TxInfo } from '../call/context.js';
import { executionError } from '../errors.js';
import type { ExecutionState } from '../state/execution-state.js';
import type { BlockContext } from '../types.js';
import { feeTokenBalance, maxPossibleFee } from './fee.js';
import { checkBounds, minimalGasVector } from './pre-validation.js';

type V3 = InvokeV3 | DeclareV3 | DeployAccountV3;

const DA = { L1: 0n, L2: 1n } as const;

/** The account a transaction runs as (the counterfactual address of a DEPLOY_ACCOUNT). */
export function senderOf(tx: V3): bigint {
  return tx.type === 'DEPLOY_ACCOUNT'
    ? calculateContractAddress(tx.contractAddressSalt, tx.classHash, tx.constructorCalldata, 0n)
    : tx.senderAddress;
}

/** Felts of calldata the OS charges per transaction type (constructor calldata for deployments). */
export function calldataLengthOf(tx: V3): number {
  return tx.type === 'INVOKE'
    ? tx.calldata.length
    : tx.type === 'DEPLOY_ACCOUNT'
      ? tx.constructorCalldata.length
      : 0;
}

/** Hash (query version when asked; `knownHash` spares recomputing it) and the tx info get_execution_info exposes. */
export function transactionInfo(tx: V3, chainId: bigint, query: boolean, knownHash?: bigint): TxInfo {
  const hash =
    knownHash !== undefined && !query ? knownHash : calculateTransactionHash(tx, chainId, { query });
  return {
    version: 3n + (query ? QUERY_VERSION_BASE : 0n),
    senderAddress: senderOf(tx),
    maxFee: 0n,
    signature: tx.signature,
    transactionHash: hash,
    nonce: tx.nonce,
    resourceBounds: tx.resourceBounds,
    tip: tx.tip,
    paymasterData: tx.paymasterData,
    nonceDaMode: DA[tx.nonceDataAvailabilityMode],
    feeDaMode: DA[tx.feeDataAvailabilityMode],
    accountDeploymentData: tx.type === 'DEPLOY_ACCOUNT' ? [] : tx.accountDeploymentData,
    onlyQuery: query,
  };
}

/** Bounds against the block's prices and the minimal gas, then the balance against the max fee. */
export function checkFeePreconditions(
  state: ExecutionState,
  block: BlockContext,
  vc: VersionedConstants,
  tx: V3,
  sender: bigint,
  tip: bigint,
): void {
  checkBounds(block, tx.resourceBounds, minimalGasVector(vc, tx.type, calldataLengthOf(tx), block.useKzgDa));
  const max = maxPossibleFee(tx.resourceBounds, tip);
  const balance = feeTokenBalance(state, block.feeTokenAddress, sender);
  if (balance < max) {
    throw executionError(
      'INSUFFICIENT_ACCOUNT_BALANCE',
      `Resources bounds (max fee ${max}) exceed balance (${balance}).`,
    );
  }
}
