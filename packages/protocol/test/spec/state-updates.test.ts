import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeShortString } from '@starling/felt';
import {
  calculateTransactionHash,
  parseGatewayStateDiff,
  parseTransactionWithHash,
} from '@starling/protocol';
import { readVector } from '../helpers/vectors.ts';

describe('pre-confirmed block (0.14.0, Sepolia integration)', () => {
  const block = readVector<{ transactions: unknown[]; transaction_state_diffs: unknown[] }>(
    'blocks',
    '0.14.0_sepolia_integration_955821.preconfirmed_block.json',
  );
  it('transaction hashes', () => {
    const chainId = encodeShortString('SN_INTEGRATION_SEPOLIA');
    assert.equal(block.transactions.length, 9);
    block.transactions.forEach((t, i) => {
      const tx = parseTransactionWithHash(t, `transactions[${i}]`);
      assert.equal(calculateTransactionHash(tx, chainId), tx.transactionHash);
    });
  });
  it('per-transaction state diffs parse', () => {
    const diffs = block.transaction_state_diffs.map((d, i) => parseGatewayStateDiff(d, `diff[${i}]`));
    assert.equal(diffs.length, 9);
    assert.ok(diffs.every((d) => d.nonces.length === 1));
  });
});
