import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { P } from '@starling/felt';
import { layoutNodes, pageBits, pageOf } from '../../src/db/node-layout.ts';
import { NodePageReader, removeNodes, storedNodeKeys, writeNodePages } from '../../src/db/node-pages.ts';
import { encodeRecord, NODE_RECORD } from '../../src/db/node-record.ts';
import { openTables } from '../../src/db/tables.ts';
import type { TrieNode } from '../../src/index.ts';
import { viewOf } from '../../src/trie/word.ts';
import { randomFelt, rng } from '../helpers/random.ts';

const dir = mkdtempSync(join(tmpdir(), 'starling-state-pages-'));
const t = openTables(dir);
after(async () => {
  await t.root.close();
  rmSync(dir, { recursive: true, force: true });
});

function randomNode(r: () => number): TrieNode {
  if (r() < 0.5)
    return {
      kind: 'binary',
      left: randomFelt(r, 251),
      right: randomFelt(r, 251),
      leftBlock: Math.floor(r() * 2 ** 32),
      rightBlock: Math.floor(r() * 100),
    };
  const length = 1 + Math.floor(r() * 250);
  return {
    kind: 'edge',
    length,
    path: randomFelt(r, length),
    child: randomFelt(r, 251),
    childBlock: Math.floor(r() * 2 ** 32),
  };
}

/** `count` nodes with distinct random hashes below p (some at the extremes), in random order. */
function block(seed: number, count: number): { hashes: bigint[]; nodes: TrieNode[] } {
  const r = rng(seed);
  const set = new Set<bigint>([1n, P - 1n, 0n]);
  while (set.size < count) set.add(randomFelt(r, 251) % P);
  const hashes = [...set];
  for (let i = hashes.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [hashes[i], hashes[j]] = [hashes[j]!, hashes[i]!];
  }
  return { hashes, nodes: hashes.map(() => randomNode(r)) };
}

/** The records of (hashes[i], nodes[i]), in order. */
function recordsOf(hashes: readonly bigint[], nodes: readonly TrieNode[]): Buffer {
  const out = Buffer.alloc(hashes.length * NODE_RECORD);
  hashes.forEach((h, i) => {
    encodeRecord(viewOf(out), i * NODE_RECORD, h, nodes[i]!);
  });
  return out;
}

describe('trie-node pages', () => {
  const blocks = [
    { n: 0, ...block(1, 3) },
    { n: 1, ...block(2, 2000) },
    { n: 7, ...block(3, 100) },
  ];
  it('page bits grow with the node count; pages cover every hash below p', () => {
    assert.equal(pageBits(1), 0);
    assert.ok(pageBits(2000) > pageBits(100));
    const bits = pageBits(2000);
    assert.equal(pageOf(0n, bits), 0);
    assert.ok(pageOf(P - 1n, bits) < 2 ** bits);
  });
  it('every written node reads back from its block; other hashes and blocks read nothing', () => {
    t.root.transactionSync(() => {
      for (const b of blocks) writeNodePages(t.nodes, b.n, layoutNodes([recordsOf(b.hashes, b.nodes)]));
    });
    const reader = new NodePageReader(() => t.nodes);
    for (const b of blocks) {
      b.hashes.forEach((h, i) => {
        assert.deepEqual(reader.get(h, b.n), b.nodes[i]);
      });
      assert.equal(reader.get(P - 2n, b.n), undefined);
    }
    assert.equal(reader.get(blocks[1]!.hashes[5]!, 0), undefined);
    assert.equal(reader.get(blocks[0]!.hashes[0]!, 3), undefined);
    const listed = [...storedNodeKeys(t.nodes)].map((k) => `${k.block}:${k.hash}`);
    const expected = blocks.flatMap((b) => b.hashes.map((h) => `${b.n}:${h}`));
    assert.deepEqual(new Set(listed), new Set(expected));
    assert.equal(listed.length, expected.length);
  });
  it('a node given twice (the same subtree in two tries, in one run or two) is stored once', () => {
    const { hashes, nodes } = block(4, 50);
    const twice = recordsOf([...hashes, ...hashes.slice(0, 20)], [...nodes, ...nodes.slice(0, 20)]);
    const again = recordsOf(hashes.slice(10, 30), nodes.slice(10, 30));
    t.root.transactionSync(() => writeNodePages(t.nodes, 9, layoutNodes([twice, again])));
    const reader = new NodePageReader(() => t.nodes);
    hashes.forEach((h, i) => {
      assert.deepEqual(reader.get(h, 9), nodes[i]);
    });
    assert.equal([...storedNodeKeys(t.nodes)].filter((k) => k.block === 9).length, hashes.length);
  });
  it('removed nodes are gone, the others stay', () => {
    const b = blocks[1]!;
    const gone = b.hashes.filter((_, i) => i % 3 === 0);
    t.root.transactionSync(() => removeNodes(t.nodes, b.n, gone));
    const reader = new NodePageReader(() => t.nodes);
    b.hashes.forEach((h, i) => {
      assert.deepEqual(reader.get(h, b.n), i % 3 === 0 ? undefined : b.nodes[i]);
    });
    t.root.transactionSync(() => removeNodes(t.nodes, blocks[0]!.n, blocks[0]!.hashes));
    assert.equal([...storedNodeKeys(t.nodes)].filter((k) => k.block === 0).length, 0);
  });
});
