import { StarlingError } from '@starling/felt';

/** Error codes raised by the Sierra reader and the Sierra → CASM compiler. */
export type SierraErrorCode =
  | 'SIERRA_PARSE_ERROR'
  | 'SIERRA_DESERIALIZATION_ERROR'
  | 'SIERRA_INVALID_PROGRAM'
  | 'SIERRA_UNSUPPORTED_LIBFUNC'
  | 'SIERRA_UNSUPPORTED_VERSION'
  | 'SIERRA_LIBFUNC_NOT_ALLOWED'
  | 'SIERRA_BYTECODE_TOO_LARGE'
  | 'SIERRA_COMPILATION_FAILED'
  | 'SIERRA_INVALID_ARGUMENTS'
  | 'CASM_ENCODING_ERROR';

/** Typed error of the sierra package; `rpcCode` says how the RPC layer should report it. */
export class SierraError extends StarlingError {
  declare readonly code: SierraErrorCode;
  constructor(
    code: SierraErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
  }

  /** The Starknet RPC error this failure maps to when it comes from a declare. */
  get rpcError(): 'COMPILATION_FAILED' | 'UNSUPPORTED_CONTRACT_CLASS_VERSION' {
    return this.code === 'SIERRA_UNSUPPORTED_VERSION'
      ? 'UNSUPPORTED_CONTRACT_CLASS_VERSION'
      : 'COMPILATION_FAILED';
  }
}

/** Shorthand for a failed program invariant found while compiling. */
export function compileError(message: string, details?: Record<string, unknown>): SierraError {
  return new SierraError('SIERRA_COMPILATION_FAILED', message, details);
}
