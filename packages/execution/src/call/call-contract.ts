// A read-only call outside any transaction (starknet_call): runs on a checkpoint that is dropped.
import { ExecutionError, executionError } from '../errors.js';
import { constantsFor } from '../gas/constants-for.js';
import type { ExecutionState } from '../state/execution-state.js';
import { formatRetdata } from '../tx/revert-reason.js';
import type { BlockContext, CallInfo } from '../types.js';
import { ExecutionContext, emptyTxInfo } from './context.js';
import { executeCall } from './execute-call.js';

/** Calls an external entry point and returns its result; state changes are discarded. */
export function callContract(
  state: ExecutionState,
  block: BlockContext,
  request: { contractAddress: bigint; selector: bigint; calldata: bigint[] },
): CallInfo {
  const vc = constantsFor(block.starknetVersion);
  const gas = BigInt(vc.os.executeMaxSierraGas);
  const ctx = new ExecutionContext(state, block, vc, emptyTxInfo(), 'execute');
  const depth = state.depth;
  state.checkpoint();
  try {
    const info = executeCall(
      ctx,
      {
        entryPointType: 'EXTERNAL',
        selector: request.selector,
        calldata: request.calldata,
        storageAddress: request.contractAddress,
        callerAddress: 0n,
        callType: 'CALL',
        initialGas: gas,
      },
      { value: gas },
    );
    if (info.failed)
      throw executionError('CONTRACT_ERROR', `Execution failed: ${formatRetdata(info.retdata)}`);
    return info;
  } catch (e) {
    if (e instanceof ExecutionError) throw e;
    throw executionError('CONTRACT_ERROR', e instanceof Error ? e.message : String(e));
  } finally {
    while (state.depth > depth) state.rollback();
  }
}
