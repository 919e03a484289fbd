import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeShortString } from '@starling/felt';
import {
  calculateTransactionHash,
  deprecatedTransactionHashes,
  parseMaybeQueryTransaction,
  parseTransaction,
  verifyTransactionHash,
} from '@starling/protocol';
import { fromStarknetApi } from '../helpers/starknet-api.ts';
import { readVector } from '../helpers/vectors.ts';

interface TxVector {
  block_number: number;
  chain_id: string;
  transaction: Record<string, unknown>;
  transaction_hash: string;
  only_query_transaction_hash?: string;
}

const label = (v: TxVector) =>
  `${Object.keys(v.transaction)[0]} ${Object.keys(Object.values(v.transaction)[0] as object)[0]} (block ${v.block_number})`;

describe('transaction hashes: sequencer transaction_hash.json', () => {
  const vectors = readVector<TxVector[]>('sequencer', 'starknet_api', 'transaction_hash.json');
  for (const v of vectors) {
    it(label(v), () => {
      const tx = parseTransaction(fromStarknetApi(v.transaction));
      const chainId = encodeShortString(v.chain_id);
      assert.equal(calculateTransactionHash(tx, chainId), BigInt(v.transaction_hash));
      assert.ok(v.only_query_transaction_hash);
      assert.equal(
        calculateTransactionHash(tx, chainId, { query: true }),
        BigInt(v.only_query_transaction_hash),
      );
      // The same transaction sent with its query version parses back to the plain one, flagged.
      const json = fromStarknetApi(v.transaction);
      const plain = BigInt((json.version as string | undefined) ?? '0x0');
      const parsed = parseMaybeQueryTransaction({
        ...json,
        version: `0x${(plain + (1n << 128n)).toString(16)}`,
      });
      assert.equal(parsed.query, true);
      assert.deepEqual(parsed.transaction, tx);
      assert.equal(parseMaybeQueryTransaction(json).query, false);
    });
  }
});

describe('transaction hashes: deprecated_transaction_hash.json', () => {
  const vectors = readVector<TxVector[]>('sequencer', 'starknet_api', 'deprecated_transaction_hash.json');
  for (const v of vectors) {
    it(label(v), () => {
      const tx = parseTransaction(fromStarknetApi(v.transaction));
      const chainId = encodeShortString(v.chain_id);
      const expected = BigInt(v.transaction_hash);
      // Upstream accepts either the current form or one of the deprecated ones for these blocks.
      const candidates = [calculateTransactionHash(tx, chainId), ...deprecatedTransactionHashes(tx, chainId)];
      assert.ok(candidates.includes(expected));
      assert.ok(verifyTransactionHash(tx, chainId, expected, BigInt(v.block_number)));
      assert.ok(!verifyTransactionHash(tx, chainId, expected + 1n));
      // The same transaction in a later mainnet block must carry the current hash.
      if (calculateTransactionHash(tx, chainId) !== expected) {
        assert.ok(!verifyTransactionHash(tx, chainId, expected, 1471n));
      }
    });
  }
});
