import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { P } from '@starling/felt';
import { commitTrie, getLeaf, MemoryNodeStore, pedersenHasher, type TrieHasher } from '../../src/index.ts';

// A cheap stand-in hash for structure tests (the shape logic does not depend on the hash).
const mixHasher: TrieHasher = {
  name: 'pedersen',
  hash: (a, b) => (a * 0x9e3779b97f4a7c15n + b * b * 0x1234567n + 0xabcdefn) % P,
  hashMany(a, b) {
    return a.map((x, i) => this.hash(x, b[i]!));
  },
};

/** Reference: the root of a trie computed from scratch, straight from the definition in §5.1. */
function referenceRoot(leaves: Map<bigint, bigint>, height: number, h: TrieHasher): bigint {
  type Sub = { hash: bigint; edge?: { path: bigint; len: number; child: bigint } };
  const finish = (s: Sub): bigint => s.hash;
  function edgeOf(bit: bigint, s: Sub): Sub {
    const path = s.edge ? (bit << BigInt(s.edge.len)) | s.edge.path : bit;
    const len = s.edge ? s.edge.len + 1 : 1;
    const child = s.edge ? s.edge.child : s.hash;
    return { hash: (h.hash(child, path) + BigInt(len)) % P, edge: { path, len, child } };
  }
  function rec(keys: bigint[], depth: number): Sub | null {
    if (keys.length === 0) return null;
    if (depth === height) return { hash: leaves.get(keys[0]!)! };
    const bit = BigInt(height - 1 - depth);
    const l = rec(
      keys.filter((k) => ((k >> bit) & 1n) === 0n),
      depth + 1,
    );
    const r = rec(
      keys.filter((k) => ((k >> bit) & 1n) === 1n),
      depth + 1,
    );
    if (l && r) return { hash: h.hash(l.hash, r.hash) };
    if (l) return edgeOf(0n, l);
    if (r) return edgeOf(1n, r);
    return null;
  }
  const keys = [...leaves].filter(([, v]) => v !== 0n).map(([k]) => k);
  const s = rec(keys, 0);
  return s ? finish(s) : 0n;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

function randomKey(r: () => number, height: number, clustered: boolean): bigint {
  // Clustered keys share long prefixes, which exercises edge splitting and merging.
  if (clustered)
    return (((1n << BigInt(height)) - 1n) & (0xabcn << BigInt(height - 12))) | BigInt(Math.floor(r() * 64));
  let k = 0n;
  for (let i = 0; i < height; i += 30) k = (k << 30n) | BigInt(Math.floor(r() * 2 ** 30));
  return k & ((1n << BigInt(height)) - 1n);
}

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
    const max = (1n << 251n) - 1n;
    const keys = [0n, max, 1n, 1n << 250n, max - 1n, (1n << 250n) - 1n];
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
