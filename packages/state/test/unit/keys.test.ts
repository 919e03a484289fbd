import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { P } from '@starling/felt';
import { CompactWriter, compactWord, readCompact } from '../../src/db/keys.ts';
import { randomFelt, rng } from '../helpers/random.ts';

describe('compact values', () => {
  it('the reused writer gives the bytes of compactWord, which read back as the value', () => {
    const r = rng(5);
    const values = [0n, 1n, 255n, 256n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 64n, P - 1n];
    for (let bits = 1; bits <= 251; bits += 10) values.push(randomFelt(r, bits));
    const writer = new CompactWriter();
    for (const v of values) {
      const bytes = writer.of(v);
      assert.deepEqual([...bytes], [...compactWord(v)], `value ${v}`);
      assert.equal(readCompact(bytes), v);
    }
  });
});
