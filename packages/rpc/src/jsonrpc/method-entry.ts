import type { CallContext, MaybePromise } from '../api/call-context.js';

/** One parameter as the dispatcher decodes it: name, whether required, and an optional validator. */
export interface ParamDef {
  name: string;
  required: boolean;
  /** Returns null when the value is acceptable, else the reason. */
  validate?: (value: unknown) => string | null;
}

/** Per-request context: the call context plus the ws session, if the call came over WebSocket. */
export interface RequestContext extends CallContext {
  /** Endpoint path that received the request. */
  path: string;
  /** Opaque per-connection state for ws-only methods (subscriptions). */
  session?: unknown;
}

/** A callable JSON-RPC method. */
export interface MethodEntry {
  name: string;
  params: readonly ParamDef[];
  /** Only callable over WebSocket (subscriptions). */
  wsOnly?: boolean;
  handler: (params: Record<string, unknown>, ctx: RequestContext) => MaybePromise<unknown>;
  /** Result check used when result validation is on. */
  validateResult?: (result: unknown) => string | null;
}
