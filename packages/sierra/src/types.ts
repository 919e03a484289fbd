// Public data types of the package (program model, CASM model, compiled classes).

export type { Hint } from './casm/hints.js';
export type { Instruction, InstructionBody } from './casm/instruction.js';
export type { CellRef, DerefOrImmediate, ResOperand } from './casm/operand.js';
export type { CasmContractClass, CasmEntryPoint } from './contract/compile-contract.js';
export type { SierraContractClass, SierraEntryPoint, SierraEntryPoints } from './contract/contract-class.js';
export type * from './program/types.js';
