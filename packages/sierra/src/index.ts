export { assembleProgram } from './casm/assemble.js';
export { hintToPython } from './casm/hint-python.js';
export { hintToJson } from './casm/hints.js';
export {
  type CasmProgram,
  type CompileOptions,
  compileProgram,
} from './compiler/compile.js';
export { supportedLibfuncs } from './compiler/libfuncs/index.js';
export { casmProgramToString } from './compiler/relocate.js';
export { type AllowedLibfuncs, validateAllowedLibfuncs } from './contract/allowed-libfuncs.js';
export { casmClassFromJson } from './contract/casm-from-json.js';
export { casmClassToJson } from './contract/casm-json.js';
export {
  type CasmContractClass,
  type CasmEntryPoint,
  COMPILER_VERSION,
  type ContractCompileOptions,
  CURRENT_SIERRA_VERSION,
  compileContractClass,
  ENTRY_POINT_COST,
  MAX_BYTECODE_SIZE,
} from './contract/compile-contract.js';
export { compiledClassHashV1, compiledClassHashV2 } from './contract/compiled-class-hash.js';
export { readContractClass, type SierraContractClass } from './contract/contract-class.js';
export { compileError, SierraError, type SierraErrorCode } from './errors.js';
export { SEQUENCER_COMPILE_OPTIONS } from './options.js';
export { parseSierraJson } from './program/parse-json.js';
export { parseSierraText } from './program/parse-text.js';
export * from './program/types.js';
export { selectMain, type WrappedProgram, wrapProgramForRun } from './runner/entry-wrapper.js';
export { parseProofArgs } from './runner/proof-args.js';
export {
  PROOF_MODE_GAS,
  type ProofArg,
  type ProofModeProgram,
  wrapProgramForProof,
} from './runner/proof-wrapper.js';
export { decompress } from './serde/decompress.js';
export { programFromFelts, sierraFromFelts, versionsFromFelts } from './serde/felt252-serde.js';
export type { Hint, Instruction, InstructionBody } from './types.js';
