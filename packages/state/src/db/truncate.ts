import type { Database } from 'lmdb';
import { decodeStateDiff } from './diff-codec.js';
import { latestAt } from './history.js';
import { decodeJson } from './json.js';
import { key, META, u32, u64 } from './keys.js';
import type { Tables } from './tables.js';
import { dropPlace, EVENT_KEY_INDEX_DEPTH } from './write-block.js';

/** Removes every key ≥ `start` of `db` (its keys sort by block first). */
function removeFrom(db: Database<Buffer, Buffer>, start: Buffer): void {
  const keys: Buffer[] = [];
  for (const k of db.getKeys({ start })) keys.push(Buffer.from(k as Buffer));
  for (const k of keys) db.removeSync(k);
}

/**
 * Deletes every record of the blocks after `keep` (latest ≥ keep), inside the caller's write
 * transaction: trie nodes those blocks created, contract and storage history, class declarations,
 * blocks, roots, transactions, receipts, events and their indexes, state diffs, pruning lists, and
 * the places those blocks gave to kept nodes.
 */
export function truncateBlocks(t: Tables, keep: number, latest: number): void {
  for (let n = latest; n > keep; n--) {
    const b = u64(n);
    const diffBytes = t.stateDiffs.getBinary(Buffer.from(b));
    if (diffBytes) {
      const diff = decodeStateDiff(diffBytes);
      const touched = new Set<bigint>();
      for (const sd of diff.storageDiffs) {
        touched.add(sd.address);
        for (const e of sd.entries) t.storage.removeSync(key(sd.address, e.key, b));
      }
      for (const c of [...diff.deployedContracts, ...diff.replacedClasses]) touched.add(c.address);
      for (const c of diff.nonces) touched.add(c.address);
      for (const a of touched) t.contracts.removeSync(key(a, b));
      const declared = [
        ...diff.declaredClasses.map((c) => c.classHash),
        ...diff.deprecatedDeclaredClasses,
        ...(diff.migratedCompiledClasses ?? []).map((c) => c.classHash),
      ];
      for (const h of declared) {
        t.classHashes.removeSync(key(h, b));
        // A definition stays only while some kept block still declares the class.
        if (!latestAt(t.classHashes, key(h), keep)) t.classDefs.removeSync(key(h));
      }
      t.stateDiffs.removeSync(Buffer.from(b));
    }
    const blockDoc = t.blocks.getBinary(Buffer.from(b));
    if (blockDoc) {
      const doc = decodeJson<{ blockHash?: string; transactionCount: number }>(blockDoc);
      if (doc.blockHash !== undefined) t.blockHashes.removeSync(key(BigInt(doc.blockHash)));
      for (let i = 0; i < doc.transactionCount; i++) {
        const pos = key(b, u32(i));
        const tx = t.transactions.getBinary(pos);
        if (tx) t.txHashes.removeSync(key(BigInt(decodeJson<{ hash: string }>(tx).hash)));
        t.transactions.removeSync(pos);
      }
      t.blocks.removeSync(Buffer.from(b));
    }
    removeEvents(t, b);
    t.roots.removeSync(Buffer.from(b));
    t.staleNodes.removeSync(Buffer.from(b));
    // Places this block gave to kept nodes go with it (so that pruning can still free those nodes).
    const gained = t.gainedNodes.getBinary(Buffer.from(b));
    if (gained) {
      const list = Buffer.from(gained);
      for (let i = 0; i + 36 <= list.length; i += 36)
        if (list.readUInt32BE(i) <= keep) dropPlace(t, Buffer.from(list.subarray(i, i + 36)));
      t.gainedNodes.removeSync(Buffer.from(b));
    }
  }
  // Trie nodes and place counts are keyed by their block (u32) first.
  const after = Buffer.from(u32(keep + 1));
  removeFrom(t.nodes, after);
  removeFrom(t.nodeRefs, after);
  t.meta.putSync(META.latest, Buffer.from(u64(keep)));
}

function removeEvents(t: Tables, b: Uint8Array): void {
  const positions: Buffer[] = [];
  for (const { key: k, value } of t.events.getRange({ start: Buffer.from(b), end: key(u64(readNext(b))) })) {
    const evPos = Buffer.from(k as Buffer);
    positions.push(evPos);
    const doc = decodeJson<{ from: string; keys: string[] }>(value);
    const from = BigInt(doc.from);
    t.eventsByAddress.removeSync(key(from, evPos));
    for (let p = 0; p < Math.min(doc.keys.length, EVENT_KEY_INDEX_DEPTH); p++) {
      const k = BigInt(doc.keys[p]!);
      t.eventsByKey.removeSync(key(u32(p), k, evPos));
      t.eventsByAddressKey.removeSync(key(from, u32(p), k, evPos));
    }
  }
  for (const p of positions) t.events.removeSync(p);
}

/** The block number after the big-endian u64 `b`. */
function readNext(b: Uint8Array): number {
  return Number(new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0)) + 1;
}
