import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { P } from '@starling/felt';
import {
  findInLayout,
  layoutNodes,
  pageOf,
  sharedLayout,
  sortRecords,
  wordOrder,
} from '../../src/db/node-layout.ts';
import { NODE_RECORD } from '../../src/db/node-record.ts';
import { readWordAt, viewOf, writeWordAt } from '../../src/trie/word.ts';
import { randomFelt, rng } from '../helpers/random.ts';

/** Records with these hashes; each body is filled with `tag` (to tell copies of one hash apart). */
function records(hashes: readonly bigint[], tag: number): Uint8Array {
  const out = new Uint8Array(hashes.length * NODE_RECORD).fill(tag);
  hashes.forEach((h, i) => {
    writeWordAt(viewOf(out), i * NODE_RECORD, h);
  });
  return out;
}

const hashesOf = (bytes: Uint8Array) =>
  Array.from({ length: bytes.length / NODE_RECORD }, (_, i) => readWordAt(viewOf(bytes), i * NODE_RECORD));

/** Words with repeats, shared leading bits, the extremes below p, and a few at or above 2^252. */
function words(seed: number, count: number): bigint[] {
  const r = rng(seed);
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    const roll = r();
    if (roll < 0.1 && out.length > 0) out.push(out[Math.floor(r() * out.length)]!);
    else if (roll < 0.2 && out.length > 0)
      out.push(out[out.length - 1]! ^ BigInt(1 + Math.floor(r() * 1000)));
    else if (roll < 0.22) out.push([0n, 1n, P - 1n][Math.floor(r() * 3)]!);
    else if (roll < 0.24) out.push((1n << 252n) + randomFelt(r, 250));
    else out.push(randomFelt(r, 251) % P);
  }
  return out;
}

describe('node layout', () => {
  it('orders words as a stable sort of their values', () => {
    for (const count of [0, 1, 2, 3, 100, 5000]) {
      const ws = words(count, count);
      const bytes = new Uint8Array(32 * count);
      ws.forEach((w, i) => {
        writeWordAt(viewOf(bytes), 32 * i, w);
      });
      const expected = ws
        .map((w, i) => ({ w, i }))
        .sort((x, y) => (x.w < y.w ? -1 : x.w > y.w ? 1 : x.i - y.i))
        .map((e) => e.i);
      assert.deepEqual([...wordOrder(bytes, 32, count)], expected, `count ${count}`);
    }
  });

  it('sorts a run of records by hash, and returns a sorted run as it is', () => {
    const ws = words(7, 300).filter((w) => w < P);
    const run = records(ws, 1);
    const sorted = sortRecords(run);
    assert.deepEqual(
      hashesOf(sorted),
      [...ws].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)),
    );
    assert.equal(sortRecords(sorted), sorted);
  });

  it('merges runs into pages: every hash once (the first run’s copy), sorted, each in its page', () => {
    const r = rng(11);
    for (const [runCount, perRun] of [
      [1, 1],
      [3, 40],
      [9, 700],
    ] as const) {
      const all: bigint[] = [];
      const runs: Uint8Array[] = [];
      for (let k = 0; k < runCount; k++) {
        const hs: bigint[] = [];
        for (let i = 0; i < perRun; i++)
          hs.push(all.length > 0 && r() < 0.1 ? all[Math.floor(r() * all.length)]! : randomFelt(r, 251) % P);
        all.push(...hs);
        const run = records(hs, k + 1);
        // Some runs come sorted (as hash workers send them), others not.
        runs.push(k % 2 === 0 ? sortRecords(run) : run);
      }
      const layout = layoutNodes(runs);
      const distinct = [...new Set(all)].sort((x, y) => (x < y ? -1 : 1));
      assert.deepEqual(hashesOf(layout.records), distinct);
      const firstRun = new Map<bigint, number>();
      runs.forEach((run, k) => {
        for (const h of hashesOf(run)) if (!firstRun.has(h)) firstRun.set(h, k + 1);
      });
      const pages = 2 ** layout.bits;
      assert.equal(layout.starts.length, pages + 1);
      assert.equal(layout.starts[pages], distinct.length);
      for (let p = 0; p < pages; p++)
        for (let i = layout.starts[p]!; i < layout.starts[p + 1]!; i++) {
          const h = distinct[i]!;
          assert.equal(pageOf(h, layout.bits), p);
          assert.equal(layout.records[i * NODE_RECORD + 40], firstRun.get(h));
        }
      const probe = new Uint8Array(32);
      for (const [i, h] of distinct.entries()) {
        writeWordAt(viewOf(probe), 0, h);
        assert.equal(findInLayout(layout, probe, 0), i * NODE_RECORD);
        writeWordAt(viewOf(probe), 0, h ^ 1n);
        if (!firstRun.has(h ^ 1n)) assert.equal(findInLayout(layout, probe, 0), -1);
      }
    }
  });

  it('lays out no runs, or empty ones, as no records', () => {
    for (const runs of [[], [new Uint8Array(0), new Uint8Array(0)]]) {
      const layout = layoutNodes(runs);
      assert.equal(layout.records.length, 0);
      assert.equal(findInLayout(layout, new Uint8Array(32), 0), -1);
    }
  });

  it('lays out into a reused buffer, and shares into a spare layout’s buffers, when they are large enough', () => {
    const r = rng(3);
    const run = (n: number) =>
      records(
        Array.from({ length: n }, () => randomFelt(r, 251) % P),
        1,
      );
    const big = layoutNodes([run(300)]);
    const into = new Uint8Array(200 * NODE_RECORD);
    const small = layoutNodes([run(150)], into);
    assert.equal(small.records.buffer, into.buffer);
    assert.deepEqual(small, layoutNodes([small.records]));
    assert.ok(layoutNodes([run(250)], into).records.buffer !== into.buffer);

    const spare = sharedLayout(big);
    assert.ok(spare.records.buffer instanceof SharedArrayBuffer);
    const shared = sharedLayout(small, spare);
    assert.equal(shared.records.buffer, spare.records.buffer);
    assert.equal(shared.starts.buffer, spare.starts.buffer);
    assert.deepEqual([...shared.records], [...small.records]);
    assert.deepEqual([...shared.starts], [...small.starts]);
    assert.equal(shared.bits, small.bits);
    const tooSmall = sharedLayout(small);
    const grown = sharedLayout(big, tooSmall);
    assert.ok(grown.records.buffer !== tooSmall.records.buffer);
    assert.deepEqual([...grown.records], [...big.records]);
  });
});
