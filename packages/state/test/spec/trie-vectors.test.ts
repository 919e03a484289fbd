import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { vectorsDir } from '../../../../scripts/shared-paths.ts';
import { commitTrie, MemoryNodeStore, pedersenHasher, type TrieNode } from '../../src/index.ts';

const TRIE_HEIGHT = 251;

function build(leaves: [bigint, bigint][], height = TRIE_HEIGHT) {
  const store = new MemoryNodeStore();
  const c = commitTrie(store, pedersenHasher, height, 0n, leaves);
  store.putAll(c.newNodes);
  return { store, root: c.root };
}

describe('trie vectors (reference/protocol.md §5.5)', () => {
  it('binary node: ped(0x1234, 0xabcd)', () => {
    assert.equal(
      pedersenHasher.hash(0x1234n, 0xabcdn),
      0x0615bb8d47888d2987ad0c63fc06e9e771930986a4dd8adc55617febfcf3639en,
    );
  });

  it('edge node: child 0x1234ABCD, path 101010b, length 6 (a height-6 trie with one leaf)', () => {
    const { root } = build([[0b101010n, 0x1234abcdn]], 6);
    assert.equal(root, 0x1d937094c09b5f8e26a662d21911871e3cbc6858d55cc49af9848ea6fed4e9n);
  });

  it('height 251: {0x1→0, 0x86→1, 0x87→2}', () => {
    const { root } = build([
      [0x1n, 0n],
      [0x86n, 1n],
      [0x87n, 2n],
    ]);
    assert.equal(root, 0x5458b9f8491e7c845bffa4cd36cdb3a7c29dcdf75f2809bd6f4ce65386facfcn);
  });

  it('contract_edge_branches_correctly_on_insert, one batch and one key at a time', () => {
    const leaves: [bigint, bigint][] = [
      [0x5n, 0x66n],
      [0x1bf95d4b58f0741fea29f94ee5a118d0847c8b7ae0173c2a570c9f74cca9ea1n, 0x7e5n],
      [0x3c75c20765d020b0ec41b48bb8c5338ac4b619fc950d59994e844e1e1b9d2a9n, 0x7c7n],
      [
        0x4065b936c56f5908a981084dafa66dc17600937dc80c52eeb834693bb811792n,
        0x7970c532b764bb36faf5696b8bc1317505b8a4dc9eee5df4994671757975e4dn,
      ],
      [
        0x4b5fbb4904167e2e8195c35f7d4e78501a3fe95896794367c85b60b39aeffc2n,
        0x232c969eafc5b30c20648759d7fa1e2f4256ac6604e1921578101dce4dfdf48n,
      ],
    ];
    const expected = 0x6ee9a8202b40f3f76f1a132f953faa2df78b3b33ccb2b4406431abdc99c2dfen;
    assert.equal(build(leaves).root, expected);
    const store = new MemoryNodeStore();
    let root = 0n;
    for (const leaf of leaves) {
      const c = commitTrie(store, pedersenHasher, TRIE_HEIGHT, root, [leaf]);
      store.putAll(c.newNodes);
      root = c.root;
    }
    assert.equal(root, expected);
  });
});

interface CommitterFile {
  facts_storage: Record<string, string[]>;
  initial_leaves: number[];
  root_hash: string;
  modified_leaves_indices: number[];
  height: number;
  expected_nodes: Record<string, string[]>;
}

function asNode(pre: string[]): TrieNode {
  if (pre.length === 2) return { kind: 'binary', left: BigInt(pre[0]!), right: BigInt(pre[1]!) };
  return { kind: 'edge', length: Number(pre[0]), path: BigInt(pre[1]!), child: BigInt(pre[2]!) };
}

describe('committer_patricia vectors (height 8/10, Pedersen)', () => {
  const dir = join(vectorsDir, 'sequencer', 'committer_patricia');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    it(file, () => {
      const v = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CommitterFile;
      // Leaf value = its node index in the full tree: 2^height + leaf index.
      const leaves = v.initial_leaves.map((i): [bigint, bigint] => [
        BigInt(i),
        (1n << BigInt(v.height)) + BigInt(i),
      ]);
      const { store, root } = build(leaves, v.height);
      assert.equal(root, BigInt(v.root_hash));
      // Every node we created is one of the reference preimages, and vice versa.
      const facts = new Map(Object.entries(v.facts_storage).map(([h, pre]) => [BigInt(h), asNode(pre)]));
      assert.equal(store.nodes.size, facts.size);
      for (const [h, node] of store.nodes) assert.deepEqual(node, facts.get(h), `node ${h.toString(16)}`);
      // Reading every node on the paths to the modified leaves (by updating them) covers expected_nodes.
      const newValue = file.includes('delete') ? 0n : 1n;
      const modified = v.modified_leaves_indices.map((i): [bigint, bigint] => [BigInt(i), newValue]);
      const c = commitTrie(store, pedersenHasher, v.height, root, modified);
      for (const [h, pre] of Object.entries(v.expected_nodes)) {
        // Leaves are values, not stored nodes.
        if (!facts.has(BigInt(h))) continue;
        assert.deepEqual(c.readNodes.get(BigInt(h)), asNode(pre), `expected node ${h}`);
      }
    });
  }
});
