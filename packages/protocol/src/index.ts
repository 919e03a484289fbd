export * from './constants.js';
export { calculateContractAddress } from './contract-address.js';
export { ProtocolError, type ProtocolErrorCode } from './errors.js';
export {
  parseResourceBounds,
  parseTransaction,
  parseTransactions,
  parseTransactionWithHash,
} from './json/transaction.js';
export { getSelectorFromName } from './selector.js';
export { getStorageVarAddress } from './storage-address.js';
export {
  calculateTransactionHash,
  deprecatedTransactionHashes,
  type TransactionHashOptions,
  verifyTransactionHash,
} from './transaction-hash.js';
export {
  dataAvailabilityModes,
  resourceBoundWord,
  tipResourceBoundsHash,
} from './tx-hash/resource-bounds.js';
export type * from './types.js';
