// Typed view of the blockifier versioned constants: the fields execution, fees and the gateway need.

/** A rational number, as the constants files write them: [numerator, denominator]. */
export interface Ratio {
  numerator: number;
  denominator: number;
}

/** Cairo VM resources: steps, memory holes and builtin instances (keyed `range_check_builtin`, …). */
export interface VmResources {
  nSteps: number;
  nMemoryHoles: number;
  builtins: Record<string, number>;
}

/**
 * OS resources of a syscall or transaction type: a constant part plus `calldataFactor` for every
 * `calldataScalingFactor` felts of calldata (the scaling factor is 1 unless the file says otherwise;
 * blockifier's VariableResourceParams defines the rounding).
 */
export interface ResourcesParams {
  constant: VmResources;
  calldataFactor: VmResources;
  calldataScalingFactor: number;
}

/** Gas amounts per resource. */
export interface GasAmounts {
  l1Gas: number;
  l1DataGas: number;
  l2Gas: number;
}

/** L2-gas costs of archival data (calldata, events, code, proofs). */
export interface ArchivalDataGasCosts {
  gasPerDataFelt: Ratio;
  eventKeyFactor: Ratio;
  gasPerCodeByte: Ratio;
  gasPerProof: Ratio;
}

/** Sierra-gas constants of the OS (`os_constants`), formulas resolved to numbers. */
export interface OsConstants {
  builtinGasCosts: Record<string, number>;
  stepGasCost: number;
  memoryHoleGasCost: number;
  syscallBaseGasCost: number;
  entryPointInitialBudget: number;
  defaultInitialGasCost: number;
  executeMaxSierraGas: number;
  validateMaxSierraGas: number;
  /** Syscall gas costs written as formulas (0.13.2–0.13.3 files only; later versions derive them from osResources). */
  syscallGasCosts?: Record<string, number>;
  l1HandlerMaxAmountBounds?: GasAmounts;
  storedBlockHashBuffer: number;
  sierraArrayLenBound: number;
  l1HandlerVersion: number;
  validateBlockNumberRounding: number;
  validateTimestampRounding: number;
  constructorEntryPointSelector: bigint;
  executeEntryPointSelector: bigint;
  transferEntryPointSelector: bigint;
  validateEntryPointSelector: bigint;
  validateDeclareEntryPointSelector: bigint;
  validateDeployEntryPointSelector: bigint;
  defaultEntryPointSelector: bigint;
  blockHashContractAddress: bigint;
  aliasContractAddress: bigint;
  reservedContractAddress: bigint;
}

/** Versioned constants of one Starknet version. `raw` keeps the whole file for fields not typed here. */
export interface VersionedConstants {
  version: string;
  raw: Readonly<Record<string, unknown>>;
  txEventLimits: { maxDataLength: number; maxKeysLength: number; maxNEmittedEvents: number };
  gateway: { maxCalldataLength: number; maxContractBytecodeSize: number };
  invokeTxMaxNSteps: number;
  validateMaxNSteps: number;
  maxRecursionDepth: number;
  archivalDataGasCosts: ArchivalDataGasCosts;
  deprecatedL2ResourceGasCosts: ArchivalDataGasCosts;
  allocationCost: { blobCost: GasAmounts; gasCost: GasAmounts };
  vmResourceFeeCost: { nSteps: Ratio; builtins: Record<string, Ratio> };
  minSierraVersionForSierraGas: string;
  flags: {
    enableReverts: boolean;
    enableTip: boolean;
    enableCasmHashMigration: boolean;
    blockCasmHashV1Declares: boolean;
    enableStatefulCompression: boolean;
    comprehensiveStateDiff: boolean;
    disableCairo0Redeclaration: boolean;
    blockDirectExecuteCall: boolean;
    ignoreInnerEventResources: boolean;
    disableDeployInValidationMode: boolean;
    segmentArenaCells: boolean;
    stripVmFramesInSierraGas: boolean;
  };
  os: OsConstants;
  osResources: {
    executeSyscalls: Record<string, ResourcesParams>;
    executeTxsInner: Record<string, ResourcesParams>;
    computeOsKzgCommitmentInfo: VmResources;
  };
}
