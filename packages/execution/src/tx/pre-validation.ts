// Checks before validation: the nonce and the resource bounds against the block's prices.
import type { GasVector, ResourceBounds, VersionedConstants } from '@starling/protocol';
import { executionError } from '../errors.js';
import {
  calldataDaGas,
  onchainDataSegmentLength,
  osTxResources,
  type TxKind,
  vmResourcesL2Gas,
} from '../fee/gas-vector.js';
import { emptyResources } from '../gas/vm-resources.js';
import type { ExecutionState } from '../state/execution-state.js';
import type { BlockContext } from '../types.js';

/** Nonce rules: DEPLOY_ACCOUNT must use 0; others the account nonce (or later when not strict). */
export function checkNonce(
  state: ExecutionState,
  tx: { type: string; nonce: bigint },
  sender: bigint,
  strict: boolean,
): void {
  const current = state.getNonceAt(sender);
  const ok =
    tx.type === 'DEPLOY_ACCOUNT'
      ? tx.nonce === 0n && current === 0n
      : strict
        ? tx.nonce === current
        : tx.nonce >= current;
  if (!ok) {
    throw executionError(
      'INVALID_TRANSACTION_NONCE',
      `Invalid transaction nonce of contract at address 0x${sender.toString(16)}. Account nonce: ${current}; got: ${tx.nonce}.`,
      { accountNonce: current.toString(), nonce: tx.nonce.toString() },
    );
  }
}

/**
 * The blockifier's lower bound on a transaction's gas: the OS steps of its type and the data
 * availability of the sender's nonce and balance (plus the class of a deployed account).
 */
export function minimalGasVector(
  vc: VersionedConstants,
  kind: TxKind,
  calldataLength: number,
  useKzgDa: boolean,
): Readonly<GasVector> {
  // Pure in its inputs, and the same few (type, calldata length) pairs recur.
  let memo = minimalMemo.get(vc);
  if (memo === undefined) minimalMemo.set(vc, (memo = new Map()));
  const key = `${kind}:${calldataLength}:${useKzgDa}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  if (memo.size >= MINIMAL_MEMO_LIMIT) memo.clear();
  const g = computeMinimalGasVector(vc, kind, calldataLength, useKzgDa);
  memo.set(key, g);
  return g;
}

const MINIMAL_MEMO_LIMIT = 1024;
const minimalMemo = new WeakMap<VersionedConstants, Map<string, GasVector>>();

function computeMinimalGasVector(
  vc: VersionedConstants,
  kind: TxKind,
  calldataLength: number,
  useKzgDa: boolean,
): GasVector {
  const stateChanges = {
    nStorageUpdates: 1,
    nClassHashUpdates: kind === 'DEPLOY_ACCOUNT' ? 1 : 0,
    nCompiledClassHashUpdates: 0,
    nModifiedContracts: 1,
    nAllocatedKeys: 0,
  };
  const os = osTxResources(vc, {
    kind,
    calldataLength,
    signatureLength: 0,
    codeSize: 0,
    stateChanges,
    calls: [],
    revertedSierraGas: 0n,
    revertedSteps: 0,
    useKzgDa,
  });
  const steps = { ...emptyResources(), n_steps: os.n_steps };
  const segment = BigInt(onchainDataSegmentLength(stateChanges));
  return {
    l1Gas: useKzgDa ? 0n : calldataDaGas(stateChanges),
    l1DataGas: useKzgDa ? segment * 32n : 0n,
    l2Gas: vmResourcesL2Gas(vc, steps, 0),
  };
}

/** Each bound must reach the minimal gas amount and the block's price (fri). */
export function checkBounds(block: BlockContext, rb: ResourceBounds, minimal: Readonly<GasVector>): void {
  const p = block.gasPrices;
  const amounts: [string, bigint, bigint][] = [
    ['L1Gas', rb.l1Gas.maxAmount, minimal.l1Gas],
    ['L1DataGas', rb.l1DataGas?.maxAmount ?? 0n, minimal.l1DataGas],
    ['L2Gas', rb.l2Gas.maxAmount, minimal.l2Gas],
  ];
  for (const [name, max, min] of amounts) {
    if (max < min) {
      throw executionError(
        'INSUFFICIENT_RESOURCES_FOR_VALIDATE',
        `Max ${name} amount (${max}) is lower than the minimal gas amount: ${min}.`,
      );
    }
  }
  const checks: [string, bigint, bigint][] = [
    ['L1Gas', rb.l1Gas.maxPricePerUnit, p.l1Gas.priceInFri],
    ['L2Gas', rb.l2Gas.maxPricePerUnit, p.l2Gas.priceInFri],
    ['L1DataGas', rb.l1DataGas?.maxPricePerUnit ?? 0n, p.l1DataGas.priceInFri],
  ];
  for (const [name, max, actual] of checks) {
    if (max < actual) {
      throw executionError(
        'INSUFFICIENT_RESOURCES_FOR_VALIDATE',
        `Max ${name} price (${max}) is lower than the actual gas price: ${actual}.`,
      );
    }
  }
}
