import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeStateDiff, encodeStateDiff, StateError } from '../../src/index.ts';
import { randomDiff, randomFelt, rng } from '../helpers/random.ts';

describe('binary state-diff codec', () => {
  it('round-trips random diffs, including zero values and every section', () => {
    const r = rng(17);
    for (let i = 0; i < 20; i++) {
      const base = randomDiff(r, [randomFelt(r, 251), 1n], [0n, randomFelt(r, 251)], 5);
      const d = {
        ...base,
        nonces: [...base.nonces, { address: 2n, nonce: 0n }],
        replacedClasses: [{ address: 3n, classHash: randomFelt(r, 251) }],
        deprecatedDeclaredClasses: [randomFelt(r, 251)],
        migratedCompiledClasses: [{ classHash: 4n, compiledClassHash: randomFelt(r, 251) }],
      };
      assert.deepEqual(decodeStateDiff(encodeStateDiff(d)), d);
    }
  });
  it('rejects a diff cut short at any byte with a typed error', () => {
    const enc = encodeStateDiff(randomDiff(rng(2), [1n, 5n], [2n], 3));
    for (let end = 0; end < enc.length; end++)
      assert.throws(
        () => decodeStateDiff(enc.subarray(0, end)),
        (e) => e instanceof StateError && e.code === 'CORRUPT_RECORD',
        `cut at ${end}`,
      );
  });
  it('rejects trailing bytes', () => {
    const enc = encodeStateDiff(randomDiff(rng(1), [1n], [2n], 1));
    assert.throws(
      () => decodeStateDiff(Buffer.concat([enc, Buffer.from([0])])),
      (e) => e instanceof StateError,
    );
  });
});
