/** The cross-component interfaces, defined by protocol (re-exported for convenience). */
export type { State, StateReader } from '@starling/protocol';
export { CachedState } from './cached-state.js';
export { type BlockWitness, blockWitness, type WitnessSource } from './commitment/block-witness.js';
export {
  type CommitOptions,
  commitStateDiff,
  STATE_TRIE_HEIGHT,
  type StateCommit,
  type StateCommitReader,
  type TrieWitness,
} from './commitment/commit-state-diff.js';
export {
  CONTRACT_STATE_HASH_VERSION,
  classLeaf,
  contractStateLeaf,
  contractStateLeaves,
  globalStateRoot,
} from './commitment/leaves.js';
export { MemoryState } from './commitment/memory-state.js';
export {
  type NodeMappingJson,
  type ProofSource,
  produceStorageProof,
  type StorageProofJson,
  type StorageProofRequest,
  type VerifiedStorageProof,
  verifyStorageProof,
} from './commitment/storage-proof.js';
export { decodeStateDiff, encodeStateDiff } from './db/diff-codec.js';
export { StateDatabase } from './db/state-database.js';
export { StateError, type StateErrorCode } from './errors.js';
export { noopStateMetrics, type StateMetrics } from './metrics.js';
export { STATE_DEFAULTS, type StateDatabaseOptions } from './options.js';
export type { PinnedStateReader } from './pinned-state-reader.js';
export { bitAt, bitsAt, commonPrefix } from './trie/bits.js';
export { commitTrie, type TrieCommit } from './trie/commit-trie.js';
export { getLeaf } from './trie/get-leaf.js';
export { hashPending } from './trie/hash-pending.js';
export { pedersenHasher, poseidonHasher, type TrieHasher } from './trie/hasher.js';
export { MemoryNodeStore } from './trie/memory-node-store.js';
export { bytesWord, decodeNode, encodeNode, type NodeReader, type TrieNode, wordBytes } from './trie/node.js';
export type { Pending } from './trie/pending.js';
export { planUpdate, type SortedUpdates } from './trie/plan-update.js';
export { collectProof, nodeHash, verifyProof } from './trie/proof.js';
export { sortUpdates } from './trie/updates.js';
export type {
  BlockInput,
  ClassInput,
  ContractState,
  EmittedEvent,
  EventFilter,
  EventInput,
  EventsChunk,
  GlobalRootRule,
  StateDiff,
  StateRoots,
  StoredBlock,
  StoredTransaction,
  TransactionInput,
} from './types.js';
export { emptyStateDiff } from './types.js';
