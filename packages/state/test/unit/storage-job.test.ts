import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { P } from '@starling/felt';
import { decodeRecord, NODE_RECORD, recordHash } from '../../src/db/node-record.ts';
import { StateError } from '../../src/errors.ts';
import {
  addSmall,
  type RecordReader,
  runStorageJob,
  type StorageJob,
} from '../../src/parallel/storage-job.ts';
import { pedersenHasher, type TrieHasher } from '../../src/trie/hasher.ts';
import { sortUpdates } from '../../src/trie/updates.ts';
import { readWordAt, viewOf, writeWordAt } from '../../src/trie/word.ts';
import { rng } from '../helpers/random.ts';
import { BOUNDARY_KEYS, mixHasher, randomKey, referenceRoot } from '../helpers/reference-trie.ts';

/** The stand-in hash with the bytes form that storage jobs use (big-endian 32-byte words). */
const mixBytes: TrieHasher = {
  ...mixHasher,
  hashManyBytes(a, b, out) {
    const word = (bytes: Uint8Array, i: number) => {
      let x = 0n;
      for (let j = 0; j < 32; j++) x = (x << 8n) | BigInt(bytes[32 * i + j]!);
      return x;
    };
    for (let i = 0; i < a.length / 32; i++) {
      let h = mixHasher.hash(word(a, i), word(b, i));
      for (let j = 31; j >= 0; j--, h >>= 8n) out[32 * i + j] = Number(h & 0xffn);
    }
  },
};

/** Records kept in memory by (block, hash), as a database keeps them. */
class RecordStore implements RecordReader {
  readonly records = new Map<string, Uint8Array>();
  add(block: number, records: Uint8Array): void {
    for (let o = 0; o < records.length; o += NODE_RECORD) {
      const r = records.slice(o, o + NODE_RECORD);
      this.records.set(`${block}:${recordHash(viewOf(r), 0)}`, r);
    }
  }
  getRecord(hash: Uint8Array, offset: number, block: number) {
    const r = this.records.get(`${block}:${readWordAt(viewOf(hash), offset)}`);
    return r ? { bytes: r, offset: 0 } : undefined;
  }
}

/** Checks a job's records: each hash is the hash of the record's content. */
function checkRecords(records: Uint8Array, h: TrieHasher): void {
  const view = viewOf(records);
  for (let o = 0; o < records.length; o += NODE_RECORD) {
    const n = decodeRecord(view, o);
    const expected =
      n.kind === 'binary' ? h.hash(n.left, n.right) : (h.hash(n.child, n.path) + BigInt(n.length)) % P;
    assert.equal(recordHash(view, o), expected);
  }
}

/** The leaf at `key` read through the stored records (children located by their blocks). */
function leafAt(store: RecordStore, root: bigint, rootBlock: number, key: bigint): bigint {
  let hash = root;
  let block = rootBlock;
  let depth = 0;
  const scratch = new Uint8Array(32);
  while (hash !== 0n && depth < 251) {
    writeWordAt(viewOf(scratch), 0, hash);
    const r = store.getRecord(scratch, 0, block);
    assert.ok(r, `node ${hash.toString(16)} of block ${block} is stored`);
    const n = decodeRecord(viewOf(r.bytes), r.offset);
    if (n.kind === 'binary') {
      const right = (key >> BigInt(250 - depth)) & 1n;
      [hash, block] = right ? [n.right, n.rightBlock!] : [n.left, n.leftBlock!];
      depth++;
    } else {
      const bits = (key >> BigInt(251 - depth - n.length)) & ((1n << BigInt(n.length)) - 1n);
      if (bits !== n.path) return 0n;
      [hash, block] = [n.child, n.childBlock!];
      depth += n.length;
    }
  }
  return hash;
}

function run(seed: number, rounds: number, batch: number, h: TrieHasher, clustered: boolean): void {
  const r = rng(seed);
  const store = new RecordStore();
  const tries = Array.from({ length: 3 }, () => ({
    model: new Map<bigint, bigint>(),
    root: 0n,
    rootBlock: 0,
  }));
  for (let round = 1; round <= rounds; round++) {
    const job: StorageJob = {
      block: round,
      tries: tries.map((t) => {
        const present = [...t.model.keys()];
        const updates: [bigint, bigint][] = [];
        for (let i = 0; i < batch; i++) {
          const key =
            r() < 0.3 && present.length > 0
              ? present[Math.floor(r() * present.length)]!
              : randomKey(r, 251, clustered);
          // A third of the writes delete; some keys are written twice (the last write wins).
          updates.push([key, r() < 0.33 ? 0n : BigInt(1 + Math.floor(r() * 1e9))]);
        }
        for (const [k, v] of updates) t.model.set(k, v);
        return { ...sortUpdates(updates, 251), root: t.root, rootBlock: t.rootBlock };
      }),
    };
    const out = runStorageJob(store, job, h);
    checkRecords(out.records, h);
    store.add(round, out.records);
    tries.forEach((t, i) => {
      t.root = out.roots[i]!;
      t.rootBlock = out.rootBlocks[i]!;
      assert.equal(t.root, referenceRoot(t.model, 251, h), `seed ${seed} round ${round} trie ${i}`);
      for (const [k, v] of [...t.model].slice(0, 25)) assert.equal(leafAt(store, t.root, t.rootBlock, k), v);
    });
  }
}

describe('storage jobs (tries planned and hashed on stored records)', () => {
  it('random batches, spread keys: roots equal a from-scratch reference, records hash and read back', () => {
    for (let seed = 1; seed <= 4; seed++) run(seed, 10, 40, mixBytes, false);
  });
  it('random batches, clustered keys (edge splits and merges)', () => {
    for (let seed = 10; seed <= 14; seed++) run(seed, 10, 30, mixBytes, true);
  });
  it('with real Pedersen (the bytes kernel)', () => {
    run(99, 3, 60, pedersenHasher, false);
  });

  it('boundary keys inserted and deleted one by one; deleting every leaf gives the empty root', () => {
    const keys = BOUNDARY_KEYS;
    const store = new RecordStore();
    const model = new Map<bigint, bigint>();
    let root = 0n;
    let rootBlock = 0;
    let block = 0;
    const step = (k: bigint, v: bigint) => {
      model.set(k, v);
      block++;
      const out = runStorageJob(
        store,
        { block, tries: [{ ...sortUpdates([[k, v]], 251), root, rootBlock }] },
        mixBytes,
      );
      store.add(block, out.records);
      root = out.roots[0]!;
      rootBlock = out.rootBlocks[0]!;
      assert.equal(root, referenceRoot(model, 251, mixBytes));
    };
    for (const [i, k] of keys.entries()) step(k, BigInt(i + 1));
    for (const k of keys) step(k, 0n);
    assert.equal(root, 0n);
    assert.equal(rootBlock, 0);
  });

  it('edge lengths are added modulo p, carries and wrap-around included', () => {
    const word = viewOf(new Uint8Array(32));
    for (const [h, len] of [
      [P - 1n, 1],
      [P - 3n, 250],
      [P - 251n, 251],
      [(1n << 32n) - 1n, 1],
      [(1n << 192n) - 7n, 200],
      [17n << 192n, 251],
      [0n, 0],
    ] as const) {
      writeWordAt(word, 0, h);
      addSmall(word, 0, len);
      assert.equal(readWordAt(word, 0), (h + BigInt(len)) % P, `${h} + ${len}`);
    }
  });

  it('a missing or corrupt node gets a typed error', () => {
    const store = new RecordStore();
    const tries = [{ ...sortUpdates([[5n, 1n]], 251), root: 0x1234n, rootBlock: 3 }];
    assert.throws(
      () => runStorageJob(store, { block: 4, tries }, mixBytes),
      (e) => e instanceof StateError && e.code === 'MISSING_NODE',
    );
    const bad = new Uint8Array(NODE_RECORD);
    writeWordAt(viewOf(bad), 0, 0x1234n);
    bad[32] = 7;
    store.add(3, bad);
    assert.throws(
      () => runStorageJob(store, { block: 4, tries }, mixBytes),
      (e) => e instanceof StateError && e.code === 'CORRUPT_NODE',
    );
  });
});
