import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { P } from '@starling/felt';
import { parseGatewayStateDiff } from '@starling/protocol';
import { vectorsDir } from '../../../../scripts/shared-paths.ts';
import { openTables } from '../../src/db/tables.ts';
import {
  CachedState,
  MemoryState,
  StateDatabase,
  type StateDiff,
  StateError,
  verifyStorageProof,
} from '../../src/index.ts';
import { randomDiff, randomFelt, rng } from '../helpers/random.ts';

const dirs: string[] = [];
function tempDb(options: { pruneKeepBlocks?: number; globalRootRule?: 'legacy' | 'v0_14' } = {}) {
  const path = mkdtempSync(join(tmpdir(), 'starling-state-'));
  dirs.push(path);
  return { path, db: StateDatabase.open({ path, ...options }) };
}
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function isStateError(code: string) {
  return (e: unknown) => e instanceof StateError && e.code === code;
}

describe('StateDatabase', () => {
  it('commits the mainnet genesis state update to its published root', async () => {
    const su = JSON.parse(
      readFileSync(join(vectorsDir, 'blocks', 'pre_0.7.0_mainnet_genesis.state_update.json'), 'utf8'),
    );
    const { db } = tempDb({ globalRootRule: 'legacy' });
    const res = db.commitBlock({
      blockNumber: 0,
      stateDiff: parseGatewayStateDiff(su.state_diff),
      blockHash: BigInt(su.block_hash),
    });
    assert.equal(res.stateRoot, BigInt(su.new_root));
    const first = Object.entries(
      su.state_diff.storage_diffs as Record<string, { key: string; value: string }[]>,
    )[0]!;
    assert.equal(db.getStorageAt(BigInt(first[0]), BigInt(first[1][0]!.key), 0), BigInt(first[1][0]!.value));
    assert.equal(db.getBlockNumberByHash(BigInt(su.block_hash)), 0);
    await db.close();
  });

  it('archive: every block readable, roots equal the in-memory state, reopen keeps everything', async () => {
    const r = rng(7);
    const contracts = Array.from({ length: 4 }, () => randomFelt(r, 251));
    const keys = Array.from({ length: 12 }, () => randomFelt(r, 251));
    const { path, db } = tempDb();
    const mem = new MemoryState();
    const snapshots: Map<string, bigint>[] = [];
    const model = new Map<string, bigint>();
    // The block of each key's last write, per block: the model of getStorageLastUpdateBlock.
    const written = new Map<string, number>();
    const writtenAt: Map<string, number>[] = [];
    const diffs: StateDiff[] = [];
    for (let n = 0; n < 6; n++) {
      const diff = randomDiff(r, contracts, keys, 10);
      diffs.push(diff);
      const res = db.commitBlock({ blockNumber: n, stateDiff: diff, blockHash: BigInt(1000 + n) });
      const c = mem.apply(diff);
      assert.equal(res.stateRoot, c.stateRoot);
      for (const sd of diff.storageDiffs)
        for (const e of sd.entries) {
          model.set(`${sd.address}:${e.key}`, e.value);
          written.set(`${sd.address}:${e.key}`, n);
        }
      snapshots.push(new Map(model));
      writtenAt.push(new Map(written));
    }
    await db.close();
    const db2 = StateDatabase.open({ path });
    assert.equal(db2.latestBlockNumber(), 5);
    for (let n = 0; n < 6; n++) {
      for (const a of contracts)
        for (const k of keys) {
          assert.equal(db2.getStorageAt(a, k, n), snapshots[n]!.get(`${a}:${k}`) ?? 0n);
          assert.equal(db2.getStorageLastUpdateBlock(a, k, n), writtenAt[n]!.get(`${a}:${k}`));
        }
      assert.deepEqual(db2.getStateDiff(n).storageDiffs, diffs[n]!.storageDiffs);
    }
    assert.equal(db2.getRoots().stateRoot, mem.roots.stateRoot);
    await db2.close();
  });

  it('storage proofs verify, prove absence, and reject tampering', async () => {
    const r = rng(11);
    const contracts = Array.from({ length: 3 }, () => randomFelt(r, 251));
    const keys = Array.from({ length: 8 }, () => randomFelt(r, 251));
    const { db } = tempDb();
    const declared = { classHash: 0x77n, compiledClassHash: 0x88n };
    db.commitBlock({
      blockNumber: 0,
      stateDiff: {
        ...randomDiff(r, contracts, keys, 12),
        deployedContracts: contracts.map((address) => ({ address, classHash: 0x42n })),
        declaredClasses: [declared],
      },
      blockHash: 0xb0n,
    });
    db.commitBlock({ blockNumber: 1, stateDiff: randomDiff(r, contracts, keys, 6), blockHash: 0xb1n });
    for (const block of [0, 1]) {
      const req = {
        classHashes: [0x77n, 0x99n],
        contractAddresses: [...contracts, 0x5n],
        contractsStorageKeys: [{ contractAddress: contracts[0]!, storageKeys: [...keys, 0x3n] }],
      };
      const proof = db.getStorageProof(block, req);
      const v = verifyStorageProof(proof, req);
      assert.equal(v.stateRoot, db.getRoots(block).stateRoot);
      assert.equal(proof.global_roots.block_hash, block === 0 ? '0xb0' : '0xb1');
      assert.deepEqual(
        v.storage[0],
        [...keys, 0x3n].map((k) => db.getStorageAt(contracts[0]!, k, block)),
      );
      assert.equal(v.contracts[3]!.classHash, 0n);
      assert.notEqual(v.classLeaves[0], 0n);
      assert.equal(v.classLeaves[1], 0n);
      const bad = structuredClone(proof);
      bad.contracts_proof.contract_leaves_data[0]!.nonce = '0x12345';
      assert.throws(() => verifyStorageProof(bad, req), isStateError('INVALID_PROOF'));
      const bad2 = structuredClone(proof);
      const node = bad2.contracts_storage_proofs[0]![0]!.node;
      if ('left' in node) node.left = '0x1';
      else node.child = '0x1';
      assert.throws(() => verifyStorageProof(bad2, req), isStateError('INVALID_PROOF'));
    }
    await db.close();
  });

  it('getEvents: range, address, keys, pagination equal a brute-force filter', async () => {
    const r = rng(3);
    const { db } = tempDb();
    const addrs = [0x10n, 0x20n, 0x30n];
    const all: { block: number; tx: number; ev: number; from: bigint; keys: bigint[] }[] = [];
    for (let n = 0; n < 4; n++) {
      const transactions = Array.from({ length: 3 }, (_, i) => {
        const events = Array.from({ length: Math.floor(r() * 4) }, (_, j) => {
          const e = {
            fromAddress: addrs[Math.floor(r() * 3)]!,
            keys: [BigInt(Math.floor(r() * 3)), 7n],
            data: [BigInt(j)],
          };
          all.push({ block: n, tx: i, ev: j, from: e.fromAddress, keys: [...e.keys] });
          return e;
        });
        return { hash: BigInt(n * 100 + i + 1), transaction: { n, i }, receipt: { ok: true }, events };
      });
      db.commitBlock({
        blockNumber: n,
        stateDiff: randomDiff(r, [0x99n], [0x1n], 1),
        blockHash: BigInt(5000 + n),
        transactions,
      });
    }
    const filters = [
      { fromBlock: 1, toBlock: 2 },
      { address: 0x20n },
      { keys: [[1n, 2n]] },
      { address: 0x10n, keys: [[0n], [7n]], fromBlock: 0, toBlock: 3 },
      { keys: [[], [8n]] },
    ];
    for (const f of filters) {
      const expected = all.filter(
        (e) =>
          e.block >= (f.fromBlock ?? 0) &&
          e.block <= (f.toBlock ?? 3) &&
          (f.address === undefined || e.from === f.address) &&
          (f.keys ?? []).every((ks, i) => ks.length === 0 || ks.includes(e.keys[i]!)),
      );
      const got: typeof expected = [];
      let token: string | undefined;
      do {
        const page = db.getEvents({ ...f, chunkSize: 2, continuationToken: token });
        assert.ok(page.events.length <= 2);
        for (const e of page.events) {
          got.push({
            block: e.blockNumber,
            tx: e.transactionIndex,
            ev: e.eventIndex,
            from: e.fromAddress,
            keys: [...e.keys],
          });
          assert.equal(e.transactionHash, BigInt(e.blockNumber * 100 + e.transactionIndex + 1));
          assert.equal(e.blockHash, BigInt(5000 + e.blockNumber));
        }
        token = page.continuationToken;
      } while (token);
      assert.deepEqual(got, expected);
    }
    const tx = db.getTransaction(102n);
    assert.deepEqual([tx?.blockNumber, tx?.index, tx?.receipt], [1, 1, { ok: true }]);
    assert.equal(db.getBlockTransactions(2).length, 3);
    assert.throws(
      () => db.getEvents({ chunkSize: 2, continuationToken: 'x' }),
      isStateError('INVALID_CONTINUATION_TOKEN'),
    );
    await db.close();
  });

  it('block witnesses equal the nodes each commit read and created', async () => {
    const r = rng(5);
    const contracts = [randomFelt(r, 251), randomFelt(r, 251), randomFelt(r, 251)];
    const keys = Array.from({ length: 10 }, () => randomFelt(r, 251));
    const { db } = tempDb();
    const mem = new MemoryState();
    for (let n = 0; n < 6; n++) {
      const diff = randomDiff(r, contracts, keys, n === 0 ? 20 : 6);
      db.commitBlock({ blockNumber: n, stateDiff: diff });
      const c = mem.apply(diff);
      const w = db.getBlockWitness(n);
      assert.deepEqual(new Set(w.pedersen.read.keys()), new Set(c.pedersenNodes.read.keys()), `read ${n}`);
      assert.deepEqual(
        new Set(w.pedersen.created.keys()),
        new Set(c.pedersenNodes.created.keys()),
        `created ${n}`,
      );
      assert.deepEqual(new Set(w.poseidon.read.keys()), new Set(c.poseidonNodes.read.keys()));
      assert.deepEqual(new Set(w.poseidon.created.keys()), new Set(c.poseidonNodes.created.keys()));
    }
    await db.close();
  });

  it('pruning keeps the last K blocks readable', async () => {
    const r = rng(9);
    const { db } = tempDb({ pruneKeepBlocks: 2 });
    const a = 0xabcn;
    for (let n = 0; n < 5; n++)
      db.commitBlock({
        blockNumber: n,
        stateDiff: {
          ...randomDiff(r, [a], [0x1n], 0),
          storageDiffs: [{ address: a, entries: [{ key: 1n, value: BigInt(n + 1) }] }],
        },
      });
    assert.equal(db.getStorageAt(a, 1n, 4), 5n);
    assert.equal(db.getStorageAt(a, 1n, 3), 4n);
    assert.throws(() => db.getStorageAt(a, 1n, 2), isStateError('BLOCK_PRUNED'));
    await db.close();
  });

  it('the protocol StateReader reads stored classes (Cairo 0 here) and tells undeclared ones apart', async () => {
    const { db } = tempDb();
    const legacy = { program: { data: ['0x1'] }, abi: [] };
    db.commitBlock({
      blockNumber: 0,
      stateDiff: {
        ...randomDiff(rng(6), [0x5n], [0x6n], 0),
        declaredClasses: [],
        deprecatedDeclaredClasses: [0xabn],
      },
      classes: [{ classHash: 0xabn, legacy }],
    });
    const r = db.stateReader(0);
    assert.deepEqual(r.getClass(0xabn), { kind: 'CAIRO0', definition: legacy });
    assert.equal(r.getCompiledClassHash(0xabn), 0n);
    assert.equal(r.getCompiledClass(0xabn), undefined);
    assert.equal(r.getClass(0xacn), undefined);
    assert.equal(r.getCompiledClassHash(0xacn), 0n);
    await db.close();
  });

  it('a CachedState over a pinned reader yields the diff of the next block', async () => {
    const { db } = tempDb();
    db.commitBlock({
      blockNumber: 0,
      stateDiff: {
        ...randomDiff(rng(4), [0x5n], [0x6n], 0),
        storageDiffs: [{ address: 5n, entries: [{ key: 6n, value: 7n }] }],
      },
    });
    const state = new CachedState(db.stateReader(0));
    state.beginTransaction();
    state.setStorageAt(5n, 6n, 8n);
    state.setStorageAt(5n, 9n, 1n);
    state.commitTransaction();
    state.beginTransaction();
    state.setStorageAt(5n, 6n, 100n);
    state.rollbackTransaction();
    db.commitBlock({ blockNumber: 1, stateDiff: state.toStateDiff() });
    assert.equal(db.getStorageAt(5n, 6n), 8n);
    assert.equal(db.getStorageAt(5n, 9n), 1n);
    assert.equal(db.getStorageAt(5n, 6n, 0), 7n);
    // The pinned reader still reads block 0.
    assert.equal(db.reader(0).getStorageAt(5n, 6n), 7n);
    await db.close();
  });

  it('a database in another storage layout is refused with a typed error', async () => {
    const { path, db } = tempDb();
    db.commitBlock({ blockNumber: 0, stateDiff: randomDiff(rng(3), [0x5n], [0x6n], 2) });
    await db.close();
    // A database of the earlier layout has blocks but no format mark.
    const t = openTables(path);
    await t.meta.remove(Buffer.from('format'));
    await t.root.close();
    assert.throws(() => StateDatabase.open({ path }), isStateError('INCOMPATIBLE_DATABASE'));
    const t2 = openTables(path);
    await t2.meta.put(Buffer.from('format'), Buffer.from([1]));
    await t2.root.close();
    assert.throws(() => StateDatabase.open({ path }), isStateError('INCOMPATIBLE_DATABASE'));
  });

  it('a stored block number cut short gives CORRUPT_RECORD', async () => {
    const { db } = tempDb();
    db.commitBlock({ blockNumber: 0, stateDiff: randomDiff(rng(3), [0x5n], [0x6n], 2) });
    db.tables.meta.putSync(Buffer.from('latest'), Buffer.from([0, 0, 0, 1]));
    assert.throws(() => db.latestBlockNumber(), isStateError('CORRUPT_RECORD'));
    assert.throws(() => db.getStorageAt(0x5n, 0x6n), isStateError('CORRUPT_RECORD'));
    await db.close();
  });

  it('bad input gets typed errors', async () => {
    const { db } = tempDb();
    assert.throws(() => db.getStorageAt(1n, 1n), isStateError('UNKNOWN_BLOCK'));
    db.commitBlock({ blockNumber: 0, stateDiff: randomDiff(rng(1), [0x5n], [0x6n], 1) });
    assert.throws(() => db.getStorageAt(1n, 1n, 3), isStateError('UNKNOWN_BLOCK'));
    assert.throws(() => db.getStorageLastUpdateBlock(5n, 6n, 3), isStateError('UNKNOWN_BLOCK'));
    assert.throws(() => db.getStorageLastUpdateBlock(5n, 1n << 251n), isStateError('INVALID_KEY'));
    assert.throws(() => db.getStorageAt(1n << 251n, 1n), isStateError('INVALID_KEY'));
    assert.throws(() => db.getStorageAt(1n, 1n << 251n), isStateError('INVALID_KEY'));
    const base = randomDiff(rng(2), [0x5n], [0x6n], 0);
    assert.throws(
      () =>
        db.commitBlock({
          blockNumber: 1,
          stateDiff: { ...base, storageDiffs: [{ address: 5n, entries: [{ key: 1n << 251n, value: 1n }] }] },
        }),
      isStateError('INVALID_KEY'),
    );
    assert.throws(
      () =>
        db.commitBlock({
          blockNumber: 1,
          stateDiff: { ...base, storageDiffs: [{ address: 5n, entries: [{ key: 1n, value: P }] }] },
        }),
      isStateError('INVALID_VALUE'),
    );
    assert.throws(
      () =>
        db.commitBlock({
          blockNumber: 1,
          stateDiff: { ...base, nonces: [{ address: 1n << 251n, nonce: 1n }] },
        }),
      isStateError('INVALID_KEY'),
    );
    // A field of the wrong type (from untyped callers), in a section checked only after the tries hash.
    const numberTyped = { classHash: 7n, compiledClassHash: 7 as unknown as bigint };
    assert.throws(
      () => db.commitBlock({ blockNumber: 1, stateDiff: { ...base, declaredClasses: [numberTyped] } }),
      isStateError('INVALID_VALUE'),
    );
    assert.throws(
      () => db.commitBlock({ blockNumber: 5, stateDiff: base }),
      isStateError('BLOCK_OUT_OF_ORDER'),
    );
    assert.throws(() => db.getBlockWitness(9), isStateError('UNKNOWN_BLOCK'));
    assert.throws(() => db.getClass(0x1n), isStateError('CLASS_NOT_FOUND'));
    // A failed commit wrote nothing.
    assert.equal(db.latestBlockNumber(), 0);
    await db.close();
    assert.throws(() => db.latestBlockNumber(), isStateError('DATABASE_CLOSED'));
  });
});
