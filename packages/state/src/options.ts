import type { StateMetrics } from './metrics.js';
import type { GlobalRootRule } from './types.js';

/** Options of StateDatabase.open. */
export interface StateDatabaseOptions {
  /** Directory of the LMDB environment. */
  readonly path: string;
  /** Keep state history for only the last K blocks (archive when undefined). */
  readonly pruneKeepBlocks?: number;
  /** The global-root rule (§5.3); a new chain uses 0.14's. */
  readonly globalRootRule?: GlobalRootRule;
  /** LMDB map size in bytes (grows automatically when omitted). */
  readonly mapSize?: number;
  readonly metrics?: StateMetrics;
  /**
   * Worker threads that hash the tries of a commit while the caller plans and writes (default: one per
   * core but one, as the committing thread takes back the jobs no worker has started).
   */
  readonly hashWorkers?: number;
  /** Trie nodes kept in memory between commits, per cache generation (0 disables the cache). */
  readonly nodeCacheSize?: number;
  /** How many of the last blocks keep the trie nodes they created in memory (stored records, shared with the hash workers). */
  readonly recentBlocksInMemory?: number;
}

/** Defaults of the state package. */
export const STATE_DEFAULTS = {
  globalRootRule: 'v0_14' as GlobalRootRule,
  /** Largest getEvents page. */
  maxEventsChunk: 1024,
  /** Per cache generation (about 200 bytes a node); off by default: LMDB reads of hot pages cost about as much. */
  nodeCacheSize: 0,
  /** About 120 bytes per trie node a block creates (its record and index slots), once for all threads. */
  recentBlocksInMemory: 4,
} as const;
