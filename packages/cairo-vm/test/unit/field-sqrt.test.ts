// The memoized square root used by the FieldSqrt and RandomEcPoint hints: roots are checked by
// squaring, residuosity against Euler's criterion, and repeated calls (memo hits) agree.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { legendre, P } from '@starling/felt';
import { trySqrt } from '../../src/hints/field-sqrt.ts';

describe('trySqrt', () => {
  const samples = [0n, 1n, 2n, 3n, 4n, 5n, P - 1n, P - 4n, 0x1234567890abcdefn, (1n << 250n) + 12345n];
  for (let i = 0n; i < 24n; i++) samples.push((i * 0x9e3779b97f4a7c15n ** 3n + 7n) % P);

  it('returns the smaller root of squares and undefined for non-residues', () => {
    for (const a of samples) {
      const r = trySqrt(a);
      if (legendre(a) === -1) {
        assert.equal(r, undefined, `non-residue ${a}`);
        continue;
      }
      assert.notEqual(r, undefined, `residue ${a}`);
      const root = r as bigint;
      assert.equal((root * root) % P, a);
      assert.ok(root <= P - root || root === 0n);
    }
  });

  it('gives the same answer when the value recurs', () => {
    for (const a of samples) assert.equal(trySqrt(a), trySqrt(a));
  });
});
