// Per-transaction execution context: state, block, constants, transaction info and counters
// shared by every call of the transaction (the blockifier's EntryPointExecutionContext).
import type { CasmClass, ResourceBounds, VersionedConstants } from '@starling/protocol';
import type { ExecutionState } from '../state/execution-state.js';
import type { BlockContext, ExecutionMode, TrackedResource } from '../types.js';

/** The transaction fields that get_execution_info exposes. */
export interface TxInfo {
  /** Version as signed: + 2^128 for query transactions. */
  version: bigint;
  senderAddress: bigint;
  maxFee: bigint;
  signature: bigint[];
  transactionHash: bigint;
  nonce: bigint;
  resourceBounds?: ResourceBounds;
  tip: bigint;
  paymasterData: bigint[];
  nonceDaMode: bigint;
  feeDaMode: bigint;
  accountDeploymentData: bigint[];
  onlyQuery: boolean;
}

export class ExecutionContext {
  /** Current call depth (recursion guard). */
  depth = 0;
  nEmittedEvents = 0;
  nSentMessages = 0;
  readonly trackedStack: TrackedResource[] = [];
  /** Classes that ran, for the proving record. */
  readonly classesUsed = new Map<bigint, CasmClass>();
  /** Remaining gas seen at the last syscall: what a reverted execution is charged up to. */
  lastSeenGas: bigint | undefined;
  /** Cairo steps left to the transaction phase. */
  remainingSteps: number;
  /**
   * VM steps run in frames tracked in Cairo steps (nested calls included, failed ones too): what a
   * reverted execution is charged as n_reverted_steps. Sierra-gas frames consume no steps.
   */
  cairoStepsConsumed = 0;

  constructor(
    readonly state: ExecutionState,
    readonly block: BlockContext,
    readonly vc: VersionedConstants,
    public tx: TxInfo,
    public mode: ExecutionMode,
  ) {
    this.remainingSteps = mode === 'validate' ? vc.validateMaxNSteps : vc.invokeTxMaxNSteps;
  }
}

/** Tx info of a call outside any transaction (starknet_call) or of an L1 handler. */
export function emptyTxInfo(overrides: Partial<TxInfo> = {}): TxInfo {
  return {
    version: 0n,
    senderAddress: 0n,
    maxFee: 0n,
    signature: [],
    transactionHash: 0n,
    nonce: 0n,
    tip: 0n,
    paymasterData: [],
    nonceDaMode: 0n,
    feeDaMode: 0n,
    accountDeploymentData: [],
    onlyQuery: false,
    ...overrides,
  };
}
