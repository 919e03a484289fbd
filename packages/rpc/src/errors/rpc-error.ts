import { StarlingError } from '@starling/felt';

/** Error codes of the JSON-RPC layer itself (transport, envelope, params, configuration). */
export type RpcErrorCode =
  | 'PARSE_ERROR'
  | 'INVALID_REQUEST'
  | 'METHOD_NOT_FOUND'
  | 'INVALID_PARAMS'
  | 'INTERNAL_ERROR'
  | 'REQUEST_TOO_LARGE'
  | 'BATCH_TOO_LARGE'
  | 'RESULT_SCHEMA_MISMATCH'
  | 'SPEC_NOT_FOUND'
  | 'INVALID_CONFIGURATION'
  | 'SERVER_NOT_LISTENING';

/** A failure of the JSON-RPC layer; the message is the reason sent to the client. */
export class RpcError extends StarlingError {
  declare readonly code: RpcErrorCode;

  constructor(
    code: RpcErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
  }
}
