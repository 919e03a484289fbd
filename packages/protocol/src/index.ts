export { type BlockBodyCommitments, calculateBlockCommitments } from './block/block-commitments.js';
export {
  type BlockHashInput,
  calculateBlockHash,
  concatCounts,
  gasPricesForHash,
} from './block/block-hash.js';
export {
  eventCommitment,
  eventLeaf,
  messagesSentHash,
  receiptCommitment,
  receiptLeaf,
  transactionCommitment,
  transactionLeaf,
  transactionSignature,
} from './block/commitments.js';
export {
  calculateLegacyBlockHash,
  type LegacyBlockHashForm,
  type LegacyBlockHashInput,
  legacyEventCommitment,
  legacyEventLeaf,
  legacyTransactionCommitment,
  legacyTransactionLeaf,
  legacyTransactionSignature,
} from './block/legacy-block-hash.js';
export { stateDiffCommitment, stateDiffLength } from './block/state-diff-commitment.js';
export { abiHash, calculateClassHash } from './class-hash.js';
export {
  type CompiledClassHashVersion,
  calculateCompiledClassHash,
  compiledClassHashVersionFor,
} from './compiled-class-hash.js';
export { readVersionedConstants } from './constants/read-versioned-constants.js';
export type * from './constants/versioned-constants-types.js';
export * from './constants.js';
export { calculateContractAddress } from './contract-address.js';
export { ProtocolError, type ProtocolErrorCode } from './errors.js';
export type {
  BlockId,
  BlockStore,
  State,
  StateReader,
  StoredClass,
  TransactionLocation,
} from './interfaces.js';
export { abiString, pythonJsonString } from './json/abi-string.js';
export {
  type GatewayBlock,
  type GatewayStateUpdate,
  parseGatewayBlock,
  parseGatewayStateDiff,
  parseGatewayStateUpdate,
} from './json/block.js';
export { parseCasmClass, parseSierraClass } from './json/classes.js';
export { parseEvent, parseMessageToL1, parseReceipt } from './json/receipt.js';
export { decompressSierraProgram } from './json/sierra-program-compression.js';
export {
  parseMaybeQueryTransaction,
  parseResourceBounds,
  parseTransaction,
  parseTransactions,
  parseTransactionWithHash,
} from './json/transaction.js';
export { l1ToL2MessageHash, l2ToL1MessageHash, type MessageToL2, messageFromL1Handler } from './messages.js';
export type { ProtocolMetrics } from './metrics.js';
export { DEFAULT_STARKNET_VERSION } from './options.js';
export { commitmentRoot, type PairHash, type PatriciaLeaf, patriciaRoot } from './patricia-root.js';
export { getSelectorFromName } from './selector.js';
export { compareStarknetVersions, isVersionAtLeast, parseStarknetVersion } from './starknet-version.js';
export { classTrieLeaf, contractStateLeaf, globalStateRoot } from './state-commitment.js';
export { getStorageVarAddress } from './storage-address.js';
export {
  calculateTransactionHash,
  deprecatedTransactionHashes,
  MAINNET_LAST_DEPRECATED_HASH_BLOCK,
  type TransactionHashOptions,
  verifyTransactionHash,
} from './transaction-hash.js';
export {
  dataAvailabilityModes,
  resourceBoundWord,
  tipResourceBoundsHash,
} from './tx-hash/resource-bounds.js';
export type * from './types.js';
export {
  getVersionedConstants,
  VERSIONED_CONSTANTS_VERSIONS,
  type VersionedConstantsVersion,
  versionedConstantsFor,
} from './versioned-constants.js';
