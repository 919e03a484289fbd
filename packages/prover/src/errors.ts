import { StarlingError } from '@starling/felt';

export type ProverErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_TRACE'
  | 'CONSTRAINTS_NOT_SATISFIED'
  | 'INVALID_PROOF'
  | 'INVALID_PROOF_FORMAT'
  | 'INVALID_INPUT_FILE'
  | 'UNSUPPORTED_INSTRUCTION'
  | 'UNSUPPORTED_BUILTIN'
  | 'TRACE_TOO_SHORT';

/** A prover, verifier or input-file failure with a stable code. */
export class ProverError extends StarlingError {
  declare readonly code: ProverErrorCode;

  constructor(code: ProverErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}

/** Raised by the verifier: the proof does not convince it; `check` names the failed check. */
export class VerificationError extends ProverError {
  constructor(check: string, message: string, details?: Record<string, unknown>) {
    super('INVALID_PROOF', message, { check, ...details });
  }
}
