// Worker side of HashPool: answers each request with this thread's own crypto backend, then bumps the
// shared counter that the caller blocks on (its event loop is not running while it waits). Storage
// jobs read the committed trie nodes through this thread's own read transaction on the database.
import { type MessagePort, workerData } from 'node:worker_threads';
import { FileAhead } from '../db/file-ahead.js';
import { NodePageReader } from '../db/node-pages.js';
import { RecentNodes } from '../db/recent-nodes.js';
import { openTables, type Tables } from '../db/tables.js';
import { StateError } from '../errors.js';
import { STATE_DEFAULTS } from '../options.js';
import { pedersenHasher, poseidonHasher } from '../trie/hasher.js';
import type { HashAnswer, HashRequest } from './hash-pool.js';
import { type RecordReader, runStorageJob } from './storage-job.js';
import { hashTreeJobRecords } from './tree-job.js';

const { port, done } = workerData as { port: MessagePort; done: Int32Array };

/** The database that storage jobs read (opened read-only on the first one: it shares the caller's environment). */
let tables: { path: string; tables: Tables } | undefined;
let pages: NodePageReader | undefined;
/** Reads the file past its used end while this thread waits (file-ahead.ts): the caller's next commit writes there. */
let ahead: FileAhead | undefined;
/** The last blocks' new nodes, shared by the caller (who says how many to keep). */
let recent = new RecentNodes(STATE_DEFAULTS.recentBlocksInMemory);

function recordReader(path: string): RecordReader {
  if (tables?.path !== path) {
    const t = openTables(path, undefined, true);
    tables = { path, tables: t };
    pages = new NodePageReader(() => t.nodes);
    ahead?.close();
    ahead = new FileAhead(path, () => {
      const s = t.root.getStats() as { lastPageNumber: number; pageSize: number };
      return (s.lastPageNumber + 1) * s.pageSize;
    });
  }
  // See the commit that the caller made last, not a snapshot from an earlier job.
  tables.tables.root.resetReadTxn();
  const p = pages!;
  return {
    getRecord: (hash, offset, block) =>
      recent.getRecord(hash, offset, block) ?? p.getRecord(hash, offset, block),
  };
}

async function answer(req: HashRequest): Promise<HashAnswer> {
  const hasher = req.kind === 'pedersen' ? pedersenHasher : poseidonHasher;
  switch (req.op) {
    case 'pairs':
      return hasher.hashMany(req.a, req.b);
    case 'trees':
      // A job that the caller took back (claim 2) is answered empty.
      if (req.claim && Atomics.compareExchange(req.claim, 0, 0, 1) !== 0) return new Uint8Array(0);
      return hashTreeJobRecords(req.job, hasher);
    case 'storage': {
      if (Atomics.compareExchange(req.claim, 0, 0, 1) !== 0) return null;
      const reader = recordReader(req.path);
      try {
        return runStorageJob(reader, req.job, hasher);
      } finally {
        tables?.tables.root.resetReadTxn();
        ahead?.schedule();
      }
    }
    case 'recent':
      if (recent.capacity !== req.keep) recent = new RecentNodes(req.keep);
      recent.add(req.nodes);
      return null;
    case 'forget':
      pages?.forget();
      recent.clear();
      return null;
    case 'close': {
      const t = tables;
      tables = undefined;
      pages = undefined;
      ahead?.close();
      ahead = undefined;
      await t?.tables.root.close();
      return null;
    }
  }
}

port.on('message', async (req: HashRequest) => {
  let out: HashAnswer | { error: string; code?: string };
  try {
    out = await answer(req);
  } catch (e) {
    out = e instanceof StateError ? { error: e.message, code: e.code } : { error: String(e) };
  }
  if (req.op === 'forget' || req.op === 'recent') return;
  // Records move to the caller without a copy.
  const records = out instanceof Uint8Array ? out : out && 'records' in out ? out.records : undefined;
  port.postMessage(out, records ? [records.buffer as ArrayBuffer] : []);
  Atomics.add(done, 0, 1);
  Atomics.notify(done, 0);
});
