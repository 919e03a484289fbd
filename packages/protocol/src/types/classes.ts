// Domain types for Sierra (contract) classes and CASM (compiled) classes.

export interface SierraEntryPoint {
  selector: bigint;
  functionIdx: number;
}

export interface SierraEntryPoints {
  EXTERNAL: SierraEntryPoint[];
  L1_HANDLER: SierraEntryPoint[];
  CONSTRUCTOR: SierraEntryPoint[];
}

/** A Cairo 1+ contract class as declared (the Sierra form). */
export interface SierraClass {
  sierraProgram: bigint[];
  contractClassVersion: string;
  entryPointsByType: SierraEntryPoints;
  /** The ABI exactly as the string that is hashed (see `abiString`). */
  abi: string;
}

export interface CasmEntryPoint {
  selector: bigint;
  offset: number;
  builtins: string[];
}

export interface CasmEntryPoints {
  EXTERNAL: CasmEntryPoint[];
  L1_HANDLER: CasmEntryPoint[];
  CONSTRUCTOR: CasmEntryPoint[];
}

/** bytecode_segment_lengths: a segment length, or a list of nested segments. */
export type NestedIntList = number | NestedIntList[];

/** A compiled (CASM) contract class. Hints are kept opaque: hashing ignores them. */
export interface CasmClass {
  prime: bigint;
  compilerVersion: string;
  bytecode: bigint[];
  bytecodeSegmentLengths?: NestedIntList;
  hints: unknown[];
  entryPointsByType: CasmEntryPoints;
}

export type EntryPointType = keyof SierraEntryPoints;
