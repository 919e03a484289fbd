import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layoutNodes } from '../../src/db/node-layout.ts';
import { encodeRecord, NODE_RECORD } from '../../src/db/node-record.ts';
import { RecentNodes } from '../../src/db/recent-nodes.ts';
import type { TrieNode } from '../../src/index.ts';
import { viewOf } from '../../src/trie/word.ts';

const node = (i: number): TrieNode => ({
  kind: 'binary',
  left: BigInt(i) * 3n,
  right: BigInt(i) * 5n,
  leftBlock: i,
  rightBlock: 0,
});

/** What block `block` created: `hashes` (with node(i) each) as records, in two runs. */
function blockOf(block: number, hashes: bigint[]) {
  const records = new Uint8Array(hashes.length * NODE_RECORD);
  hashes.forEach((h, i) => {
    encodeRecord(viewOf(records), i * NODE_RECORD, h, node(i));
  });
  const half = NODE_RECORD * (hashes.length >> 1);
  return { block, layout: layoutNodes([records.subarray(0, half), records.subarray(half)]) };
}

describe('recent nodes', () => {
  const low = 0x23456789n;
  const a = (1n << 200n) | low;
  const b = (1n << 201n) | low; // same low 32 bits as a
  const c = (7n << 240n) | 42n;
  it('finds records and map nodes of a remembered block by hash; nothing for other blocks or hashes', () => {
    const extra = node(99);
    const recent = new RecentNodes(2);
    recent.add(blockOf(5, [c, 17n]), [new Map([[3n, extra]])]);
    assert.deepEqual(recent.get(c, 5), node(0));
    assert.deepEqual(recent.get(17n, 5), node(1));
    assert.deepEqual(recent.get(3n, 5), extra);
    assert.equal(recent.get(c, 4), undefined);
    assert.equal(recent.get(c + (1n << 32n), 5), undefined); // same low bits, other hash
    assert.equal(recent.get(18n, 5), undefined);
  });
  it('hashes that share their low bits are told apart; a node stored twice is found', () => {
    const recent = new RecentNodes(1);
    recent.add(blockOf(1, [a, b, c, a]));
    assert.deepEqual(recent.get(a, 1), node(0));
    assert.deepEqual(recent.get(b, 1), node(1));
    assert.deepEqual(recent.get(c, 1), node(2));
    assert.equal(recent.get(a | (1n << 40n), 1), undefined);
  });
  it('keeps only the last `capacity` blocks; capacity 0 keeps nothing; clear forgets all', () => {
    const recent = new RecentNodes(2);
    const added = [0, 1, 2, 3].map((n) => blockOf(n, [c]));
    // Each block beyond capacity makes it forget (and hand back) the oldest.
    assert.deepEqual(
      added.map((b) => recent.add(b)),
      [undefined, undefined, added[0], added[1]],
    );
    assert.equal(recent.get(c, 1), undefined);
    assert.deepEqual(recent.get(c, 2), node(0));
    assert.deepEqual(recent.get(c, 3), node(0));
    recent.clear();
    assert.equal(recent.get(c, 3), undefined);
    const none = new RecentNodes(0);
    none.add(blockOf(0, [c]));
    assert.equal(none.get(c, 0), undefined);
  });
});
