// Runs one entry point call on the Cairo VM with its own syscall handler (nested calls recurse
// through the handler), with the blockifier's pre- and post-processing.
import { runEntryPoint, VmError } from '@starling/cairo-vm';
import { loadRunnableClass } from '../classes/runnable-class.js';
import { executionError } from '../errors.js';
import { addResources, emptyResources, syscallOsResources } from '../gas/vm-resources.js';
import { ENTRYPOINT_NOT_FOUND, OUT_OF_GAS } from '../syscalls/revert.js';
import { CallSyscallHandler } from '../syscalls/syscall-handler.js';
import type { CallEntryPoint, CallInfo, TrackedResource } from '../types.js';
import type { ExecutionContext } from './context.js';

const hex = (v: bigint): string => `0x${v.toString(16)}`;

function failedCall(call: CallInfo['call'], tracked: TrackedResource, reason: bigint): CallInfo {
  return {
    call,
    retdata: [reason],
    failed: true,
    gasConsumed: 0n,
    events: [],
    messages: [],
    innerCalls: [],
    trackedResource: tracked,
    resources: emptyResources(),
    syscalls: [],
    storageReads: [],
  };
}

/** Drops events and messages of a failed call and of its non-failed descendants. */
function clearEffects(info: CallInfo): void {
  const stack = [info];
  while (stack.length > 0) {
    const c = stack.pop() as CallInfo;
    c.events = [];
    c.messages = [];
    stack.push(...c.innerCalls.filter((i) => !i.failed));
  }
}

/**
 * Executes a call; `remainingGas.value` is decreased by the gas it consumed. Failures inside Cairo
 * (panics, ENTRYPOINT_NOT_FOUND, out of gas at entry) come back as a failed CallInfo with the
 * call's state changes rolled back; VM errors and forbidden operations throw.
 */
export function executeCall(
  ctx: ExecutionContext,
  call: CallEntryPoint,
  remainingGas: { value: bigint },
): CallInfo {
  const vc = ctx.vc;
  if (ctx.depth + 1 > vc.maxRecursionDepth) {
    throw executionError('MAX_CALL_DEPTH_EXCEEDED', 'Maximum call depth exceeded');
  }
  const storageClassHash = ctx.state.getClassHashAt(call.storageAddress);
  if (storageClassHash === 0n) {
    throw executionError(
      'CONTRACT_NOT_FOUND',
      `Requested contract address ${hex(call.storageAddress)} is not deployed.`,
      {
        address: hex(call.storageAddress),
      },
    );
  }
  const classHash = call.classHash ?? storageClassHash;
  const cls = loadRunnableClass(ctx.state, classHash, vc.minSierraVersionForSierraGas);
  ctx.classesUsed.set(classHash, cls.casm);
  const parent = ctx.trackedStack[ctx.trackedStack.length - 1];
  const tracked: TrackedResource = parent === 'CairoSteps' ? 'CairoSteps' : cls.trackedResource;
  const initialGas = tracked === 'CairoSteps' ? BigInt(vc.os.defaultInitialGasCost) : call.initialGas;
  const full = { ...call, classHash, initialGas };

  const ep = entryPointOf(cls.compiled.entryPoints[call.entryPointType], call.selector);
  if (ep === undefined) return failedCall(full, tracked, ENTRYPOINT_NOT_FOUND);
  if (initialGas < BigInt(vc.os.entryPointInitialBudget)) return failedCall(full, tracked, OUT_OF_GAS);

  const handler = new CallSyscallHandler(ctx, full);
  const events0 = ctx.nEmittedEvents;
  const messages0 = ctx.nSentMessages;
  ctx.state.checkpoint();
  ctx.depth++;
  ctx.trackedStack.push(tracked);
  let result: ReturnType<typeof runEntryPoint>;
  let abortedSteps = 0;
  try {
    result = runEntryPoint(cls.compiled.program, ep, call.calldata, {
      syscallHandler: handler,
      initialGas,
      // Sierra-gas frames draw nothing from the step budget: gas bounds them (the blockifier still
      // stops them once the budget is exhausted).
      maxSteps: tracked === 'CairoSteps' || ctx.remainingSteps === 0 ? ctx.remainingSteps : stepCeiling(ctx),
      builtinGasCosts: builtinCosts(ctx),
      segmentArenaCells: vc.flags.segmentArenaCells,
      onAbort: (steps) => {
        abortedSteps = steps;
      },
    });
  } catch (e) {
    ctx.state.rollback();
    // The blockifier's step counter runs down during the run, so an aborted frame's steps stay spent.
    if (tracked === 'CairoSteps') consumeSteps(ctx, abortedSteps);
    throw wrapVmError(e, full);
  } finally {
    ctx.depth--;
    ctx.trackedStack.pop();
  }
  // Only Cairo-steps frames draw on the step budget (blockifier's consume_step is gated likewise).
  if (tracked === 'CairoSteps') consumeSteps(ctx, result.resources.n_steps);

  const resources = emptyResources();
  if (tracked === 'CairoSteps') {
    addResources(resources, result.resources);
    addResources(resources, syscallOsResources(vc, handler.usage));
  }
  for (const inner of handler.innerCalls) addResources(resources, inner.resources);
  const gasConsumed = tracked === 'CairoSteps' ? 0n : result.gasConsumed;
  remainingGas.value -= gasConsumed;
  const info: CallInfo = {
    call: full,
    retdata: result.retdata,
    failed: result.failed,
    gasConsumed,
    events: handler.events,
    messages: handler.messages,
    innerCalls: handler.innerCalls,
    trackedResource: tracked,
    resources,
    syscalls: handler.records,
    storageReads: handler.storageReads,
  };
  if (result.failed) {
    ctx.state.rollback();
    ctx.nEmittedEvents = events0;
    ctx.nSentMessages = messages0;
    clearEffects(info);
  } else {
    ctx.state.commit();
  }
  return info;
}

type EntryPointList = ReturnType<typeof loadRunnableClass>['compiled']['entryPoints']['EXTERNAL'];
const selectorIndex = new WeakMap<EntryPointList, Map<bigint, EntryPointList[number]>>();

/** The entry point with this selector (indexed once per class and kind). */
function entryPointOf(list: EntryPointList, selector: bigint): EntryPointList[number] | undefined {
  let index = selectorIndex.get(list);
  if (index === undefined) {
    index = new Map(list.map((e) => [e.selector, e]));
    selectorIndex.set(list, index);
  }
  return index.get(selector);
}

/** Draws a Cairo-steps frame's VM steps from the transaction's step budget. */
function consumeSteps(ctx: ExecutionContext, steps: number): void {
  ctx.remainingSteps -= steps;
  ctx.cairoStepsConsumed += steps;
}

/** The mode's block-wide step limit. */
function stepCeiling(ctx: ExecutionContext): number {
  return ctx.mode === 'validate' ? ctx.vc.validateMaxNSteps : ctx.vc.invokeTxMaxNSteps;
}

const builtinCostsCache = new WeakMap<object, bigint[]>();

/** The builtin-cost array compiled code reads past its bytecode (one per versioned constants). */
function builtinCosts(ctx: ExecutionContext): bigint[] {
  let costs = builtinCostsCache.get(ctx.vc);
  if (costs === undefined) {
    const g = ctx.vc.os.builtinGasCosts;
    costs = ['pedersen', 'bitwise', 'ecop', 'poseidon', 'add_mod', 'mul_mod', 'blake'].map((k) =>
      BigInt(g[k] ?? 0),
    );
    builtinCostsCache.set(ctx.vc, costs);
  }
  return costs;
}

/** Keeps typed errors; annotates VM failures with the call that raised them. */
function wrapVmError(e: unknown, call: CallInfo['call']): unknown {
  if (e instanceof VmError) {
    return executionError(
      'CONTRACT_ERROR',
      `Error in contract (contract address: ${hex(call.storageAddress)}, class hash: ${hex(call.classHash)}, selector: ${hex(call.selector)}):\n${e.message}`,
      { vmCode: e.code, pc: e.pc },
    );
  }
  return e;
}
