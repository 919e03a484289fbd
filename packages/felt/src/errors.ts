/** Base class of every Starling error: a stable machine-readable code plus optional details. */
export class StarlingError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: string,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

export type FeltErrorCode =
  | 'INVALID_FELT_INPUT'
  | 'FELT_OUT_OF_RANGE'
  | 'NEGATIVE_VALUE'
  | 'INVALID_SHORT_STRING'
  | 'INVALID_LENGTH'
  | 'DIVISION_BY_ZERO'
  | 'NOT_A_SQUARE';

/** Malformed or out-of-range field input. */
export class FeltError extends StarlingError {
  declare readonly code: FeltErrorCode;

  constructor(code: FeltErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
