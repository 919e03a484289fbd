import { StarlingError } from '@starling/felt';

/**
 * Rejection codes of the gateway and the pool. Those named after Starknet RPC errors (52–65) are mapped
 * by the rpc package as is; MEMPOOL_FULL and STORE_CORRUPT are mapped through MEMPOOL_RPC_ERRORS.
 */
export type MempoolErrorCode =
  | 'INVALID_TRANSACTION_NONCE'
  | 'INSUFFICIENT_RESOURCES_FOR_VALIDATE'
  | 'INSUFFICIENT_ACCOUNT_BALANCE'
  | 'VALIDATION_FAILURE'
  | 'CONTRACT_CLASS_SIZE_IS_TOO_LARGE'
  | 'NON_ACCOUNT'
  | 'DUPLICATE_TX'
  | 'UNSUPPORTED_TX_VERSION'
  | 'UNSUPPORTED_CONTRACT_CLASS_VERSION'
  | 'UNEXPECTED_ERROR'
  | 'REPLACEMENT_TRANSACTION_UNDERPRICED'
  | 'FEE_BELOW_MINIMUM'
  | 'MEMPOOL_FULL'
  | 'STORE_CORRUPT';

/** A transaction rejected by the gateway or the pool. */
export class MempoolError extends StarlingError {
  declare readonly code: MempoolErrorCode;
  constructor(code: MempoolErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}

/** Mempool codes that are not spec error names → the spec error the RPC layer answers with. */
export const MEMPOOL_RPC_ERRORS = {
  MEMPOOL_FULL: 'UNEXPECTED_ERROR',
  STORE_CORRUPT: 'UNEXPECTED_ERROR',
} as const;
