import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pedersen, poseidon } from '@starling/crypto';
import { commitmentRoot, patriciaRoot, transactionCommitment } from '@starling/protocol';
import { readVector, vectorsDir } from '../helpers/vectors.ts';

describe('patricia root: sequencer committer trees (Pedersen, leaf value = 2^height + key)', () => {
  const dir = join(vectorsDir, 'sequencer', 'committer_patricia');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    it(f, () => {
      const v = readVector<{ initial_leaves: number[]; root_hash: string; height: number }>(
        'sequencer',
        'committer_patricia',
        f,
      );
      const base = 1n << BigInt(v.height);
      const leaves = v.initial_leaves.map((k) => ({ key: BigInt(k), value: base + BigInt(k) }));
      assert.equal(patriciaRoot(leaves, v.height, pedersen), BigInt(v.root_hash));
    });
  }
});

describe('patricia root: pathfinder merkle-tree vectors (Pedersen, height 251)', () => {
  it('{0x1→0 (absent), 0x86→1, 0x87→2}', () => {
    const leaves = [
      { key: 0x1n, value: 0n },
      { key: 0x86n, value: 1n },
      { key: 0x87n, value: 2n },
    ];
    assert.equal(
      patriciaRoot(leaves, 251, pedersen),
      0x5458b9f8491e7c845bffa4cd36cdb3a7c29dcdf75f2809bd6f4ce65386facfcn,
    );
  });
  it('contract_edge_branches_correctly_on_insert', () => {
    const leaves = [
      { key: 0x5n, value: 0x66n },
      { key: 0x1bf95d4b58f0741fea29f94ee5a118d0847c8b7ae0173c2a570c9f74cca9ea1n, value: 0x7e5n },
      { key: 0x3c75c20765d020b0ec41b48bb8c5338ac4b619fc950d59994e844e1e1b9d2a9n, value: 0x7c7n },
      {
        key: 0x4065b936c56f5908a981084dafa66dc17600937dc80c52eeb834693bb811792n,
        value: 0x7970c532b764bb36faf5696b8bc1317505b8a4dc9eee5df4994671757975e4dn,
      },
      {
        key: 0x4b5fbb4904167e2e8195c35f7d4e78501a3fe95896794367c85b60b39aeffc2n,
        value: 0x232c969eafc5b30c20648759d7fa1e2f4256ac6604e1921578101dce4dfdf48n,
      },
    ];
    assert.equal(
      patriciaRoot(leaves, 251, pedersen),
      0x6ee9a8202b40f3f76f1a132f953faa2df78b3b33ccb2b4406431abdc99c2dfen,
    );
  });
});

describe('commitments: starknet_api unit vectors (as quoted by pathfinder)', () => {
  it('transaction commitment of two leaves (hash 1, signature [2, 3]), 0.13.2', () => {
    const tx = { transactionHash: 1n, signature: [2n, 3n] };
    assert.equal(
      transactionCommitment([tx, tx], '0.13.2'),
      0x0282b635972328bd1cfa86496fe920d20bd9440cd78ee8dc90ae2b383d664dcfn,
    );
  });
  it('empty commitment is 0', () => {
    assert.equal(commitmentRoot([], poseidon), 0n);
  });
});
