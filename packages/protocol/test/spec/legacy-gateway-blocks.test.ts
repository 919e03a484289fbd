import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeShortString } from '@starling/felt';
import {
  calculateLegacyBlockHash,
  type LegacyBlockHashForm,
  legacyEventCommitment,
  legacyTransactionCommitment,
  legacyTransactionSignature,
  parseGatewayBlock,
  verifyTransactionHash,
} from '@starling/protocol';
import { readVector } from '../helpers/vectors.ts';

// Feeder-gateway blocks from before 0.13.2. The oldest ones carry no commitments (0 in the JSON):
// those are recomputed and checked through the block hash. Columns: file, chain, form, check the
// transaction hashes, recompute the event commitment (block 65000's 814 events are skipped to keep
// the suite fast: the same legacy event form is checked on the papyrus fixtures).
const CASES: [string, string, LegacyBlockHashForm, boolean, boolean][] = [
  ['pre_0.7.0_mainnet_genesis.block.json', 'SN_MAIN', 'V0', true, true],
  ['0.7.0_mainnet_2240.block.json', 'SN_MAIN', 'V2', true, true],
  ['0.11.1_mainnet_65000.block.json', 'SN_MAIN', 'V1', false, false],
  [
    '0.13.1_sepolia_integration_9703.state_update_with_block.json',
    'SN_INTEGRATION_SEPOLIA',
    'V1',
    true,
    true,
  ],
];

describe('legacy Pedersen block hash: feeder-gateway fixtures', () => {
  for (const [file, chain, form, hashTxs, hashEvents] of CASES) {
    it(file, () => {
      const json = readVector<Record<string, unknown>>('blocks', file);
      const { header, transactions, receipts } = parseGatewayBlock(json.block ?? json);
      const chainId = encodeShortString(chain);
      if (hashTxs)
        for (const tx of transactions)
          assert.ok(verifyTransactionHash(tx, chainId, tx.transactionHash, header.blockNumber));
      const txCommitment = legacyTransactionCommitment(
        transactions.map((t) => ({
          transactionHash: t.transactionHash,
          signature: legacyTransactionSignature(t, header.starknetVersion),
        })),
      );
      const evCommitment = hashEvents
        ? legacyEventCommitment(receipts.flatMap((r) => r.events))
        : header.eventCommitment;
      if (header.transactionCommitment !== 0n) assert.equal(txCommitment, header.transactionCommitment);
      if (header.eventCommitment !== 0n) assert.equal(evCommitment, header.eventCommitment);
      const computed = { ...header, transactionCommitment: txCommitment, eventCommitment: evCommitment };
      assert.equal(calculateLegacyBlockHash(computed, form, chainId), header.blockHash);
    });
  }
});
