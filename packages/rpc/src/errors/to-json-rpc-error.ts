import { StarlingError } from '@starling/felt';
import type { JsonRpcErrorObject } from '../types.js';
import { isStarknetErrorName, STARKNET_ERRORS, type StarknetErrorName } from './starknet-errors.js';

/** The standard JSON-RPC 2.0 error codes and messages. */
export const JSON_RPC_ERRORS = {
  PARSE_ERROR: { code: -32700, message: 'Parse error' },
  INVALID_REQUEST: { code: -32600, message: 'Invalid request' },
  METHOD_NOT_FOUND: { code: -32601, message: 'Method not found' },
  INVALID_PARAMS: { code: -32602, message: 'Invalid params' },
  INTERNAL_ERROR: { code: -32603, message: 'Internal error' },
} as const;

type StandardName = keyof typeof JSON_RPC_ERRORS;

// Codes of the RPC layer and of input-decoding errors elsewhere (felt, protocol) that mean "bad request".
const STANDARD_BY_CODE: Record<string, StandardName> = {
  PARSE_ERROR: 'PARSE_ERROR',
  INVALID_REQUEST: 'INVALID_REQUEST',
  REQUEST_TOO_LARGE: 'INVALID_REQUEST',
  BATCH_TOO_LARGE: 'INVALID_REQUEST',
  METHOD_NOT_FOUND: 'METHOD_NOT_FOUND',
  RESULT_SCHEMA_MISMATCH: 'INTERNAL_ERROR',
  INVALID_PARAMS: 'INVALID_PARAMS',
  INVALID_FELT_INPUT: 'INVALID_PARAMS',
  FELT_OUT_OF_RANGE: 'INVALID_PARAMS',
  NEGATIVE_VALUE: 'INVALID_PARAMS',
  INVALID_SHORT_STRING: 'INVALID_PARAMS',
  INVALID_FIELD: 'INVALID_PARAMS',
  MISSING_FIELD: 'INVALID_PARAMS',
  UNKNOWN_TRANSACTION_TYPE: 'INVALID_PARAMS',
};

/** Extra mappings from StarlingError codes of other components to spec errors (the node supplies them). */
export type ErrorCodeMap = Readonly<Record<string, StarknetErrorName>>;

/** The single mapping from thrown errors to JSON-RPC error objects. Unknown errors become -32603 without details. */
export function toJsonRpcError(err: unknown, extra: ErrorCodeMap = {}): JsonRpcErrorObject {
  if (!(err instanceof StarlingError)) return { ...JSON_RPC_ERRORS.INTERNAL_ERROR };
  const standard = STANDARD_BY_CODE[err.code];
  if (standard) return { ...JSON_RPC_ERRORS[standard], data: { reason: err.message } };
  const name = isStarknetErrorName(err.code) ? err.code : extra[err.code];
  if (!name) return { ...JSON_RPC_ERRORS.INTERNAL_ERROR };
  const spec = STARKNET_ERRORS[name];
  const out: JsonRpcErrorObject = { code: spec.code, message: spec.message };
  const data = err.details?.data;
  if (data !== undefined) out.data = data;
  else if (SPEC_STRING_DATA.has(name) && err.message !== spec.message) out.data = err.message;
  return out;
}

// Spec errors whose data is a plain string: a mapped foreign error's message becomes that string.
const SPEC_STRING_DATA = new Set<StarknetErrorName>([
  'INVALID_TRANSACTION_NONCE',
  'VALIDATION_FAILURE',
  'COMPILATION_FAILED',
  'UNEXPECTED_ERROR',
]);
