import type { StateDiff } from '@starling/protocol';

/** The state diff of one block (the protocol package's domain type). */
export type { StateDiff };

/** The committed state of one contract (a leaf of the contracts trie). */
export interface ContractState {
  readonly classHash: bigint;
  readonly nonce: bigint;
  readonly storageRoot: bigint;
  /** Where the storage root node is stored (persistent stores; see TrieNode). */
  readonly storageRootBlock?: number;
}

/** The roots of the state after a block. */
export interface StateRoots {
  readonly contractsRoot: bigint;
  readonly classesRoot: bigint;
  readonly stateRoot: bigint;
}

/** Where the root nodes of the contracts and classes tries are stored (persistent stores). */
export interface RootLocations {
  readonly contractsRootBlock: number;
  readonly classesRootBlock: number;
}

/** Which global-root rule applies (§5.3): 0.14+ always hashes; legacy returns the contracts root when the classes root is 0. */
export type GlobalRootRule = 'v0_14' | 'legacy';

/** An empty state diff. */
export function emptyStateDiff(): StateDiff {
  return {
    storageDiffs: [],
    nonces: [],
    deployedContracts: [],
    replacedClasses: [],
    declaredClasses: [],
    deprecatedDeclaredClasses: [],
    migratedCompiledClasses: [],
  };
}

/** An event as stored and returned by getEvents. */
export interface EventInput {
  readonly fromAddress: bigint;
  readonly keys: readonly bigint[];
  readonly data: readonly bigint[];
}

/** A transaction of a block: the documents are stored as JSON (bigints become 0x-hex strings). */
export interface TransactionInput {
  readonly hash: bigint;
  readonly transaction: unknown;
  readonly receipt?: unknown;
  readonly events?: readonly EventInput[];
}

/** A class definition to store (any of the three forms). */
export interface ClassInput {
  readonly classHash: bigint;
  readonly sierra?: unknown;
  readonly casm?: unknown;
  /** A Cairo 0 class definition. */
  readonly legacy?: unknown;
}

/** Everything that one block commits atomically. */
export interface BlockInput {
  readonly blockNumber: number;
  readonly stateDiff: StateDiff;
  readonly blockHash?: bigint;
  readonly header?: unknown;
  readonly classes?: readonly ClassInput[];
  readonly transactions?: readonly TransactionInput[];
  /** Called with the new roots before the write, to produce the header and hash that depend on them. */
  readonly finalize?: (roots: StateRoots) => { blockHash?: bigint; header?: unknown };
}

/** A stored block: its header document, hash and roots. */
export interface StoredBlock extends StateRoots {
  readonly blockNumber: number;
  readonly blockHash: bigint | undefined;
  readonly header: unknown;
  readonly transactionCount: number;
}

/** A stored transaction with its position. */
export interface StoredTransaction {
  readonly blockNumber: number;
  readonly index: number;
  readonly hash: bigint;
  readonly transaction: unknown;
  readonly receipt: unknown;
}

/** getEvents filter (RPC EVENT_FILTER + RESULT_PAGE_REQUEST). */
export interface EventFilter {
  readonly fromBlock?: number;
  readonly toBlock?: number;
  readonly address?: bigint;
  /** keys[i] lists the accepted values of key i; an empty list accepts any value. */
  readonly keys?: readonly (readonly bigint[])[];
  readonly chunkSize: number;
  readonly continuationToken?: string;
}

/** An event returned by getEvents. */
export interface EmittedEvent extends EventInput {
  readonly blockNumber: number;
  readonly blockHash: bigint | undefined;
  readonly transactionHash: bigint;
  readonly transactionIndex: number;
  readonly eventIndex: number;
}

/** One page of getEvents. */
export interface EventsChunk {
  readonly events: EmittedEvent[];
  readonly continuationToken?: string;
}
