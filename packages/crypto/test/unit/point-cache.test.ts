import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PointCache } from '../../src/fast/point-cache.js';

const pt = (i: number) => ({ x: BigInt(i), y: BigInt(1000 + i) });

describe('PointCache', () => {
  it('builds on the second use, then hits; least recently used is evicted', () => {
    const built: number[] = [];
    const cache = new PointCache(2, (slot) => {
      built.push(slot);
      return true;
    });
    assert.equal(cache.slotOf(pt(1)), null);
    const s1 = cache.slotOf(pt(1));
    assert.notEqual(s1, null);
    assert.equal(cache.slotOf(pt(1)), s1);
    cache.slotOf(pt(2));
    const s2 = cache.slotOf(pt(2));
    assert.notEqual(s2, s1);
    cache.slotOf(pt(1)); // 2 is now the least recent
    cache.slotOf(pt(3));
    assert.equal(cache.slotOf(pt(3)), s2);
    assert.equal(cache.slotOf(pt(1)), s1);
    assert.equal(built.length, 3);
    assert.equal(cache.size, 2);
  });

  it('a point whose build fails gets no slot and gives the slot back', () => {
    const cache = new PointCache(1, (_slot, p) => p.x !== 7n);
    cache.slotOf(pt(7));
    assert.equal(cache.slotOf(pt(7)), null);
    assert.equal(cache.size, 0);
    cache.slotOf(pt(8));
    assert.equal(cache.slotOf(pt(8)), 0);
  });

  it('cycling through more points than slots rebuilds at most once per 32 lookups (after the first 8)', () => {
    let builds = 0;
    const cache = new PointCache(8, () => {
      builds++;
      return true;
    });
    const lookups = 20 * 200;
    for (let i = 0; i < lookups; i++) cache.slotOf(pt(i % 20));
    assert.ok(builds <= 8 + lookups / 32, `${builds} builds`);
    assert.ok(builds > 8);
  });

  it('points that return only after many others never get a table', () => {
    let builds = 0;
    const cache = new PointCache(4, () => {
      builds++;
      return true;
    });
    for (let i = 0; i < 100 * 20; i++) cache.slotOf(pt(i % 100));
    assert.equal(builds, 0);
  });
});
