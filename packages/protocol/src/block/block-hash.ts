// The Poseidon block hash of Starknet 0.13.2 and later.
import { poseidonArray } from '@starling/crypto';
import { encodeShortString } from '@starling/felt';
import { PREFIX_BLOCK_HASH0, PREFIX_BLOCK_HASH1, PREFIX_GAS_PRICES0 } from '../constants.js';
import { ProtocolError } from '../errors.js';
import { isVersionAtLeast } from '../starknet-version.js';
import type { BlockHeader, L1DataAvailabilityMode } from '../types.js';

const U64 = 1n << 64n;

function u64(n: number | bigint, what: string): bigint {
  const v = BigInt(n);
  if (v < 0n || v >= U64) throw new ProtocolError('INVALID_FIELD', `${what} does not fit in 64 bits`);
  return v;
}

/** tx_count·2^192 + event_count·2^128 + state_diff_length·2^64 + (blob ? 2^63 : 0). */
export function concatCounts(
  transactionCount: number,
  eventCount: number,
  stateDiffLength: number,
  l1DaMode: L1DataAvailabilityMode,
): bigint {
  return (
    (u64(transactionCount, 'transaction count') << 192n) +
    (u64(eventCount, 'event count') << 128n) +
    (u64(stateDiffLength, 'state diff length') << 64n) +
    (l1DaMode === 'BLOB' ? 1n << 63n : 0n)
  );
}

/** The gas-price felts of the block hash: one poseidon hash from 0.13.4, four raw prices before. */
export function gasPricesForHash(
  header: Pick<BlockHeader, 'l1GasPrice' | 'l1DataGasPrice' | 'l2GasPrice'>,
  v1: boolean,
): bigint[] {
  const { l1GasPrice: l1, l1DataGasPrice: data, l2GasPrice: l2 } = header;
  if (!v1) return [l1.priceInWei, l1.priceInFri, data.priceInWei, data.priceInFri];
  return [
    poseidonArray([
      PREFIX_GAS_PRICES0,
      l1.priceInWei,
      l1.priceInFri,
      data.priceInWei,
      data.priceInFri,
      l2.priceInWei,
      l2.priceInFri,
    ]),
  ];
}

/** Header fields the block hash covers (the hash itself excluded). */
export type BlockHashInput = Omit<BlockHeader, 'blockHash'>;

/**
 * Block hash of a 0.13.2+ block: 'STARKNET_BLOCK_HASH0' for 0.13.2–0.13.3, 'STARKNET_BLOCK_HASH1' from 0.13.4.
 * Older blocks use the Pedersen forms in legacy-block-hash.ts.
 */
export function calculateBlockHash(h: BlockHashInput): bigint {
  if (!isVersionAtLeast(h.starknetVersion, '0.13.2')) {
    throw new ProtocolError(
      'UNSUPPORTED_STARKNET_VERSION',
      `the Poseidon block hash starts at 0.13.2, got ${JSON.stringify(h.starknetVersion)}`,
    );
  }
  const v1 = isVersionAtLeast(h.starknetVersion, '0.13.4');
  return poseidonArray([
    v1 ? PREFIX_BLOCK_HASH1 : PREFIX_BLOCK_HASH0,
    h.blockNumber,
    h.stateRoot,
    h.sequencerAddress,
    h.timestamp,
    concatCounts(h.transactionCount, h.eventCount, h.stateDiffLength, h.l1DaMode),
    h.stateDiffCommitment,
    h.transactionCommitment,
    h.eventCommitment,
    h.receiptCommitment,
    ...gasPricesForHash(h, v1),
    encodeShortString(h.starknetVersion),
    0n,
    h.parentHash,
  ]);
}
