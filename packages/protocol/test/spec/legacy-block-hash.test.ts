import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeShortString } from '@starling/felt';
import {
  calculateLegacyBlockHash,
  type LegacyBlockHashForm,
  legacyEventCommitment,
  legacyTransactionCommitment,
  legacyTransactionSignature,
  parseEvent,
  parseTransaction,
} from '@starling/protocol';
import { fromStarknetApi } from '../helpers/starknet-api.ts';
import { readVector } from '../helpers/vectors.ts';

const SN_MAIN = encodeShortString('SN_MAIN');

interface PapyrusBlock {
  header: Record<string, string | number>;
  body: {
    transactions: Record<string, unknown>[];
    transaction_outputs: Record<string, { events: unknown[] }>[];
    transaction_hashes: string[];
  };
}

const CASES: [string, LegacyBlockHashForm][] = [
  ['deprecated_block_hash_v0.json', 'V0'],
  ['deprecated_block_hash_v1.json', 'V1'],
  ['deprecated_block_hash_v1_no_events.json', 'V1'],
  ['deprecated_block_hash_v2.json', 'V2'],
  ['block_hash.json', 'V3'],
];

describe('legacy Pedersen block hash and commitments: sequencer papyrus fixtures (mainnet)', () => {
  for (const [file, form] of CASES) {
    describe(`${file} (${form})`, () => {
      const block = readVector<PapyrusBlock>('sequencer', 'papyrus_block_hash', file);
      const h = block.header;
      const version = String(h.starknet_version);
      const txs = block.body.transactions.map((t) => parseTransaction(fromStarknetApi(t)));
      const events = block.body.transaction_outputs.flatMap((o) =>
        Object.values(o)[0]!.events.map((e) => parseEvent(e)),
      );
      const txCommitment = BigInt(h.transaction_commitment!);
      const evCommitment = BigInt(h.event_commitment!);
      it('transaction commitment', () => {
        const items = txs.map((tx, i) => ({
          transactionHash: BigInt(block.body.transaction_hashes[i]!),
          signature: legacyTransactionSignature(tx, version),
        }));
        assert.equal(legacyTransactionCommitment(items), txCommitment);
      });
      it('event commitment', () => {
        // The oldest form (V0) did not commit to events.
        if (form !== 'V0') assert.equal(legacyEventCommitment(events), evCommitment);
        assert.equal(events.length, Number(h.n_events));
      });
      it('block hash', () => {
        const header = {
          blockNumber: BigInt(h.block_number!),
          stateRoot: BigInt(h.state_root!),
          sequencerAddress: BigInt(h.sequencer!),
          timestamp: BigInt(h.timestamp!),
          transactionCount: Number(h.n_transactions),
          transactionCommitment: txCommitment,
          eventCount: Number(h.n_events),
          eventCommitment: evCommitment,
          parentHash: BigInt(h.parent_hash!),
        };
        assert.equal(calculateLegacyBlockHash(header, form, SN_MAIN), BigInt(h.block_hash!));
        const others = (['V0', 'V1', 'V2'] as const).filter(
          (f) => f !== form && !(form === 'V3' && f === 'V1'),
        );
        for (const f of others)
          assert.notEqual(calculateLegacyBlockHash(header, f, SN_MAIN), BigInt(h.block_hash!));
      });
    });
  }
});
