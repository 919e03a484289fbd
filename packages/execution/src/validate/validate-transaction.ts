// Validate-only mode for the gateway: the stateless rules, the gateway's stateful rules (nonce
// window, L2 gas price threshold) and the blockifier's StatefulValidator, without executing:
// INVOKE runs pre-validation and __validate__ only; DECLARE and DEPLOY_ACCOUNT execute in full
// (a deployment's constructor runs before __validate_deploy__, and a declare must see whether the
// class exists), all on a throwaway layer over the given state.
import type { CasmClass, GasVector, SierraClass, StateReader } from '@starling/protocol';
import { executionError } from '../errors.js';
import { transactionGasVector } from '../fee/gas-vector.js';
import { constantsFor } from '../gas/constants-for.js';
import { DEFAULT_GATEWAY_LIMITS, type GatewayLimits } from '../options.js';
import { ExecutionState } from '../state/execution-state.js';
import {
  type AccountTransactionV3,
  exceededBound,
  executeAccountTransaction,
} from '../tx/account-transaction.js';
import { balanceKey, feeOf, feeTokenBalance } from '../tx/fee.js';
import { runValidate, type TxEnv } from '../tx/phases.js';
import { checkNonce } from '../tx/pre-validation.js';
import { calldataLengthOf, checkFeePreconditions, transactionInfo } from '../tx/tx-info.js';
import type { BlockContext, CallInfo } from '../types.js';
import { checkStateless } from './stateless-checks.js';

export interface ValidateOptions {
  /** Sierra class of a DECLARE. */
  contractClass?: SierraClass;
  /** Its serialized size in characters, when the caller has the JSON (else re-serialized). */
  contractClassSize?: number;
  compileClass?: (cls: SierraClass) => CasmClass;
  /**
   * The account's next nonce counting the pool's pending transactions (undefined when it has none):
   * an INVOKE with nonce 1 from a not yet deployed account skips __validate__ when its
   * DEPLOY_ACCOUNT is pending, as the gateway does.
   */
  pendingNonce?: (address: bigint) => bigint | undefined;
  /** The previous block's L2 gas price (fri) for the price threshold; default: the block's. */
  previousL2GasPrice?: bigint;
  limits?: Partial<GatewayLimits>;
  /** The transaction's hash when the caller has computed it already. */
  transactionHash?: bigint;
}

export interface ValidationResult {
  transactionHash: bigint;
  sender: bigint;
  /** The account nonce in the given state. */
  accountNonce: bigint;
  /** True when __validate__ was skipped for a pending deployment. */
  validateSkipped: boolean;
  validateCallInfo?: CallInfo;
  /** Gas of what ran: validation only (INVOKE) or the whole transaction (DECLARE, DEPLOY_ACCOUNT). */
  gas: GasVector;
}

/** Checks a transaction as the gateway does before admitting it; throws the RPC-named error. */
export function validateTransaction(
  state: StateReader,
  block: BlockContext,
  tx: AccountTransactionV3,
  options: ValidateOptions = {},
): ValidationResult {
  const limits = { ...DEFAULT_GATEWAY_LIMITS, ...options.limits };
  checkStateless(tx, limits, options.contractClass, options.contractClassSize);
  const threshold =
    ((options.previousL2GasPrice ?? block.gasPrices.l2Gas.priceInFri) * limits.minGasPricePercentage) / 100n;
  if (tx.resourceBounds.l2Gas.maxPricePerUnit < threshold)
    throw executionError(
      'FEE_BELOW_MINIMUM',
      `Transaction L2 gas price ${tx.resourceBounds.l2Gas.maxPricePerUnit} is below the required threshold ${threshold}.`,
    );
  const scratch = new ExecutionState(state);
  const info = transactionInfo(tx, block.chainId, false, options.transactionHash);
  const sender = info.senderAddress;
  const accountNonce = scratch.getNonceAt(sender);
  checkNonceWindow(tx, accountNonce, limits);
  const base = { transactionHash: info.transactionHash, sender, accountNonce };

  if (tx.type !== 'INVOKE') {
    const r = executeAccountTransaction(scratch, block, tx, {
      strictNonce: false,
      transactionHash: info.transactionHash,
      ...(options.contractClass !== undefined ? { contractClass: options.contractClass } : {}),
      ...(options.compileClass !== undefined ? { compileClass: options.compileClass } : {}),
    });
    return {
      ...base,
      validateSkipped: false,
      ...(r.validateCallInfo !== undefined ? { validateCallInfo: r.validateCallInfo } : {}),
      gas: r.gas,
    };
  }

  const vc = constantsFor(block.starknetVersion);
  const tip = vc.flags.enableTip ? tx.tip : 0n;
  checkNonce(scratch, tx, sender, false);
  checkFeePreconditions(scratch, block, vc, tx, sender, tip);
  scratch.checkpoint();
  scratch.incrementNonce(sender);
  const skip = tx.nonce === 1n && accountNonce === 0n && options.pendingNonce?.(sender) !== undefined;
  const env: TxEnv = { state: scratch, block, vc, tx: info, classesUsed: new Map() };
  const validateInfo = skip
    ? undefined
    : runValidate(env, sender, vc.os.validateEntryPointSelector, tx.calldata, {
        value: tx.resourceBounds.l2Gas.maxAmount,
      });
  // Post-validation (blockifier's PostValidationReport): what validation cost so far must fit the
  // bounds, and the balance must cover it.
  const changes = scratch.countForFee(scratch.layerDiff(1), 1, block.feeTokenAddress, balanceKey(sender));
  const gas = transactionGasVector(vc, {
    kind: 'INVOKE',
    calldataLength: calldataLengthOf(tx),
    signatureLength: tx.signature.length,
    codeSize: 0,
    stateChanges: changes,
    calls: validateInfo !== undefined ? [validateInfo] : [],
    revertedSierraGas: 0n,
    revertedSteps: 0,
    useKzgDa: block.useKzgDa,
  });
  if (!skip) {
    const over = exceededBound(gas, tx.resourceBounds);
    if (over !== undefined) throw executionError('INSUFFICIENT_RESOURCES_FOR_VALIDATE', over);
    const fee = feeOf(gas, block, tip);
    const balance = feeTokenBalance(scratch, block.feeTokenAddress, sender);
    if (balance < fee)
      throw executionError(
        'INSUFFICIENT_ACCOUNT_BALANCE',
        `Insufficient fee token balance. Fee: ${fee}, balance: ${balance}.`,
      );
  }
  return {
    ...base,
    validateSkipped: skip,
    ...(validateInfo !== undefined ? { validateCallInfo: validateInfo } : {}),
    gas,
  };
}

/** The gateway's nonce window: [account, account + gap]; DECLARE exactly; DEPLOY_ACCOUNT 0 on 0. */
function checkNonceWindow(tx: AccountTransactionV3, account: bigint, limits: GatewayLimits): void {
  const bad = (message: string) =>
    executionError('INVALID_TRANSACTION_NONCE', message, {
      accountNonce: account.toString(),
      nonce: tx.nonce.toString(),
    });
  if (tx.type === 'DEPLOY_ACCOUNT') {
    if (account !== 0n)
      throw bad(`Invalid deploy account transaction. Account is already deployed (nonce=${account}).`);
    if (tx.nonce !== 0n) throw bad(`Invalid transaction nonce. Expected: nonce = 0, got: ${tx.nonce}.`);
    return;
  }
  if (tx.type === 'DECLARE' && limits.rejectFutureDeclare) {
    if (tx.nonce !== account)
      throw bad(`Invalid transaction nonce. Expected: nonce = ${account}, got: ${tx.nonce}.`);
    return;
  }
  const max = account + limits.maxNonceGap;
  if (tx.nonce < account || tx.nonce > max)
    throw bad(`Invalid transaction nonce. Expected: ${account} <= nonce <= ${max}, got: ${tx.nonce}.`);
}
