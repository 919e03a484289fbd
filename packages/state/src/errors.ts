import { StarlingError } from '@starling/felt';

export type StateErrorCode =
  | 'INVALID_KEY'
  | 'INVALID_VALUE'
  | 'INVALID_HEIGHT'
  | 'UNKNOWN_BLOCK'
  | 'MISSING_NODE'
  | 'CORRUPT_NODE'
  | 'CORRUPT_RECORD'
  | 'INVALID_PROOF'
  | 'BLOCK_OUT_OF_ORDER'
  | 'BLOCK_PRUNED'
  | 'CLASS_NOT_FOUND'
  | 'INVALID_CONTINUATION_TOKEN'
  | 'NO_OPEN_TRANSACTION'
  | 'DATABASE_CLOSED'
  | 'INCOMPATIBLE_DATABASE'
  | 'HASH_WORKER_FAILED';

/** Invalid input to, or inconsistency inside, the state package. */
export class StateError extends StarlingError {
  declare readonly code: StateErrorCode;

  constructor(code: StateErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
