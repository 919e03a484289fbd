import { StarlingError } from '@starling/felt';

/**
 * Error codes of the execution layer. Transaction rejections use the names of the Starknet RPC
 * errors (the rpc package maps them to codes); the rest are internal failures.
 */
export type ExecutionErrorCode =
  | 'INVALID_TRANSACTION_NONCE'
  | 'INSUFFICIENT_ACCOUNT_BALANCE'
  | 'INSUFFICIENT_RESOURCES_FOR_VALIDATE'
  | 'VALIDATION_FAILURE'
  | 'CLASS_HASH_NOT_FOUND'
  | 'CLASS_ALREADY_DECLARED'
  | 'COMPILED_CLASS_HASH_MISMATCH'
  | 'COMPILATION_FAILED'
  | 'UNSUPPORTED_TX_VERSION'
  | 'UNSUPPORTED_CONTRACT_CLASS_VERSION'
  | 'CONTRACT_CLASS_SIZE_IS_TOO_LARGE'
  | 'FEE_BELOW_MINIMUM'
  | 'CONTRACT_NOT_FOUND'
  | 'ENTRYPOINT_NOT_FOUND'
  | 'CONTRACT_ERROR'
  | 'TRANSACTION_EXECUTION_ERROR'
  | 'INVALID_ARGUMENT'
  | 'SYSCALL_ERROR'
  | 'MAX_CALL_DEPTH_EXCEEDED'
  | 'FEE_TRANSFER_FAILED'
  | 'STATE_ERROR';

/** A failure of execution: a rejected transaction, a failed call or a broken invariant. */
export class ExecutionError extends StarlingError {
  declare readonly code: ExecutionErrorCode;
  constructor(code: ExecutionErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}

/** Shorthand for building an ExecutionError. */
export function executionError(
  code: ExecutionErrorCode,
  message: string,
  details?: Record<string, unknown>,
): ExecutionError {
  return new ExecutionError(code, message, details);
}

/** Maps an execution error code to the Starknet RPC error code (undefined for internal ones). */
export const RPC_ERROR_CODES: Readonly<Partial<Record<ExecutionErrorCode, number>>> = {
  CONTRACT_NOT_FOUND: 20,
  ENTRYPOINT_NOT_FOUND: 21,
  CLASS_HASH_NOT_FOUND: 28,
  CONTRACT_ERROR: 40,
  TRANSACTION_EXECUTION_ERROR: 41,
  CLASS_ALREADY_DECLARED: 51,
  INVALID_TRANSACTION_NONCE: 52,
  INSUFFICIENT_RESOURCES_FOR_VALIDATE: 53,
  INSUFFICIENT_ACCOUNT_BALANCE: 54,
  VALIDATION_FAILURE: 55,
  COMPILATION_FAILED: 56,
  CONTRACT_CLASS_SIZE_IS_TOO_LARGE: 57,
  COMPILED_CLASS_HASH_MISMATCH: 60,
  UNSUPPORTED_TX_VERSION: 61,
  UNSUPPORTED_CONTRACT_CLASS_VERSION: 62,
  FEE_BELOW_MINIMUM: 65,
};
