// The gas vector of a transaction (blockifier's TransactionReceipt::from_params, all-resources
// mode): L2 gas for computation and archival data, L1 data gas for state diffs, L1 gas for messages.
import type { BuiltinName, ExecutionResources } from '@starling/cairo-vm';
import type { GasVector, Ratio, VersionedConstants } from '@starling/protocol';
import { addResources, emptyResources, fromVcResources, scaledResources } from '../gas/vm-resources.js';
import type { StateChangesCount } from '../state/execution-state.js';
import type { CallInfo } from '../types.js';

export type TxKind = 'INVOKE' | 'DECLARE' | 'DEPLOY_ACCOUNT' | 'L1_HANDLER';

const OS_TX_TYPE: Record<TxKind, string> = {
  INVOKE: 'InvokeFunction',
  DECLARE: 'Declare',
  DEPLOY_ACCOUNT: 'DeployAccount',
  L1_HANDLER: 'L1Handler',
};

// Ethereum gas constants (blockifier fee/eth_gas_constants.rs).
const GAS_PER_MEMORY_WORD = 512n;
const SHARP_GAS_PER_MEMORY_WORD = 612n;
const GAS_PER_ZERO_TO_NONZERO_STORAGE_SET = 20000n;
const GAS_PER_COUNTER_DECREASE = 5000n;
const GAS_PER_LOG = 375n;
const GAS_PER_LOG_TOPIC = 375n;
const GAS_PER_LOG_DATA_WORD = 256n;
const DATA_GAS_PER_FIELD_ELEMENT = 32n;
// blockifier abi constants: N_STEPS_PER_SEGMENT_ARENA_BUILTIN.
const N_STEPS_PER_SEGMENT_ARENA = 10;

export interface TxResourcesInput {
  kind: TxKind;
  calldataLength: number;
  signatureLength: number;
  codeSize: number;
  stateChanges: StateChangesCount;
  l1HandlerPayloadSize?: number;
  /** Validate and execute calls (not the fee transfer); reverted ones excluded. */
  calls: CallInfo[];
  revertedSierraGas: bigint;
  revertedSteps: number;
  useKzgDa: boolean;
}

const ceilRatio = (r: Ratio, n: bigint): bigint => {
  const num = BigInt(r.numerator) * n;
  const den = BigInt(r.denominator);
  return (num + den - 1n) / den;
};
const floorRatio = (r: Ratio, n: bigint): bigint => (BigInt(r.numerator) * n) / BigInt(r.denominator);

/** Walks a call tree. */
export function* callTree(c: CallInfo): Generator<CallInfo> {
  yield c;
  for (const i of c.innerCalls) yield* callTree(i);
}

/**
 * L1 gas of calldata data availability: 551 gas per DA word (SHARP memory word less 10%), minus
 * the discounts for the mostly-zero contract header words and the sender's balance word.
 */
export function calldataDaGas(s: StateChangesCount): bigint {
  const naive = BigInt(onchainDataSegmentLength(s)) * 551n;
  const discount = BigInt(s.nModifiedContracts) * (512n - 200n) + (512n - 272n);
  return naive > discount ? naive - discount : 0n;
}

/** Number of felts of the OS's data-availability segment for these state changes. */
export function onchainDataSegmentLength(s: StateChangesCount): number {
  return (
    2 * s.nModifiedContracts + s.nClassHashUpdates + 2 * s.nStorageUpdates + 2 * s.nCompiledClassHashUpdates
  );
}

function eventEmission(nTopics: number, dataLen: number): bigint {
  return GAS_PER_LOG + BigInt(nTopics + 1) * GAS_PER_LOG_TOPIC + BigInt(dataLen) * GAS_PER_LOG_DATA_WORD;
}

/** L1 gas of L2→L1 messages and of the consumed L1→L2 message (L1 handlers). */
export function messagesL1Gas(payloadLengths: number[], l1HandlerPayloadSize: number | undefined): bigint {
  let segment = payloadLengths.reduce((a, n) => a + 3 + n, 0);
  if (l1HandlerPayloadSize !== undefined) segment += 5 + l1HandlerPayloadSize;
  let gas =
    BigInt(segment) * GAS_PER_MEMORY_WORD +
    BigInt(payloadLengths.length) * GAS_PER_ZERO_TO_NONZERO_STORAGE_SET;
  if (l1HandlerPayloadSize !== undefined) {
    gas += GAS_PER_COUNTER_DECREASE + eventEmission(3, 5 + 1 - 3 + l1HandlerPayloadSize);
  }
  for (const n of payloadLengths) gas += eventEmission(2, 3 + 1 - 2 + n);
  return gas + BigInt(segment) * SHARP_GAS_PER_MEMORY_WORD;
}

/** L1 gas of VM resources (max over steps and builtins of usage·weight), converted to L2 gas. */
export function vmResourcesL2Gas(
  vc: VersionedConstants,
  r: ExecutionResources,
  revertedSteps: number,
): bigint {
  const fee = vc.vmResourceFeeCost;
  // The segment arena is no prover builtin: the OS turns each instance into ~10 steps.
  const arenaSteps = N_STEPS_PER_SEGMENT_ARENA * (r.builtin_instance_counter.segment_arena ?? 0);
  let l1 = ceilRatio(fee.nSteps, BigInt(r.n_steps + arenaSteps + r.n_memory_holes + revertedSteps));
  for (const [name, n] of Object.entries(r.builtin_instance_counter)) {
    const w = fee.builtins[`${name}_builtin`];
    if (w === undefined || n === undefined || n === 0) continue;
    const g = ceilRatio(w, BigInt(n));
    if (g > l1) l1 = g;
  }
  // One L2 gas is worth step_gas_cost⁻¹ · n_steps weight of L1 gas: multiply by the inverse, round up.
  const num = BigInt(fee.nSteps.denominator) * BigInt(vc.os.stepGasCost) * l1;
  const den = BigInt(fee.nSteps.numerator);
  return (num + den - 1n) / den;
}

// The OS overhead depends only on (type, calldata length, DA mode, DA segment length), which recur
// from one transaction to the next: computed once per key, copied out (callers add to it).
const OS_MEMO_LIMIT = 4096;
const osMemo = new WeakMap<VersionedConstants, Map<string, ExecutionResources>>();

/** The OS overhead of the transaction type (execute_txs_inner, plus KZG commitment work). */
export function osTxResources(vc: VersionedConstants, input: TxResourcesInput): ExecutionResources {
  const len = onchainDataSegmentLength(input.stateChanges);
  const key = `${input.kind}:${input.calldataLength}:${input.useKzgDa}:${len}`;
  let memo = osMemo.get(vc);
  if (memo === undefined) osMemo.set(vc, (memo = new Map()));
  let r = memo.get(key);
  if (r === undefined) {
    if (memo.size >= OS_MEMO_LIMIT) memo.clear();
    r = computeOsTxResources(vc, input.kind, input.calldataLength, input.useKzgDa, len);
    memo.set(key, r);
  }
  const out = emptyResources();
  addResources(out, r);
  return out;
}

function computeOsTxResources(
  vc: VersionedConstants,
  kind: TxKind,
  calldataLength: number,
  useKzgDa: boolean,
  len: number,
): ExecutionResources {
  const out = emptyResources();
  const p = vc.osResources.executeTxsInner[OS_TX_TYPE[kind]];
  if (p !== undefined) {
    addResources(out, fromVcResources(p.constant));
    addResources(out, scaledResources(p, calldataLength));
  }
  const kzg = vc.osResources.computeOsKzgCommitmentInfo;
  if (useKzgDa && kzg.nSteps > 0) {
    addResources(out, fromVcResources(kzg, len));
    const pos = emptyResources();
    pos.n_steps = Math.floor(len / 10) * 55 + Math.floor((len % 10) / 2) * 18 + (len % 2) * 3 + 21;
    pos.builtin_instance_counter.poseidon = Math.floor(len / 2) + 1;
    addResources(out, pos);
  }
  return out;
}

/** Computes the transaction's gas vector. */
export function transactionGasVector(vc: VersionedConstants, input: TxResourcesInput): GasVector {
  const arch = vc.archivalDataGasCosts;
  let sierraGas = input.revertedSierraGas;
  const vm = osTxResources(vc, input);
  const payloads: number[] = [];
  let eventKeys = 0n;
  let eventData = 0n;
  for (const top of input.calls) {
    sierraGas += top.gasConsumed;
    addResources(vm, top.resources);
    for (const c of callTree(top)) {
      for (const m of c.messages) payloads.push(m.payload.length);
      for (const e of c.events) {
        eventKeys += BigInt(e.keys.length);
        eventData += BigInt(e.data.length);
      }
    }
  }
  const nonZero: Partial<Record<BuiltinName, number>> = {};
  for (const [k, v] of Object.entries(vm.builtin_instance_counter)) if (v) nonZero[k as BuiltinName] = v;
  vm.builtin_instance_counter = nonZero;

  let l2 = sierraGas + vmResourcesL2Gas(vc, vm, input.revertedSteps);
  l2 += floorRatio(arch.gasPerDataFelt, BigInt(input.calldataLength + input.signatureLength));
  l2 += floorRatio(arch.gasPerCodeByte, BigInt(input.codeSize));
  l2 += floorRatio(arch.gasPerDataFelt, floorRatio(arch.eventKeyFactor, eventKeys) + eventData);

  const segment = BigInt(onchainDataSegmentLength(input.stateChanges));
  const alloc = input.useKzgDa ? vc.allocationCost.blobCost : vc.allocationCost.gasCost;
  const nAlloc = BigInt(input.stateChanges.nAllocatedKeys);
  let l1Data = BigInt(alloc.l1DataGas) * nAlloc;
  let l1 = BigInt(alloc.l1Gas) * nAlloc;
  l2 += BigInt(alloc.l2Gas) * nAlloc;
  if (input.useKzgDa) l1Data += segment * DATA_GAS_PER_FIELD_ELEMENT;
  else l1 += calldataDaGas(input.stateChanges);
  l1 += messagesL1Gas(payloads, input.l1HandlerPayloadSize);
  return { l1Gas: l1, l1DataGas: l1Data, l2Gas: l2 };
}
