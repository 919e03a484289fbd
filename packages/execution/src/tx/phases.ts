// The phases of an account transaction: validation, __execute__ and the fee transfer.
import { encodeShortString } from '@starling/felt';
import type { VersionedConstants } from '@starling/protocol';
import { ExecutionContext, type TxInfo } from '../call/context.js';
import { executeCall } from '../call/execute-call.js';
import { ExecutionError, executionError } from '../errors.js';
import type { ExecutionState } from '../state/execution-state.js';
import type { BlockContext, CallEntryPoint, CallInfo, ExecutionMode } from '../types.js';
import { failedCallReason, formatRetdata } from './revert-reason.js';

export const VALID = encodeShortString('VALID');

/** Shared inputs of every phase of one transaction. */
export interface TxEnv {
  state: ExecutionState;
  block: BlockContext;
  vc: VersionedConstants;
  tx: TxInfo;
  classesUsed: Map<bigint, import('@starling/protocol').CasmClass>;
}

/** Runs one top-level call in a fresh context of the given mode. */
export function runPhase(
  env: TxEnv,
  mode: ExecutionMode,
  call: CallEntryPoint,
  remaining: { value: bigint },
  ctx: ExecutionContext = new ExecutionContext(env.state, env.block, env.vc, env.tx, mode),
): { info: CallInfo; ctx: ExecutionContext } {
  const info = executeCall(ctx, call, remaining);
  for (const [h, c] of ctx.classesUsed) env.classesUsed.set(h, c);
  return { info, ctx };
}

/** Runs a validation entry point; any failure rejects the transaction (VALIDATION_FAILURE). */
export function runValidate(
  env: TxEnv,
  sender: bigint,
  selector: bigint,
  calldata: bigint[],
  remaining: { value: bigint },
): CallInfo {
  const limit = BigInt(env.vc.os.validateMaxSierraGas);
  const gas = remaining.value < limit ? remaining.value : limit;
  const budget = { value: gas };
  let info: CallInfo;
  try {
    info = runPhase(
      env,
      'validate',
      {
        entryPointType: 'EXTERNAL',
        selector,
        calldata,
        storageAddress: sender,
        callerAddress: 0n,
        callType: 'CALL',
        initialGas: gas,
      },
      budget,
    ).info;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw executionError('VALIDATION_FAILURE', msg, {
      cause: e instanceof ExecutionError ? e.code : undefined,
    });
  }
  remaining.value -= gas - budget.value;
  if (info.failed)
    throw executionError('VALIDATION_FAILURE', failedCallReason('The `validate` entry point panicked', info));
  const isSierra = env.state.getClass(info.call.classHash)?.kind === 'SIERRA';
  if (isSierra && (info.retdata.length !== 1 || info.retdata[0] !== VALID)) {
    throw executionError(
      'VALIDATION_FAILURE',
      `Invalid validate return data: ${formatRetdata(info.retdata)}.`,
    );
  }
  return info;
}

/** Calls transfer(sequencer, fee) on the fee token as the account. */
export function runFeeTransfer(env: TxEnv, sender: bigint, fee: bigint): CallInfo {
  const low = fee & ((1n << 128n) - 1n);
  const high = fee >> 128n;
  const gas = BigInt(env.vc.os.defaultInitialGasCost);
  const { info } = runPhase(
    env,
    'execute',
    {
      entryPointType: 'EXTERNAL',
      selector: env.vc.os.transferEntryPointSelector,
      calldata: [env.block.sequencerAddress, low, high],
      storageAddress: env.block.feeTokenAddress,
      callerAddress: sender,
      callType: 'CALL',
      initialGas: gas,
    },
    { value: gas },
  );
  if (info.failed) {
    throw executionError('FEE_TRANSFER_FAILED', failedCallReason('Fee transfer failed', info));
  }
  return info;
}
