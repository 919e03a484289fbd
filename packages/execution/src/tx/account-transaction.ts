// Executes INVOKE v3, DECLARE v3 and DEPLOY_ACCOUNT v3 the way the blockifier does: pre-validation
// (nonce, bounds, balance), validation, execution with revert semantics, fee and fee transfer.
import type { CasmClass, DeclareV3, DeployAccountV3, InvokeV3, SierraClass } from '@starling/protocol';
import { executionError } from '../errors.js';
import { transactionGasVector } from '../fee/gas-vector.js';
import { constantsFor } from '../gas/constants-for.js';
import type { ExecutionState } from '../state/execution-state.js';
import type { BlockContext, CallInfo, ExecutionFlags, TransactionExecutionInfo } from '../types.js';
import { type PreparedDeclare, prepareDeclare } from './declare.js';
import { runExecute } from './execute-phase.js';
import { balanceKey, feeOf, feeTokenBalance, maxPossibleFee } from './fee.js';
import { runFeeTransfer, runValidate, type TxEnv } from './phases.js';
import { checkNonce } from './pre-validation.js';
import { calldataLengthOf, checkFeePreconditions, transactionInfo } from './tx-info.js';

export type AccountTransactionV3 = InvokeV3 | DeclareV3 | DeployAccountV3;

export interface AccountTxOptions extends ExecutionFlags {
  /** Sierra class of a DECLARE (the transaction itself carries only hashes). */
  contractClass?: SierraClass;
  /** Compiles a declared Sierra class to CASM (default: the sierra package's contract compiler). */
  compileClass?: (cls: SierraClass) => CasmClass;
  /** Require nonce == account nonce (sequencer); false accepts future nonces (gateway). */
  strictNonce?: boolean;
}

/** Executes an account transaction on `state` (all or nothing for rejections). */
export function executeAccountTransaction(
  state: ExecutionState,
  block: BlockContext,
  tx: AccountTransactionV3,
  options: AccountTxOptions = {},
): TransactionExecutionInfo {
  if (tx.version !== 3) {
    throw executionError(
      'UNSUPPORTED_TX_VERSION',
      `transaction version ${String(tx.version)} is not supported`,
    );
  }
  const vc = constantsFor(block.starknetVersion);
  const query = options.query === true;
  const txInfo = transactionInfo(tx, block.chainId, query, options.transactionHash);
  const hash = txInfo.transactionHash;
  const sender = txInfo.senderAddress;
  const env: TxEnv = { state, block, vc, tx: txInfo, classesUsed: new Map() };
  const chargeFee = options.skipFeeCharge !== true;
  const tip = vc.flags.enableTip ? tx.tip : 0n;
  const txLayer = state.depth;
  state.checkpoint();
  try {
    checkNonce(state, tx, sender, options.strictNonce !== false);
    let declared: PreparedDeclare | undefined;
    if (tx.type === 'DECLARE') declared = prepareDeclare(env, tx, options);
    if (chargeFee) checkFeePreconditions(state, block, vc, tx, sender, tip);
    state.incrementNonce(sender);
    const remaining = {
      value: chargeFee
        ? tx.resourceBounds.l2Gas.maxAmount
        : BigInt(vc.os.validateMaxSierraGas) + BigInt(vc.os.executeMaxSierraGas),
    };

    let validateInfo: CallInfo | undefined;
    let executeInfo: CallInfo | undefined;
    let revertReason: string | undefined;
    let revertedGas = 0n;
    let executeSteps = 0;
    state.checkpoint(); // execution layer: dropped on revert
    if (tx.type === 'DEPLOY_ACCOUNT') {
      executeInfo = runExecute(env, tx, sender, remaining).info;
      if (options.skipValidate !== true) validateInfo = validateCall(env, tx, sender, remaining);
    } else {
      if (options.skipValidate !== true) validateInfo = validateCall(env, tx, sender, remaining);
      if (declared !== undefined && tx.type === 'DECLARE') {
        state.declareClass(
          tx.classHash,
          tx.compiledClassHash,
          { kind: 'SIERRA', sierra: declared.sierra, casm: declared.casm },
          declared.casm,
        );
      }
      if (tx.type === 'INVOKE') {
        const r = runExecute(env, tx, sender, remaining, validateInfo?.resources.n_steps ?? 0, chargeFee);
        executeInfo = r.info;
        revertReason = r.revertReason;
        revertedGas = r.revertedGas;
        executeSteps = r.cairoSteps;
      }
    }
    if (revertReason !== undefined) state.rollback();
    const codeSize = declared?.codeSize ?? 0;
    const reverted = revertReason !== undefined;
    let gas = gasOf(
      env,
      tx,
      txLayer,
      codeSize,
      validateInfo,
      reverted ? undefined : executeInfo,
      reverted ? revertedGas : 0n,
      reverted ? executeSteps : 0,
    );
    if (revertReason === undefined && chargeFee) {
      let over = exceededBound(gas, tx.resourceBounds);
      if (over === undefined) {
        // The fee is paid after execution: the account must still hold it.
        const fee = feeOf(gas, block, tip);
        const balance = feeTokenBalance(state, block.feeTokenAddress, sender);
        if (balance < fee) over = `Insufficient fee token balance. Fee: ${fee}, balance: ${balance}.`;
      }
      if (over !== undefined) {
        if (tx.type !== 'INVOKE') throw executionError('INSUFFICIENT_RESOURCES_FOR_VALIDATE', over);
        revertReason = over;
        revertedGas = executeInfo?.gasConsumed ?? 0n;
        state.rollback();
        gas = gasOf(env, tx, txLayer, codeSize, validateInfo, undefined, revertedGas, executeSteps);
      }
    }
    if (revertReason === undefined) state.commit();
    let fee = feeOf(gas, block, tip);
    if (chargeFee) {
      const max = maxPossibleFee(tx.resourceBounds, tip);
      if (fee > max) fee = max;
    }
    let feeTransferInfo: CallInfo | undefined;
    if (chargeFee && fee > 0n) feeTransferInfo = runFeeTransfer(env, sender, fee);
    const stateDiff = state.layerDiff(txLayer);
    state.commit();
    return {
      transactionHash: hash,
      type: tx.type,
      ...(validateInfo !== undefined ? { validateCallInfo: validateInfo } : {}),
      ...(executeInfo !== undefined ? { executeCallInfo: executeInfo } : {}),
      ...(feeTransferInfo !== undefined ? { feeTransferCallInfo: feeTransferInfo } : {}),
      ...(revertReason !== undefined ? { revertReason } : {}),
      actualFee: fee,
      gas,
      daGas: { l1Gas: 0n, l1DataGas: gas.l1DataGas, l2Gas: 0n },
      stateDiff,
      ...(tx.type === 'DEPLOY_ACCOUNT' ? { contractAddress: sender } : {}),
      record: { reverted: revertReason !== undefined, actualFee: fee, compiledClasses: env.classesUsed },
    };
  } catch (e) {
    while (state.depth > txLayer) state.rollback();
    throw e;
  }
}

/** Runs the validation entry point of the transaction's type. */
function validateCall(
  env: TxEnv,
  tx: AccountTransactionV3,
  sender: bigint,
  remaining: { value: bigint },
): CallInfo {
  const os = env.vc.os;
  if (tx.type === 'INVOKE')
    return runValidate(env, sender, os.validateEntryPointSelector, tx.calldata, remaining);
  if (tx.type === 'DECLARE')
    return runValidate(env, sender, os.validateDeclareEntryPointSelector, [tx.classHash], remaining);
  return runValidate(
    env,
    sender,
    os.validateDeployEntryPointSelector,
    [tx.classHash, tx.contractAddressSalt, ...tx.constructorCalldata],
    remaining,
  );
}

/** The gas vector of the transaction so far: its layers' state changes (sender balance included). */
function gasOf(
  env: TxEnv,
  tx: AccountTransactionV3,
  txLayer: number,
  codeSize: number,
  validateInfo: CallInfo | undefined,
  executeInfo: CallInfo | undefined,
  revertedSierraGas: bigint,
  revertedSteps: number,
) {
  const calls: CallInfo[] = [];
  if (validateInfo !== undefined) calls.push(validateInfo);
  if (executeInfo !== undefined) calls.push(executeInfo);
  const { state, block } = env;
  return transactionGasVector(env.vc, {
    kind: tx.type,
    calldataLength: calldataLengthOf(tx),
    signatureLength: tx.signature.length,
    codeSize,
    stateChanges: mergedDiffCount(state, txLayer, block.feeTokenAddress, balanceKey(env.tx.senderAddress)),
    calls,
    revertedSierraGas,
    revertedSteps,
    useKzgDa: block.useKzgDa,
  });
}

/** Counts fee-relevant changes of the transaction's layers (from `from` up), merged. */
function mergedDiffCount(state: ExecutionState, from: number, feeToken: bigint, senderKey: bigint) {
  return state.countForFee(state.layerDiff(from), from, feeToken, senderKey);
}

/** The first resource whose actual amount exceeds its bound, as the blockifier words it. */
export function exceededBound(
  gas: { l1Gas: bigint; l1DataGas: bigint; l2Gas: bigint },
  rb: InvokeV3['resourceBounds'],
): string | undefined {
  const checks: [string, bigint, bigint][] = [
    ['L1Gas', gas.l1Gas, rb.l1Gas.maxAmount],
    ['L2Gas', gas.l2Gas, rb.l2Gas.maxAmount],
    ['L1DataGas', gas.l1DataGas, rb.l1DataGas?.maxAmount ?? 0n],
  ];
  for (const [name, used, max] of checks) {
    if (used > max) return `Insufficient max ${name}: max amount: ${max}, actual used: ${used}.`;
  }
  return undefined;
}
