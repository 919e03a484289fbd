import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { StateDatabase, type StateDiff, StateError } from '../../src/index.ts';
import { randomDiff, randomFelt, rng } from '../helpers/random.ts';

const dirs: string[] = [];
function open(pruneKeepBlocks?: number): StateDatabase {
  const path = mkdtempSync(join(tmpdir(), 'starling-state-prune-'));
  dirs.push(path);
  return StateDatabase.open({ path, ...(pruneKeepBlocks === undefined ? {} : { pruneKeepBlocks }) });
}
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const isPruned = (e: unknown) => e instanceof StateError && e.code === 'BLOCK_PRUNED';

/** Every stored node key (block:hash) reachable from the roots of blocks `from`..`to`. */
function reachable(db: StateDatabase, contracts: readonly bigint[], from: number, to: number): Set<string> {
  const out = new Set<string>();
  const walk = (hash: bigint, block: number, depth: number) => {
    if (hash === 0n || depth === 251) return;
    const id = `${block}:${hash}`;
    if (out.has(id)) return;
    const node = db.getNode(hash, block);
    assert.ok(node, `node ${id} (depth ${depth}) is missing`);
    out.add(id);
    if (node.kind === 'binary') {
      walk(node.left, node.leftBlock!, depth + 1);
      walk(node.right, node.rightBlock!, depth + 1);
    } else walk(node.child, node.childBlock!, depth + node.length);
  };
  for (let n = from; n <= to; n++) {
    const roots = db.getRoots(n);
    walk(roots.contractsRoot, roots.contractsRootBlock, 0);
    walk(roots.classesRoot, roots.classesRootBlock, 0);
    for (const a of contracts) {
      const s = db.getContractState(a, n);
      walk(s.storageRoot, s.storageRootBlock ?? 0, 0);
    }
  }
  return out;
}

function storedNodes(db: StateDatabase): Set<string> {
  const out = new Set<string>();
  for (const { block, hash } of db.storedNodeKeys()) out.add(`${block}:${hash}`);
  return out;
}

/**
 * Small keys (and `random` others): with repeated values they make identical subtrees, one stored node
 * at several places.
 */
function smallKeys(r: () => number, random: number): bigint[] {
  return [0n, 1n, 2n, 3n, 4n, 6n, 8n, 0x10n, ...Array.from({ length: random }, () => randomFelt(r, 251))];
}

/** A random diff whose storage values are 1 or 2 (with small keys: identical subtrees in several places). */
function smallValueDiff(r: () => number, contracts: bigint[], keys: bigint[]): StateDiff {
  const base = randomDiff(r, contracts, keys, 25);
  return {
    ...base,
    storageDiffs: base.storageDiffs.map((d) => ({
      address: d.address,
      entries: d.entries.map((e) => ({ key: e.key, value: e.value === 0n ? 0n : 1n + (e.value % 2n) })),
    })),
  };
}

/** Stored nodes from before the readable window (up to block `n`) that no root of the window reaches. */
function unreachableBeforeWindow(db: StateDatabase, contracts: bigint[], n: number): string[] {
  const oldest = db.oldestReadableBlock();
  const live = reachable(db, contracts, oldest, n);
  return [...storedNodes(db)].filter((id) => !live.has(id) && Number(id.split(':')[0]) < oldest);
}

describe('trie-node pruning', () => {
  for (const [seed, K] of [
    [31, 3],
    [32, 1],
    [33, 2],
    [34, 5],
  ] as const)
    it(`keeps exactly the nodes reachable from the last ${K} roots; reads inside the window work, outside are typed errors (seed ${seed})`, async () => {
      const pruned = open(K);
      const archive = open();
      const r = rng(seed);
      const contracts = Array.from({ length: 4 }, () => randomFelt(r, 251));
      const keys = smallKeys(r, 6);
      for (let n = 0; n < 14; n++) {
        const diff = smallValueDiff(r, contracts, keys);
        const a = archive.commitBlock({ blockNumber: n, stateDiff: diff });
        const p = pruned.commitBlock({ blockNumber: n, stateDiff: diff });
        assert.equal(p.stateRoot, a.stateRoot, `root of block ${n}`);
        const oldest = Math.max(0, n + 1 - K);
        assert.equal(pruned.oldestReadableBlock(), oldest);
        // Every reachable node is kept; every other node goes once its block leaves the window (a node
        // made redundant by an identical subtree in its own block lingers until then).
        const stored = storedNodes(pruned);
        const live = reachable(pruned, contracts, oldest, n);
        for (const id of live) assert.ok(stored.has(id));
        const extra = [...stored].filter((id) => !live.has(id) && Number(id.split(':')[0]) < oldest);
        assert.deepEqual(extra, [], `unreachable nodes from before the window after block ${n}`);
      }
      const latest = 13;
      const oldest = latest + 1 - K;
      assert.ok(storedNodes(pruned).size < storedNodes(archive).size);
      const req = {
        contractAddresses: contracts,
        contractsStorageKeys: contracts.map((contractAddress) => ({ contractAddress, storageKeys: keys })),
      };
      for (let n = oldest; n <= latest; n++) {
        assert.deepEqual(pruned.getStorageProof(n, req), archive.getStorageProof(n, req), `proof at ${n}`);
        for (const c of contracts)
          for (const k of keys) assert.equal(pruned.getStorageAt(c, k, n), archive.getStorageAt(c, k, n));
        if (n > oldest) {
          const w = pruned.getBlockWitness(n);
          const wa = archive.getBlockWitness(n);
          assert.deepEqual(new Set(w.pedersen.read.keys()), new Set(wa.pedersen.read.keys()));
          assert.deepEqual(new Set(w.pedersen.created.keys()), new Set(wa.pedersen.created.keys()));
        }
      }
      assert.throws(() => pruned.getStorageProof(oldest - 1, req), isPruned);
      assert.throws(() => pruned.getStorageAt(contracts[0]!, keys[0]!, oldest - 1), isPruned);
      if (oldest > 0) assert.throws(() => pruned.getBlockWitness(oldest), isPruned);
      assert.throws(() => pruned.getRoots(0), isPruned);
      await pruned.close();
      await archive.close();
    });
  it('dropped blocks give back the places they added to older nodes, so pruning still frees them', async () => {
    const K = 3;
    for (const seed of [51, 52, 53]) {
      const pruned = open(K);
      const r = rng(seed);
      const contracts = Array.from({ length: 4 }, () => randomFelt(r, 251));
      const keys = smallKeys(r, 4);
      for (let n = 0; n < 10; n++)
        pruned.commitBlock({ blockNumber: n, stateDiff: smallValueDiff(r, contracts, keys) });
      pruned.dropBlocksAfter(7);
      for (let n = 8; n < 20; n++) {
        pruned.commitBlock({ blockNumber: n, stateDiff: smallValueDiff(r, contracts, keys) });
        assert.deepEqual(unreachableBeforeWindow(pruned, contracts, n), [], `seed ${seed}, block ${n}`);
      }
      await pruned.close();
    }
  });
});
