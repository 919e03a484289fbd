import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { autoCrypto, getCryptoBackend, pedersen, referenceCrypto } from '@starling/crypto';
import { contractStateLeaf, globalStateRoot, patriciaRoot } from '@starling/protocol';
import { NODE_RECORD, recordHash } from '../../src/db/node-record.ts';
import {
  MemoryNodeStore,
  planUpdate,
  StateDatabase,
  type StateDiff,
  sortUpdates,
  verifyStorageProof,
} from '../../src/index.ts';
import { HashPool } from '../../src/parallel/hash-pool.ts';
import { flattenTrees } from '../../src/parallel/tree-job.ts';
import { pooledHashers } from '../../src/trie/hasher.ts';
import { viewOf } from '../../src/trie/word.ts';
import { randomFelt, rng } from '../helpers/random.ts';

const local = (_kind: string, a: readonly bigint[], b: readonly bigint[]) =>
  referenceCrypto.pedersenMany(a, b);

/** A diff of storage writes per contract, deploying `deployed` (class 0x99). */
function storageDiff(writes: Map<bigint, Map<bigint, bigint>>, deployed: readonly bigint[]): StateDiff {
  return {
    storageDiffs: [...writes].map(([address, m]) => ({
      address,
      entries: [...m].map(([key, value]) => ({ key, value })),
    })),
    nonces: [],
    deployedContracts: deployed.map((address) => ({ address, classHash: 0x99n })),
    replacedClasses: [],
    declaredClasses: [],
    deprecatedDeclaredClasses: [],
    migratedCompiledClasses: [],
  };
}

describe('hashing on worker threads', () => {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a pool splits a batch and returns the hashes in order (checked against @scure/starknet)', async () => {
    const r = rng(7);
    const a = Array.from({ length: 300 }, () => randomFelt(r));
    const b = Array.from({ length: 300 }, () => randomFelt(r));
    const pool = new HashPool(2, 16);
    try {
      const got = pool.hashMany('pedersen', a, b, local);
      assert.deepEqual(got, referenceCrypto.pedersenMany(a, b));
    } finally {
      await pool.close();
    }
  });

  it('a queued tree job is hashed once: by a worker, or by the caller that takes it back first', async () => {
    const r = rng(5);
    const leaves = Array.from({ length: 200 }, () => ({
      key: randomFelt(r, 251),
      value: randomFelt(r, 251),
    }));
    const root = patriciaRoot(leaves, 251, pedersen);
    const planned = planUpdate(
      new MemoryNodeStore(),
      251,
      0n,
      sortUpdates(
        leaves.map((l): [bigint, bigint] => [l.key, l.value]),
        251,
      ),
      new Map(),
    );
    const { job, rootIndex } = flattenTrees([planned], 7);
    const pool = new HashPool(2);
    try {
      const offload = pooledHashers(pool).pedersen.offload?.();
      assert.ok(offload);
      // The workers are still starting: the caller takes the job back, and the worker answers empty.
      const first = offload.submit(job);
      const stolen = first.steal();
      assert.ok(stolen);
      assert.equal(stolen.length, job.edge.length * NODE_RECORD);
      assert.equal(recordHash(viewOf(stolen), rootIndex[0]! * NODE_RECORD), root);
      assert.equal(first.take().length, 0);
      assert.equal(first.steal(), undefined);
      // Not taken back: the worker hashes it.
      const second = offload.submit(job);
      const hashed = second.take();
      assert.deepEqual(hashed, stolen);
      assert.equal(second.steal(), undefined);
    } finally {
      await pool.close();
    }
  });

  for (const pruneKeepBlocks of [undefined, 2])
    it(`large commits hashed by workers give the roots of a from-scratch computation, and their nodes prove storage (${pruneKeepBlocks === undefined ? 'archive' : 'pruned'})`, async () => {
      // The offloaded path runs only with the automatic backend (the one the workers run).
      assert.equal(getCryptoBackend(), autoCrypto);
      const path = mkdtempSync(join(tmpdir(), 'starling-state-par-'));
      dirs.push(path);
      const db = StateDatabase.open({
        path,
        hashWorkers: 2,
        ...(pruneKeepBlocks ? { pruneKeepBlocks } : {}),
      });
      const r = rng(11);
      const contracts = Array.from({ length: 3 }, () => randomFelt(r, 251));
      const storage = new Map<bigint, Map<bigint, bigint>>(contracts.map((c) => [c, new Map()]));
      const keys: bigint[] = [];
      try {
        for (let block = 0; block < 3; block++) {
          const writes = new Map<bigint, Map<bigint, bigint>>();
          for (let i = 0; i < 700; i++) {
            const c = contracts[Math.floor(r() * contracts.length)]!;
            const reuse = block > 0 && r() < 0.5;
            const k = reuse ? keys[Math.floor(r() * keys.length)]! : randomFelt(r, 251);
            if (!reuse) keys.push(k);
            const v = reuse && r() < 0.3 ? 0n : randomFelt(r, 251);
            if (!writes.has(c)) writes.set(c, new Map());
            writes.get(c)!.set(k, v);
            storage.get(c)!.set(k, v);
          }
          const diff = storageDiff(writes, block === 0 ? contracts : []);
          const got = db.commitBlock({ blockNumber: block, stateDiff: diff });
          const leaves = contracts.map((c) => {
            const root = patriciaRoot(
              [...storage.get(c)!].map(([key, value]) => ({ key, value })),
              251,
              pedersen,
            );
            return { key: c, value: contractStateLeaf(0x99n, root, 0n) };
          });
          const contractsRoot = patriciaRoot(leaves, 251, pedersen);
          assert.equal(got.contractsRoot, contractsRoot, `contracts root of block ${block}`);
          assert.equal(got.stateRoot, globalStateRoot(contractsRoot, 0n), `state root of block ${block}`);
          // The nodes the workers encoded read back: proofs of written and never-written keys verify.
          const c = contracts[block % contracts.length]!;
          const req = {
            contractAddresses: [c],
            contractsStorageKeys: [
              { contractAddress: c, storageKeys: [...keys.slice(-40), randomFelt(r, 251)] },
            ],
          };
          const proven = verifyStorageProof(db.getStorageProof(block, req), req);
          assert.equal(proven.stateRoot, got.stateRoot);
          assert.deepEqual(
            proven.storage[0],
            req.contractsStorageKeys[0]!.storageKeys.map((k) => storage.get(c)!.get(k) ?? 0n),
          );
        }
      } finally {
        await db.close();
      }
    });

  for (const recentBlocksInMemory of [0, 4])
    it(`workers plan on the right nodes after blocks are dropped and their numbers reused (${recentBlocksInMemory} recent blocks in memory)`, async () => {
      const path = mkdtempSync(join(tmpdir(), 'starling-state-par-'));
      dirs.push(path);
      const db = StateDatabase.open({ path, hashWorkers: 2, recentBlocksInMemory });
      const r = rng(23);
      const contracts = Array.from({ length: 4 }, () => randomFelt(r, 251));
      let model = new Map<bigint, Map<bigint, bigint>>(contracts.map((c) => [c, new Map()]));
      const snapshots: (typeof model)[] = [];
      /** Commits `block` with `count` random writes (half of them to keys written before) and checks its root. */
      const commit = (block: number, count: number) => {
        const writes = new Map<bigint, Map<bigint, bigint>>();
        for (let i = 0; i < count; i++) {
          const c = contracts[Math.floor(r() * contracts.length)]!;
          const known = [...model.get(c)!.keys()];
          const k =
            known.length > 0 && r() < 0.5 ? known[Math.floor(r() * known.length)]! : randomFelt(r, 251);
          const v = r() < 0.2 ? 0n : randomFelt(r, 251);
          if (!writes.has(c)) writes.set(c, new Map());
          writes.get(c)!.set(k, v);
          model.get(c)!.set(k, v);
        }
        const got = db.commitBlock({
          blockNumber: block,
          stateDiff: storageDiff(writes, block === 0 ? contracts : []),
        });
        const leaves = contracts.map((c) => {
          const entries = [...model.get(c)!].map(([key, value]) => ({ key, value }));
          return { key: c, value: contractStateLeaf(0x99n, patriciaRoot(entries, 251, pedersen), 0n) };
        });
        assert.equal(
          got.contractsRoot,
          patriciaRoot(leaves, 251, pedersen),
          `contracts root of block ${block}`,
        );
        snapshots[block] = new Map([...model].map(([c, m]) => [c, new Map(m)]));
      };
      try {
        for (let block = 0; block < 4; block++) commit(block, 400);
        assert.equal(db.dropBlocksAfter(1), 2);
        model = new Map([...snapshots[1]!].map(([c, m]) => [c, new Map(m)]));
        // Blocks 2 and 3 again, larger (their node pages split differently): their numbers name other nodes.
        for (let block = 2; block < 5; block++) commit(block, 1500);
      } finally {
        await db.close();
      }
    });
});
