import { StarlingError } from '@starling/felt';

export type ProtocolErrorCode =
  | 'INVALID_FIELD'
  | 'MISSING_FIELD'
  | 'INVALID_LENGTH'
  | 'UNKNOWN_TRANSACTION_TYPE'
  | 'UNSUPPORTED_TRANSACTION_VERSION'
  | 'INVALID_CLASS'
  | 'INVALID_BYTECODE_SEGMENTS'
  | 'UNSUPPORTED_STARKNET_VERSION'
  | 'UNKNOWN_VERSIONED_CONSTANTS'
  | 'INVALID_VERSIONED_CONSTANTS';

/** A Starknet object (transaction, block, class, constants) is malformed or not supported. */
export class ProtocolError extends StarlingError {
  declare readonly code: ProtocolErrorCode;

  constructor(
    code: ProtocolErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
  }
}
