import type { DevnetApi } from './devnet/devnet-api.js';
import type { ErrorCodeMap } from './errors/to-json-rpc-error.js';
import type { StarknetApi } from './generated/starknet-api.js';
import type { RpcMetrics } from './metrics.js';
import type { JsonRpcErrorObject } from './types.js';
import type { SubscriptionSource } from './ws/subscription-source.js';

/** One finished call, as given to the request-logging hook. */
export interface RequestLogEntry {
  transport: 'http' | 'ws';
  path: string;
  /** The method, or undefined when the request was rejected before a method was known. */
  method: string | undefined;
  durationMs: number;
  error: JsonRpcErrorObject | undefined;
}

/** Limits that keep hostile input bounded. */
export interface RpcLimits {
  /** Largest HTTP body or ws message, in bytes. */
  maxBodyBytes: number;
  /** Most requests in one batch. */
  maxBatchSize: number;
  /** Most open subscriptions per ws connection. */
  maxSubscriptionsPerConnection: number;
  /** Most open ws connections. */
  maxWsConnections: number;
  /** A ws client whose unsent data exceeds this many bytes is disconnected (slow consumer). */
  maxWsBufferedBytes: number;
  /** Ping period for ws clients; one that misses a whole period is dropped. 0 disables pings. */
  wsPingIntervalMs: number;
  /** Most open HTTP connections (ws included). */
  maxHttpConnections: number;
  /** Time allowed to receive one whole HTTP request (headers and body). */
  requestTimeoutMs: number;
}

/** Options of the RPC server. Only `api` is required. */
export interface RpcServerOptions {
  api: StarknetApi;
  devnet?: DevnetApi;
  subscriptions?: SubscriptionSource;
  limits?: Partial<RpcLimits>;
  /** Validate every result against the spec's result schema (debug/test; costs time). */
  validateResults?: boolean;
  /** Extra StarlingError code → spec error mappings. */
  errorCodeMap?: ErrorCodeMap;
  metrics?: RpcMetrics;
  /** Called once per finished call. */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Readiness for `/ready` (default: ready). */
  isReady?: () => boolean | Promise<boolean>;
  /** Allowed browser origin (`*` for any); no CORS headers when absent. */
  corsOrigin?: string;
  /** Prometheus text for `/metrics` (no `/metrics` route when absent). */
  metricsText?: () => string | Promise<string>;
}

/** Default limits. */
export const DEFAULT_LIMITS: RpcLimits = {
  maxBodyBytes: 10 * 1024 * 1024,
  maxBatchSize: 100,
  maxSubscriptionsPerConnection: 64,
  maxWsConnections: 512,
  maxWsBufferedBytes: 16 * 1024 * 1024,
  wsPingIntervalMs: 30_000,
  maxHttpConnections: 1024,
  requestTimeoutMs: 60_000,
};
