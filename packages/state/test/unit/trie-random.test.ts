import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commitTrie, getLeaf, MemoryNodeStore, pedersenHasher, type TrieHasher } from '../../src/index.ts';
import { rng } from '../helpers/random.ts';
import { BOUNDARY_KEYS, mixHasher, randomKey, referenceRoot } from '../helpers/reference-trie.ts';

function run(seed: number, height: number, rounds: number, batch: number, h: TrieHasher, clustered: boolean) {
  const r = rng(seed);
  const store = new MemoryNodeStore();
  const model = new Map<bigint, bigint>();
  let root = 0n;
  for (let round = 0; round < rounds; round++) {
    const updates: [bigint, bigint][] = [];
    const present = [...model.keys()];
    for (let i = 0; i < batch; i++) {
      const roll = r();
      let key: bigint;
      if (roll < 0.3 && present.length > 0) key = present[Math.floor(r() * present.length)]!;
      else key = randomKey(r, height, clustered);
      // A third of the writes delete; some keys are written twice in one batch (last write wins).
      const value = r() < 0.33 ? 0n : BigInt(1 + Math.floor(r() * 1e9));
      updates.push([key, value]);
    }
    for (const [k, v] of updates) model.set(k, v);
    const c = commitTrie(store, h, height, root, updates);
    store.putAll(c.newNodes);
    root = c.root;
    assert.equal(root, referenceRoot(model, height, h), `seed ${seed} round ${round}`);
    for (const [k, v] of [...model].slice(0, 20)) assert.equal(getLeaf(store, height, root, k), v);
  }
}

describe('trie: incremental commits equal a from-scratch reference', () => {
  it('random batches, height 251, spread keys', () => {
    for (let seed = 1; seed <= 4; seed++) run(seed, 251, 12, 40, mixHasher, false);
  });
  it('random batches, height 251, clustered keys', () => {
    for (let seed = 10; seed <= 14; seed++) run(seed, 251, 12, 30, mixHasher, true);
  });
  it('random batches, small heights (dense trees)', () => {
    for (let seed = 20; seed <= 30; seed++) run(seed, 3 + (seed % 6), 10, 6, mixHasher, false);
  });
  it('with real Pedersen', () => {
    run(99, 251, 2, 6, pedersenHasher, false);
  });
  it('boundary keys (0, 1, 2^250, 2^251 - 2, 2^251 - 1), inserted and deleted one by one', () => {
    const keys = BOUNDARY_KEYS;
    const store = new MemoryNodeStore();
    const model = new Map<bigint, bigint>();
    let root = 0n;
    const step = (k: bigint, v: bigint) => {
      model.set(k, v);
      const c = commitTrie(store, mixHasher, 251, root, [[k, v]]);
      store.putAll(c.newNodes);
      root = c.root;
      assert.equal(root, referenceRoot(model, 251, mixHasher));
    };
    for (const [i, k] of keys.entries()) step(k, BigInt(i + 1));
    for (const k of keys) step(k, 0n);
    assert.equal(root, 0n);
  });

  it('deleting every leaf gives the empty root', () => {
    const store = new MemoryNodeStore();
    const leaves: [bigint, bigint][] = [1n, 2n, 3n, 1000n, 1n << 250n].map((k) => [k, k + 7n]);
    const c1 = commitTrie(store, mixHasher, 251, 0n, leaves);
    store.putAll(c1.newNodes);
    const c2 = commitTrie(
      store,
      mixHasher,
      251,
      c1.root,
      leaves.map(([k]) => [k, 0n]),
    );
    assert.equal(c2.root, 0n);
  });
});
