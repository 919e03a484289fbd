export type { NodeContext } from './api/context.js';
export { createStarknetApi } from './api/starknet-api.js';
export { createDevnetApi, type DevnetState, dumpChain } from './devnet-api.js';
export { NodeError, type NodeErrorCode } from './errors.js';
export { writeGenesis } from './genesis.js';
export { LmdbMempoolStore } from './mempool-store.js';
export { NodeMetrics } from './metrics.js';
export { DEFAULT_CHAIN_ID, DEVNET_DEFAULTS, type NodeOptions } from './options.js';
export { StarlingNode } from './starling-node.js';
