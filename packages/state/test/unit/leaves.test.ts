import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as scure from '@scure/starknet';
import { encodeShortString } from '@starling/felt';
import { classLeaf, contractStateLeaf, contractStateLeaves, globalStateRoot } from '../../src/index.ts';

// Oracle: @scure/starknet's hashes composed as in reference/protocol.md §5.2–5.3.
describe('commitment leaves and the global root', () => {
  it('contract-state leaf', () => {
    const [c, r, n] = [0x10455c752b86932ce552f2b0fe81a880746649b9aee7e0d842bf3f52378f9f8n, 0x1234n, 7n];
    const expected = BigInt(scure.pedersen(scure.pedersen(scure.pedersen(c, r), n), 0n));
    assert.equal(contractStateLeaf(c, r, n), expected);
    assert.deepEqual(
      contractStateLeaves([
        { classHash: c, storageRoot: r, nonce: n },
        { classHash: 0n, storageRoot: 0n, nonce: 0n },
      ]),
      [expected, 0n],
    );
    assert.equal(contractStateLeaf(0n, 0n, 0n), 0n);
  });
  it('class leaf', () => {
    const cch = 0x5adc857416202a5902c01168542e188c3aa6380f57c911ae98cf20bc52be367n;
    assert.equal(classLeaf(cch), scure.poseidonHash(encodeShortString('CONTRACT_CLASS_LEAF_V0'), cch));
  });
  it('global root, 0.14 and legacy rules', () => {
    const expected = scure.poseidonHashMany([encodeShortString('STARKNET_STATE_V0'), 5n, 0n]);
    assert.equal(globalStateRoot(5n, 0n), expected);
    assert.equal(globalStateRoot(5n, 0n, 'legacy'), 5n);
    assert.equal(
      globalStateRoot(5n, 6n, 'legacy'),
      scure.poseidonHashMany([encodeShortString('STARKNET_STATE_V0'), 5n, 6n]),
    );
    assert.equal(globalStateRoot(0n, 0n), 0n);
  });
});
