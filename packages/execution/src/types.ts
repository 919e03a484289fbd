// Domain types of execution: block context, calls and their results, transaction results.
import type { ExecutionResources } from '@starling/cairo-vm';
import type { CasmClass, GasPrice, GasVector, StateDiff } from '@starling/protocol';

/** Everything about the block that execution reads (the `BlockContext` of the blockifier). */
export interface BlockContext {
  blockNumber: bigint;
  timestamp: bigint;
  sequencerAddress: bigint;
  chainId: bigint;
  /** e.g. '0.14.1': selects the versioned constants. */
  starknetVersion: string;
  feeTokenAddress: bigint;
  /** Blob data availability (L1 data gas) rather than calldata (L1 gas). */
  useKzgDa: boolean;
  gasPrices: { l1Gas: GasPrice; l1DataGas: GasPrice; l2Gas: GasPrice };
}

export type EntryPointKind = 'EXTERNAL' | 'L1_HANDLER' | 'CONSTRUCTOR';
export type CallType = 'CALL' | 'LIBRARY_CALL' | 'DELEGATE';
/** What the calls run for: validation is restricted (no deploys, no calls to other contracts). */
export type ExecutionMode = 'validate' | 'execute';
/** How a call's computation is charged: Sierra gas (Sierra ≥ 1.7.0) or Cairo steps. */
export type TrackedResource = 'SierraGas' | 'CairoSteps';

/** A call to an entry point, as requested (the class hash is resolved before running). */
export interface CallEntryPoint {
  /** Set for library calls; otherwise the class deployed at `storageAddress`. */
  classHash?: bigint;
  codeAddress?: bigint;
  entryPointType: EntryPointKind;
  selector: bigint;
  calldata: bigint[];
  storageAddress: bigint;
  callerAddress: bigint;
  callType: CallType;
  initialGas: bigint;
}

export interface OrderedEvent {
  order: number;
  keys: bigint[];
  data: bigint[];
}

export interface OrderedMessage {
  order: number;
  toAddress: bigint;
  payload: bigint[];
}

/** One syscall as the proving program will replay it: raw request and response cells. */
export interface SyscallRecord {
  selector: string;
  request: bigint[];
  response: bigint[];
  gasBefore: bigint;
  gasAfter: bigint;
}

/** The result of one call, with its inner calls (the blockifier's CallInfo). */
export interface CallInfo {
  call: CallEntryPoint & { classHash: bigint };
  retdata: bigint[];
  failed: boolean;
  gasConsumed: bigint;
  events: OrderedEvent[];
  messages: OrderedMessage[];
  innerCalls: CallInfo[];
  trackedResource: TrackedResource;
  /** VM resources charged to this call tree (CairoSteps calls only, plus their syscalls' OS cost). */
  resources: ExecutionResources;
  /** Every syscall in order (the re-execution record). */
  syscalls: SyscallRecord[];
  storageReads: { key: bigint; value: bigint }[];
}

/** Flags of simulation and estimation. */
export interface ExecutionFlags {
  skipValidate?: boolean;
  /** Skip the fee checks and the fee transfer. */
  skipFeeCharge?: boolean;
  /** Hash with the query version (version + 2^128). */
  query?: boolean;
  /** The transaction's hash when the caller has computed it already (ignored for queries). */
  transactionHash?: bigint;
}

/** The outcome of an executed transaction (reverted ones included). */
export interface TransactionExecutionInfo {
  transactionHash: bigint;
  type: 'INVOKE' | 'DECLARE' | 'DEPLOY_ACCOUNT' | 'L1_HANDLER';
  validateCallInfo?: CallInfo;
  executeCallInfo?: CallInfo;
  feeTransferCallInfo?: CallInfo;
  revertReason?: string;
  actualFee: bigint;
  gas: GasVector;
  /** Data-availability part of the gas (for the block's L1 data gas). */
  daGas: GasVector;
  /** The net state changes of the transaction (fee transfer included). */
  stateDiff: StateDiff;
  /** Address of the deployed account (DEPLOY_ACCOUNT). */
  contractAddress?: bigint;
  /** Hash of the consumed L1→L2 message, as the core contract keys it (L1_HANDLER). */
  messageHash?: bigint;
  /** What re-execution inside a proof needs. */
  record: ExecutionRecord;
}

/** Per-transaction record for the block prover: calls with syscalls, revert flag, fee, classes. */
export interface ExecutionRecord {
  reverted: boolean;
  actualFee: bigint;
  /** Class hash → CASM of every class that ran. */
  compiledClasses: Map<bigint, CasmClass>;
}
