export * from './builtins/builtin-runner.js';
export { createBuiltin } from './builtins/create-builtin.js';
export {
  BitwiseBuiltin,
  EcOpBuiltin,
  PedersenBuiltin,
  PoseidonBuiltin,
} from './builtins/hash-builtins.js';
export { keccakF1600 } from './builtins/keccak-f.js';
export { ModBuiltin } from './builtins/mod-builtin.js';
export { EcdsaBuiltin, KeccakBuiltin, OutputBuiltin, RangeCheckBuiltin } from './builtins/other-builtins.js';
export { SegmentArenaBuiltin } from './builtins/segment-arena.js';
export { assembleCasm, parsePythonicHint } from './casm/assemble.js';
export { encodeInstruction, type InstructionFields } from './casm/encode.js';
export { VmError, type VmErrorCode, vmError } from './errors.js';
export { compileHint } from './hints/compile-hint.js';
export { Cairo1HintProcessor } from './hints/hint-processor.js';
export type { CellRef, CompiledHint, HintJson, Operand } from './hints/hint-types.js';
export { cellAddr, getMaybe, getPtr, getVal } from './hints/operands.js';
export type { SyscallHandler } from './hints/syscall-handler.js';
export { Memory } from './memory/memory.js';
export { Segment, type SegmentHooks } from './memory/segment.js';
export type { VmMetrics } from './metrics.js';
export * from './options.js';
export * from './proof/files.js';
export * from './proof/function-wrapper.js';
export * from './proof/proof-run.js';
export * from './proof/relocate.js';
export * from './runner/cairo0-program.js';
export * from './runner/layout-capacity.js';
export { LAYOUT_BUILTINS } from './runner/layouts.js';
export * from './runner/program.js';
export * from './runner/run-entry-point.js';
export * from './runner/run-function.js';
export * from './runner/runner.js';
export * from './types.js';
export { decodeInstruction, type Instruction } from './vm/instruction.js';
export { type HintExecutor, VirtualMachine } from './vm/vm.js';
