export {
  type CasmProgram,
  type CompileOptions,
  casmProgramToString,
  compileProgram,
} from './compiler/compile.js';
export { supportedLibfuncs } from './compiler/libfuncs/index.js';
export { readContractClass, type SierraContractClass } from './contract/contract-class.js';
export { compileError, SierraError, type SierraErrorCode } from './errors.js';
export { parseSierraText } from './program/parse-text.js';
export * from './program/types.js';
export { decompress } from './serde/decompress.js';
export { programFromFelts, sierraFromFelts, versionsFromFelts } from './serde/felt252-serde.js';
