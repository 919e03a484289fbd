export type { CallContext, MaybePromise } from './api/call-context.js';
export type {
  DevnetApi,
  DevnetUnit,
  GasPriceUpdate,
  MessageToL1,
  MessageToL2,
  PredeployedAccount,
} from './devnet/devnet-api.js';
export { decodeAmount, devnetMethods } from './devnet/devnet-methods.js';
export * from './errors.js';
export type * from './generated/starknet-api.js';
export type * from './generated/wire-types.js';
export { type DispatchResult, JsonRpcDispatcher } from './jsonrpc/dispatcher.js';
export type { MethodEntry, ParamDef, RequestContext } from './jsonrpc/method-entry.js';
export { type CallOutcome, guardMetrics, noopMetrics, type RpcMetrics } from './metrics.js';
export { DEFAULT_LIMITS, type RequestLogEntry, type RpcLimits, type RpcServerOptions } from './options.js';
export { createRpcServer, RPC_PATHS, RpcServer } from './server/rpc-server.js';
export { API_FILES, buildMethodTable, type MethodSpec, type ParamSpec } from './spec/method-table.js';
export {
  loadSpecBundle,
  type OpenRpcDocument,
  type OpenRpcMethod,
  type SpecBundle,
} from './spec/spec-bundle.js';
export { SpecValidator } from './spec/spec-validator.js';
export type * from './types.js';
export type { SubscriptionSink, SubscriptionSource, Unsubscribe } from './ws/subscription-source.js';
export { WsSession } from './ws/ws-session.js';
