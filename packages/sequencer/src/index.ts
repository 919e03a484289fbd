export { type BlockBody, closeBlock } from './block-builder.js';
export { DatabaseChain } from './database-chain.js';
export { SequencerError, type SequencerErrorCode } from './errors.js';
export { noopSequencerMetrics, type SequencerMetrics } from './metrics.js';
export {
  type BlockMode,
  DEFAULT_BLOCK_TIME_MS,
  SEQUENCER_DEFAULTS,
  type SequencerOptions,
} from './options.js';
export { PreconfirmedBlock } from './preconfirmed-block.js';
export { casmJson, preconfirmedHeaderJson, transactionJson } from './rpc-json.js';
export { Sequencer, type SequencerDeps } from './sequencer.js';
export type * from './types.js';
