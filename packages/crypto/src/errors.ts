import { StarlingError } from '@starling/felt';

export type CryptoErrorCode =
  | 'INVALID_HASH_INPUT'
  | 'INVALID_PRIVATE_KEY'
  | 'POINT_NOT_ON_CURVE'
  | 'INVALID_SIGNATURE_INPUT';

/** Invalid input to a hash, curve or signature function. */
export class CryptoError extends StarlingError {
  declare readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
