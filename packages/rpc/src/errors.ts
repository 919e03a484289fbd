// The package's typed errors and the single table that maps errors to JSON-RPC error objects.
export { RpcError, type RpcErrorCode } from './errors/rpc-error.js';
export {
  isStarknetErrorName,
  STARKNET_ERRORS,
  type StarknetErrorData,
  type StarknetErrorName,
  StarknetRpcError,
} from './errors/starknet-errors.js';
export { type ErrorCodeMap, JSON_RPC_ERRORS, toJsonRpcError } from './errors/to-json-rpc-error.js';
