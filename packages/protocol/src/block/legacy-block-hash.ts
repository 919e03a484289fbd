// Pedersen block hash and commitments of blocks before Starknet 0.13.2 (needed to verify history).
// Forms, oldest first (names as in the sequencer's historical code):
//   V0  mainnet blocks < 833: chain id hashed before the parent hash; timestamp, sequencer and events as 0.
//   V1  header sequencer address (0 for 0.7.x blocks) and timestamp.
//   V2  mainnet 0.8.0–0.8.1 blocks whose header lacks the sequencer: a fixed mainnet address is hashed.
//   V3  same hash as V1; from 0.11.1 the transaction leaves hash every transaction's signature
//       (before, only invoke signatures).
import { pedersen, pedersenArray } from '@starling/crypto';
import { MAINNET_LEGACY_SEQUENCER_ADDRESS } from '../constants.js';
import { commitmentRoot } from '../patricia-root.js';
import { isVersionAtLeast } from '../starknet-version.js';
import type { BlockHeader, Event, Transaction } from '../types.js';
import { transactionSignature } from './commitments.js';

export type LegacyBlockHashForm = 'V0' | 'V1' | 'V2' | 'V3';

/** The signature a transaction contributes to a legacy leaf: only invoke signatures before 0.11.1. */
export function legacyTransactionSignature(tx: Transaction, starknetVersion: string): bigint[] {
  if (!isVersionAtLeast(starknetVersion, '0.11.1') && tx.type !== 'INVOKE') return [];
  return transactionSignature(tx);
}

/** Legacy transaction leaf: pedersen(tx_hash, ped_arr(signature)). */
export function legacyTransactionLeaf(transactionHash: bigint, signature: readonly bigint[]): bigint {
  return pedersen(transactionHash, pedersenArray(signature));
}

/** Legacy (Pedersen tree) transaction commitment over already-selected signatures. */
export function legacyTransactionCommitment(
  txs: readonly { transactionHash: bigint; signature: readonly bigint[] }[],
): bigint {
  return commitmentRoot(
    txs.map((t) => legacyTransactionLeaf(t.transactionHash, t.signature)),
    pedersen,
  );
}

/** Legacy event leaf: ped_arr([from, ped_arr(keys), ped_arr(data)]) (no transaction hash). */
export function legacyEventLeaf(event: Event): bigint {
  return pedersenArray([event.fromAddress, pedersenArray(event.keys), pedersenArray(event.data)]);
}

/** Legacy (Pedersen tree) event commitment, events in block order. */
export function legacyEventCommitment(events: readonly Event[]): bigint {
  return commitmentRoot(events.map(legacyEventLeaf), pedersen);
}

/** Header fields the legacy block hash covers. */
export type LegacyBlockHashInput = Pick<
  BlockHeader,
  | 'blockNumber'
  | 'stateRoot'
  | 'sequencerAddress'
  | 'timestamp'
  | 'transactionCount'
  | 'transactionCommitment'
  | 'eventCount'
  | 'eventCommitment'
  | 'parentHash'
>;

/** The legacy Pedersen block hash in the given form; `chainId` is needed by V0 only. */
export function calculateLegacyBlockHash(
  h: LegacyBlockHashInput,
  form: LegacyBlockHashForm,
  chainId = 0n,
): bigint {
  const v0 = form === 'V0';
  const items = [
    h.blockNumber,
    h.stateRoot,
    v0 ? 0n : form === 'V2' ? MAINNET_LEGACY_SEQUENCER_ADDRESS : h.sequencerAddress,
    v0 ? 0n : h.timestamp,
    BigInt(h.transactionCount),
    h.transactionCommitment,
    v0 ? 0n : BigInt(h.eventCount),
    v0 ? 0n : h.eventCommitment,
    0n, // protocol version (reserved)
    0n, // extra data (reserved)
  ];
  if (v0) items.push(chainId);
  items.push(h.parentHash);
  return pedersenArray(items);
}
