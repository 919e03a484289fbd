// The execution phase: __execute__ of an INVOKE (reverts keep the transaction) or the constructor
// of a DEPLOY_ACCOUNT (failures reject it).
import type { DeployAccountV3, InvokeV3 } from '@starling/protocol';
import { ExecutionContext } from '../call/context.js';
import { ExecutionError, executionError } from '../errors.js';
import { scaledResources } from '../gas/vm-resources.js';
import { CallSyscallHandler } from '../syscalls/syscall-handler.js';
import { deployContract } from '../syscalls/syscall-table.js';
import type { CallInfo } from '../types.js';
import { runPhase, type TxEnv } from './phases.js';
import { failedCallReason } from './revert-reason.js';

export interface ExecuteOutcome {
  info?: CallInfo;
  revertReason?: string;
  revertedGas: bigint;
  /**
   * Steps __execute__ ran in Cairo-steps frames (blockifier: allotted − remaining steps), charged
   * as n_reverted_steps when execution reverts, after a failure or a failed post-execution check.
   */
  cairoSteps: number;
}

/** The phase's gas: what is left of the transaction's L2 gas, capped by the phase limit. */
function limitGas(remaining: { value: bigint }, max: bigint): bigint {
  return remaining.value < max ? remaining.value : max;
}

/** Runs __execute__ (INVOKE) or the account constructor (DEPLOY_ACCOUNT). */
export function runExecute(
  env: TxEnv,
  tx: InvokeV3 | DeployAccountV3,
  sender: bigint,
  remaining: { value: bigint },
  validateSteps = 0,
  chargeFee = true,
): ExecuteOutcome {
  if (tx.type === 'DEPLOY_ACCOUNT') {
    // The blockifier runs the account constructor in validation mode, under the validation gas
    // limit (validate-mode syscall rules apply); a failure rejects the transaction.
    const gas = limitGas(remaining, BigInt(env.vc.os.validateMaxSierraGas));
    const ctx = new ExecutionContext(env.state, env.block, env.vc, env.tx, 'validate');
    const h = new CallSyscallHandler(ctx, {
      classHash: tx.classHash,
      entryPointType: 'CONSTRUCTOR',
      selector: env.vc.os.constructorEntryPointSelector,
      calldata: tx.constructorCalldata,
      storageAddress: sender,
      callerAddress: 0n,
      callType: 'CALL',
      initialGas: gas,
    });
    const io = { gas } as Parameters<typeof deployContract>[1];
    try {
      deployContract(h, io, tx.classHash, sender, tx.constructorCalldata, 0n);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const inner = h.innerCalls[0];
      throw executionError(
        'VALIDATION_FAILURE',
        inner?.failed === true ? failedCallReason('Contract constructor execution has failed', inner) : msg,
      );
    } finally {
      for (const [k, c] of ctx.classesUsed) env.classesUsed.set(k, c);
    }
    remaining.value -= gas - io.gas;
    const info = h.innerCalls[0] as CallInfo;
    return { info, revertedGas: 0n, cairoSteps: 0 };
  }
  const gas = limitGas(remaining, BigInt(env.vc.os.executeMaxSierraGas));
  const budget = { value: gas };
  const ctx = new ExecutionContext(env.state, env.block, env.vc, env.tx, 'execute');
  const allotted = executeStepBudget(env, tx, validateSteps, chargeFee);
  ctx.remainingSteps = allotted;
  try {
    const r = runPhase(
      env,
      'execute',
      {
        entryPointType: 'EXTERNAL',
        selector: env.vc.os.executeEntryPointSelector,
        calldata: tx.calldata,
        storageAddress: sender,
        callerAddress: 0n,
        callType: 'CALL',
        initialGas: gas,
      },
      budget,
      ctx,
    );
    remaining.value -= gas - budget.value;
    if (r.info.failed) {
      return {
        info: r.info,
        revertReason: failedCallReason('Transaction execution has failed', r.info),
        revertedGas: r.info.gasConsumed,
        cairoSteps: ctx.cairoStepsConsumed,
      };
    }
    return { info: r.info, revertedGas: 0n, cairoSteps: ctx.cairoStepsConsumed };
  } catch (e) {
    if (!(e instanceof ExecutionError) && !(e instanceof Error)) throw e;
    // A VM-level failure (not a Cairo panic): charge the gas seen at the last syscall.
    // Out of steps: the whole allotment was consumed. Otherwise every Cairo-steps frame, finished or
    // aborted, has drawn its steps (executeCall).
    if (e instanceof ExecutionError && e.details?.vmCode === 'OUT_OF_STEPS')
      ctx.cairoStepsConsumed = allotted;
    const last = ctx.lastSeenGas;
    const used = last === undefined ? 0n : gas - last;
    remaining.value -= used;
    return {
      revertReason: `Transaction execution has failed:\n${e.message}`,
      revertedGas: used,
      cairoSteps: ctx.cairoStepsConsumed,
    };
  }
}

/**
 * Cairo steps allotted to __execute__ (blockifier's max_steps less validation and overhead): the
 * block limit, or the L2 gas bound over step_gas_cost when the fee is charged, less the validate
 * call's steps and the OS steps of the transaction type (constant + calldata factor).
 */
export function executeStepBudget(
  env: TxEnv,
  tx: InvokeV3,
  validateSteps: number,
  chargeFee: boolean,
): number {
  const vc = env.vc;
  let max = vc.invokeTxMaxNSteps;
  if (chargeFee && vc.os.stepGasCost > 0) {
    const byGas = tx.resourceBounds.l2Gas.maxAmount / BigInt(vc.os.stepGasCost);
    if (byGas < BigInt(max)) max = Number(byGas);
  }
  const p = vc.osResources.executeTxsInner.InvokeFunction;
  const overhead = p === undefined ? 0 : p.constant.nSteps + scaledResources(p, tx.calldata.length).n_steps;
  return Math.max(0, max - validateSteps - overhead);
}
