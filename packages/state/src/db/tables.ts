import { type Database, open, type RootDatabase } from 'lmdb';

/** The LMDB sub-databases (keys and values are raw bytes). */
export interface Tables {
  readonly root: RootDatabase;
  /** 'latest', 'oldest', 'history-generation' → u64; 'format' → layout version byte. */
  readonly meta: Database<Buffer, Buffer>;
  /** node hash → encoded trie node (all tries, archived). */
  readonly nodes: Database<Buffer, Buffer>;
  /** address ‖ block → class hash ‖ nonce ‖ storage root (written when the contract changes). */
  readonly contracts: Database<Buffer, Buffer>;
  /** address ‖ key ‖ block → value (leading zero bytes stripped; empty = 0), swept in late (storage-history.ts). */
  readonly storage: Database<Buffer, Buffer>;
  /** class hash ‖ block → kind byte ‖ compiled class hash (declarations and migrations). */
  readonly classHashes: Database<Buffer, Buffer>;
  /** class hash → JSON {sierra, casm, legacy}. */
  readonly classDefs: Database<Buffer, Buffer>;
  /** block → JSON {blockHash, header, transactionCount}. */
  readonly blocks: Database<Buffer, Buffer>;
  /** block → contracts root ‖ classes root ‖ state root. */
  readonly roots: Database<Buffer, Buffer>;
  /** block hash → block. */
  readonly blockHashes: Database<Buffer, Buffer>;
  /** block ‖ tx index → JSON {hash, transaction, receipt}. */
  readonly transactions: Database<Buffer, Buffer>;
  /** tx hash → block ‖ tx index. */
  readonly txHashes: Database<Buffer, Buffer>;
  /** block ‖ tx index ‖ event index → JSON {tx, from, keys, data}. */
  readonly events: Database<Buffer, Buffer>;
  /** address ‖ block ‖ tx index ‖ event index → empty (getEvents by address). */
  readonly eventsByAddress: Database<Buffer, Buffer>;
  /** key position (u32) ‖ key ‖ block ‖ tx index ‖ event index → empty (getEvents by keys). */
  readonly eventsByKey: Database<Buffer, Buffer>;
  /** address ‖ key position (u32) ‖ key ‖ block ‖ tx index ‖ event index → empty (address and keys). */
  readonly eventsByAddressKey: Database<Buffer, Buffer>;
  /** With pruning: block → the node keys (36 bytes each) that block's tries stopped referencing. */
  readonly staleNodes: Database<Buffer, Buffer>;
  /** With pruning: node key → u32 number of places it occupies, for nodes at more than one place. */
  readonly nodeRefs: Database<Buffer, Buffer>;
  /** With pruning: block → the keys of older nodes that block gave another place (undone when it is dropped). */
  readonly gainedNodes: Database<Buffer, Buffer>;
  /** block → binary state diff (diff-codec). */
  readonly stateDiffs: Database<Buffer, Buffer>;
}

/**
 * Opens (creating if needed) the environment at `path`. A commit writes thousands of pages: 16 KiB pages
 * (new environments only) and writes straight into the map (no malloc'ed copies) make that about 20%
 * cheaper. A crash still cannot expose a partial commit: LMDB switches the meta page last.
 */
export function openTables(path: string, mapSize?: number, readOnly = false): Tables {
  const root = open({
    path,
    // A hash worker reads through the committing thread's environment; opening its tables must not
    // wait for the write lock that thread holds.
    readOnly,
    maxDbs: 24,
    compression: false,
    pageSize: 16384,
    useWritemap: true,
    ...(mapSize ? { mapSize } : {}),
  });
  const sub = (name: string) =>
    root.openDB<Buffer, Buffer>({ name, keyEncoding: 'binary', encoding: 'binary', compression: false });
  return {
    root,
    meta: sub('meta'),
    nodes: sub('nodes'),
    contracts: sub('contracts'),
    storage: sub('storage'),
    classHashes: sub('class-hashes'),
    classDefs: sub('class-defs'),
    blocks: sub('blocks'),
    roots: sub('roots'),
    blockHashes: sub('block-hashes'),
    transactions: sub('transactions'),
    txHashes: sub('tx-hashes'),
    events: sub('events'),
    eventsByAddress: sub('events-by-address'),
    eventsByKey: sub('events-by-key'),
    eventsByAddressKey: sub('events-by-address-key'),
    stateDiffs: sub('state-diffs'),
    staleNodes: sub('stale-nodes'),
    nodeRefs: sub('node-refs'),
    gainedNodes: sub('gained-nodes'),
  };
}
