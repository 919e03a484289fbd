import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeShortString } from '@starling/felt';
import {
  calculateBlockCommitments,
  calculateBlockHash,
  calculateTransactionHash,
  eventCommitment,
  parseGatewayBlock,
  parseGatewayStateUpdate,
  receiptCommitment,
  stateDiffCommitment,
  stateDiffLength,
  transactionCommitment,
  transactionSignature,
} from '@starling/protocol';
import { readVector } from '../helpers/vectors.ts';

const INTEGRATION = encodeShortString('SN_INTEGRATION_SEPOLIA');

function checkBlock(blockJson: unknown, stateUpdateJson: unknown) {
  const { header, transactions, receipts } = parseGatewayBlock(blockJson);
  const update = parseGatewayStateUpdate(stateUpdateJson);
  it('transaction hashes', () => {
    for (const tx of transactions)
      assert.equal(calculateTransactionHash(tx, INTEGRATION), tx.transactionHash);
  });
  it('transaction commitment', () => {
    const items = transactions.map((t) => ({
      transactionHash: t.transactionHash,
      signature: transactionSignature(t),
    }));
    assert.equal(transactionCommitment(items, header.starknetVersion), header.transactionCommitment);
  });
  it('event commitment', () => assert.equal(eventCommitment(receipts), header.eventCommitment));
  it('receipt commitment', () => assert.equal(receiptCommitment(receipts), header.receiptCommitment));
  it('state diff commitment and length', () => {
    assert.equal(update.blockHash, header.blockHash);
    assert.equal(stateDiffCommitment(update.stateDiff), header.stateDiffCommitment);
    assert.equal(stateDiffLength(update.stateDiff), header.stateDiffLength);
  });
  it('block hash', () => {
    assert.equal(update.newRoot, header.stateRoot);
    assert.equal(calculateBlockHash(header), header.blockHash);
  });
  it('block hash from recomputed commitments', () => {
    const body = calculateBlockCommitments({
      transactions,
      receipts,
      stateDiff: update.stateDiff,
      starknetVersion: header.starknetVersion,
    });
    assert.equal(calculateBlockHash({ ...header, ...body }), header.blockHash);
  });
}

describe('0.13.2 block: Sepolia integration 35748 (STARKNET_BLOCK_HASH0)', () => {
  checkBlock(
    readVector('blocks', '0.13.2_sepolia_integration_35748.block.json'),
    readVector('blocks', '0.13.2_sepolia_integration_35748.state_update.json'),
  );
});

describe('0.14.1 block: Sepolia integration 3077642 (STARKNET_BLOCK_HASH1, migrated classes)', () => {
  const both = readVector<{ block: unknown; state_update: unknown }>(
    'blocks',
    '0.14.1_sepolia_integration_3077642.state_update_with_block.json',
  );
  checkBlock(both.block, both.state_update);
});
