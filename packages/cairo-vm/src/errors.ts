import { StarlingError } from '@starling/felt';

export type VmErrorCode =
  | 'INCONSISTENT_MEMORY'
  | 'WRITE_TO_READ_ONLY'
  | 'UNKNOWN_MEMORY'
  | 'MEMORY_TYPE_MISMATCH'
  | 'INVALID_ADDRESS'
  | 'INVALID_INSTRUCTION'
  | 'UNSUPPORTED_OPCODE_EXTENSION'
  | 'FAILED_TO_COMPUTE_OPERANDS'
  | 'ASSERT_EQ_FAILED'
  | 'INVALID_CALL'
  | 'INVALID_ARITHMETIC'
  | 'JUMP_OUT_OF_PROGRAM'
  | 'OUT_OF_STEPS'
  | 'OUT_OF_GAS'
  | 'UNKNOWN_HINT'
  | 'EXTERNAL_HINT'
  | 'HINT_FAILED'
  | 'NO_SYSCALL_HANDLER'
  | 'BUILTIN_VALIDATION'
  | 'BUILTIN_DEDUCTION'
  | 'INVALID_PROGRAM'
  | 'ENTRY_POINT_NOT_FOUND'
  | 'INVALID_ARGUMENT'
  | 'SECURITY_CHECK'
  | 'RELOCATION'
  | 'INSUFFICIENT_ALLOCATED_CELLS';

/** Any failure inside the Cairo VM: a code, the pc (when known) and a traceback of return pcs. */
export class VmError extends StarlingError {
  declare readonly code: VmErrorCode;
  /** pc of the failing instruction as "segment:offset", when the error happened inside a step. */
  pc: string | undefined;
  /** Call-stack return pcs ("segment:offset"), innermost first. */
  traceback: string[] = [];

  constructor(
    code: VmErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
  }
}

/** Shorthand for throwing a VmError. */
export function vmError(code: VmErrorCode, message: string, details?: Record<string, unknown>): VmError {
  return new VmError(code, message, details);
}
