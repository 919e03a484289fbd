import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pedersen, poseidonHash, poseidonHashMany } from '@scure/starknet';
import { encodeShortString } from '@starling/felt';
import { classTrieLeaf, contractStateLeaf, globalStateRoot } from '@starling/protocol';
import { Rng } from '../helpers/random.ts';

// Oracle: the formulas of protocol.md §5 evaluated with @scure/starknet's independent hashes.
describe('state commitment leaves and global root', () => {
  const r = new Rng(31);
  it('contract leaf', () => {
    for (let i = 0; i < 5; i++) {
      const [c, s, n] = [r.felt(), r.felt(), r.felt()];
      const expected = BigInt(pedersen(BigInt(pedersen(BigInt(pedersen(c, s)), n)), 0n));
      assert.equal(contractStateLeaf(c, s, n), expected);
    }
    assert.equal(contractStateLeaf(0n, 0n, 0n), 0n);
  });
  it('class leaf', () => {
    const cch = r.felt();
    assert.equal(classTrieLeaf(cch), poseidonHash(encodeShortString('CONTRACT_CLASS_LEAF_V0'), cch));
  });
  it('global root, 0.14 rule and the older special case', () => {
    const [a, b] = [r.felt(), r.felt()];
    const form = (x: bigint, y: bigint) => poseidonHashMany([encodeShortString('STARKNET_STATE_V0'), x, y]);
    assert.equal(globalStateRoot(a, b), form(a, b));
    assert.equal(globalStateRoot(a, 0n), form(a, 0n));
    assert.equal(globalStateRoot(a, 0n, '0.13.4'), a);
    assert.equal(globalStateRoot(a, b, '0.13.4'), form(a, b));
    assert.equal(globalStateRoot(0n, 0n), 0n);
  });
});
