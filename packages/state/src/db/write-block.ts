import type { StateCommit } from '../commitment/commit-state-diff.js';
import { readWordAt, viewOf, writeWordAt } from '../trie/word.js';
import type { BlockInput } from '../types.js';
import { encodeContractState, encodeRoots } from './codec.js';
import { encodeStateDiff } from './diff-codec.js';
import { pruneHistory } from './history.js';
import { encodeJson } from './json.js';
import { compactWord, key, META, readU64, u32, u64, writeNodeKey } from './keys.js';
import { layoutNodes, type NodeLayout } from './node-layout.js';
import { removeNodes, writeNodePages } from './node-pages.js';
import { encodeRecord, NODE_RECORD } from './node-record.js';
import type { BlockWrites, StorageHistory } from './storage-history.js';
import type { Tables } from './tables.js';

/** Key positions of an event that the key indexes cover. */
export const EVENT_KEY_INDEX_DEPTH = 4;

/** Kind byte of a class-hashes entry. */
export const CLASS_SIERRA = 0;
export const CLASS_CAIRO0 = 1;

/**
 * Writes the records of a block that do not depend on its state commitment (the storage
 * history's sweep, state diff, transactions, events), inside the caller's write transaction: this runs while the tries
 * hash. The storage updates must have been checked already.
 */
export function writeBlockRecords(
  t: Tables,
  input: BlockInput,
  history: StorageHistory,
  writes: BlockWrites,
  pruneBefore: number | undefined,
): void {
  const b = u64(input.blockNumber);
  history.sweep(input.blockNumber, writes, pruneBefore);
  // Encoding never throws; a diff that the commit then rejects leaves nothing (one transaction).
  t.stateDiffs.put(Buffer.from(b), encodeStateDiff(input.stateDiff));
  const txs = input.transactions ?? [];
  txs.forEach((tx, i) => {
    const pos = key(b, u32(i));
    t.transactions.put(pos, encodeJson({ hash: tx.hash, transaction: tx.transaction, receipt: tx.receipt }));
    t.txHashes.put(key(tx.hash), pos);
    (tx.events ?? []).forEach((ev, j) => {
      const evPos = key(b, u32(i), u32(j));
      t.events.put(evPos, encodeJson({ tx: tx.hash, from: ev.fromAddress, keys: ev.keys, data: ev.data }));
      t.eventsByAddress.put(key(ev.fromAddress, evPos), Buffer.alloc(0));
      // Keys at the first positions are indexed (filters name those); deeper ones are checked per event.
      for (let p = 0; p < Math.min(ev.keys.length, EVENT_KEY_INDEX_DEPTH); p++) {
        t.eventsByKey.put(key(u32(p), ev.keys[p]!, evPos), Buffer.alloc(0));
        t.eventsByAddressKey.put(key(ev.fromAddress, u32(p), ev.keys[p]!, evPos), Buffer.alloc(0));
      }
    });
  });
}

/**
 * Writes the rest of a block (classes, state diff, trie nodes, contract states, roots, the block record, the latest
 * marker, pruning) inside the same write transaction as writeBlockRecords, once its commit is known. Returns the
 * layout of the new trie nodes.
 */
export function writeBlockState(
  t: Tables,
  input: BlockInput,
  c: StateCommit,
  header: { blockHash: bigint | undefined; header: unknown },
  pruneBefore: number | undefined,
  layoutScratch?: Uint8Array,
): NodeLayout {
  const n = input.blockNumber;
  const b = u64(n);
  // Written here, after the commit checked the class hashes and the rest of the diff.
  for (const [h, cch] of c.classes)
    t.classHashes.put(key(h, b), Buffer.from([CLASS_SIERRA, ...compactWord(cch)]));
  for (const h of input.stateDiff.deprecatedDeclaredClasses)
    t.classHashes.put(key(h, b), Buffer.from([CLASS_CAIRO0]));
  for (const cls of input.classes ?? [])
    t.classDefs.put(
      key(cls.classHash),
      encodeJson({ sierra: cls.sierra, casm: cls.casm, legacy: cls.legacy }),
    );
  const layout = writeNodes(t, n, c, layoutScratch);
  if (pruneBefore !== undefined || c.staleNodes) recordStale(t, n, c);
  if (pruneBefore !== undefined) pruneNodes(t, pruneBefore);
  for (const [address, state] of c.contracts) {
    t.contracts.putSync(key(address, b), encodeContractState(state));
    if (pruneBefore !== undefined) pruneHistory(t.contracts, key(address), pruneBefore);
  }
  t.roots.put(Buffer.from(b), encodeRoots(c));
  t.blocks.put(
    Buffer.from(b),
    encodeJson({
      blockHash: header.blockHash,
      header: header.header,
      transactionCount: input.transactions?.length ?? 0,
    }),
  );
  if (header.blockHash !== undefined) t.blockHashes.put(key(header.blockHash), Buffer.from(b));
  t.meta.put(META.latest, Buffer.from(b));
  // After dropped blocks the window starts lower again, but what was pruned stays pruned.
  if (pruneBefore !== undefined) {
    const oldest = t.meta.getBinary(META.oldest);
    if (!oldest || readU64(oldest, 0) < pruneBefore) t.meta.put(META.oldest, Buffer.from(u64(pruneBefore)));
  }
  return layout;
}

/**
 * Writes the new trie nodes of block `n` as pages (node-pages.ts): the nodes of `maps` and the records
 * the hash workers encoded; a node in two tries is written once. Returns their layout.
 */
function writeNodes(t: Tables, n: number, c: StateCommit, scratch?: Uint8Array): NodeLayout {
  let count = 0;
  for (const m of [c.pedersenNodes.created, c.poseidonNodes.created]) count += m.size;
  const decoded = new Uint8Array(count * NODE_RECORD);
  const view = viewOf(decoded);
  let at = 0;
  for (const m of [c.pedersenNodes.created, c.poseidonNodes.created])
    for (const [h, node] of m) {
      encodeRecord(view, at, h, node);
      at += NODE_RECORD;
    }
  const layout = layoutNodes([decoded, ...c.pedersenNodes.records, ...c.poseidonNodes.records], scratch);
  writeNodePages(t.nodes, n, layout);
  return layout;
}

/** Records which nodes block `n` stopped referencing, and the new nodes that occupy several places. */
function recordStale(t: Tables, n: number, c: StateCommit): void {
  const stale = c.staleNodes ?? [];
  const keys = Buffer.allocUnsafe(36 * stale.length);
  const view = viewOf(keys);
  stale.forEach((s, i) => {
    view.setUint32(36 * i, s.block);
    writeWordAt(view, 36 * i + 4, s.hash);
  });
  if (stale.length > 0) t.staleNodes.putSync(Buffer.from(u64(n)), keys);
  const kb = Buffer.allocUnsafe(36);
  const kv = viewOf(kb);
  for (const [h, count] of c.sharedNodes ?? [])
    t.nodeRefs.putSync(writeNodeKey(kb, kv, n, h), u32Buffer(count));
  const gained = c.gainedNodes ?? [];
  const gainedKeys = Buffer.allocUnsafe(36 * gained.length);
  gained.forEach((g, i) => {
    const k = writeNodeKey(kb, kv, g.block, g.hash);
    gainedKeys.set(k, 36 * i);
    const refs = t.nodeRefs.getBinary(k);
    t.nodeRefs.putSync(k, u32Buffer((refs ? refs.readUInt32BE(0) : 1) + 1));
  });
  if (gained.length > 0) t.gainedNodes.putSync(Buffer.from(u64(n)), gainedKeys);
}

/** Takes one place from the node with key `k` (no entry: one place); false when it has none left. */
export function dropPlace(t: Tables, k: Buffer): boolean {
  const refs = t.nodeRefs.getBinary(k);
  const left = refs ? refs.readUInt32BE(0) - 1 : 0;
  if (left > 1) t.nodeRefs.putSync(k, u32Buffer(left));
  else if (left === 1) t.nodeRefs.removeSync(k);
  return left > 0;
}

function u32Buffer(x: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(x);
  return b;
}

/**
 * Deletes the trie nodes that no root from block `oldest` on can reach: a node that block S stopped
 * referencing is needed only by the roots of blocks before S, so the lists of blocks S ≤ oldest are
 * applied (a node at several places goes when its last place does).
 */
function pruneNodes(t: Tables, oldest: number): void {
  const done: Buffer[] = [];
  const gone = new Map<number, bigint[]>();
  for (const entry of t.staleNodes.getRange({ end: Buffer.from(u64(oldest + 1)) })) {
    const list = Buffer.from(entry.value);
    const view = viewOf(list);
    for (let i = 0; i + 36 <= list.length; i += 36) {
      if (!dropPlace(t, Buffer.from(list.subarray(i, i + 36)))) {
        const block = view.getUint32(i);
        let l = gone.get(block);
        if (!l) gone.set(block, (l = []));
        l.push(readWordAt(view, i + 4));
      }
    }
    done.push(Buffer.from(entry.key));
  }
  for (const [block, hashes] of gone) removeNodes(t.nodes, block, hashes);
  for (const k of done) t.staleNodes.removeSync(k);
  // Blocks up to `oldest` can no longer be dropped: their lists of gained places are not needed.
  const gainedDone: Buffer[] = [];
  for (const k of t.gainedNodes.getKeys({ end: Buffer.from(u64(oldest + 1)) }))
    gainedDone.push(Buffer.from(k as Buffer));
  for (const k of gainedDone) t.gainedNodes.removeSync(k);
}
