export { MEMPOOL_RPC_ERRORS, MempoolError, type MempoolErrorCode } from './errors.js';
export {
  Gateway,
  type GatewayOptions,
  type NonceReader,
  type Submission,
  senderOf,
  type TransactionValidator,
} from './gateway.js';
export { decodePooled, encodePooled, MemoryMempoolStore, type MempoolStore } from './mempool-store.js';
export { type MempoolMetrics, noopMempoolMetrics } from './metrics.js';
export {
  DEFAULT_POOL_OPTIONS,
  DEFAULT_STATELESS_LIMITS,
  type PoolOptions,
  type StatelessLimits,
} from './options.js';
export { checkStateless, type DeclaredClassFacts } from './stateless-check.js';
export { type AddResult, TransactionPool } from './transaction-pool.js';
export type * from './types.js';
