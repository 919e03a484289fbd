// Domain types for block headers.

/** A resource price in both units: wei (ETH) and fri (STRK). */
export interface GasPrice {
  priceInWei: bigint;
  priceInFri: bigint;
}

/** How the block's state diff is published on L1. */
export type L1DataAvailabilityMode = 'CALLDATA' | 'BLOB';

/** The four per-block commitments of the 0.13.2+ block hash. */
export interface BlockCommitments {
  transactionCommitment: bigint;
  eventCommitment: bigint;
  receiptCommitment: bigint;
  stateDiffCommitment: bigint;
}

/** A block header with everything the block hash covers. */
export interface BlockHeader extends BlockCommitments {
  blockHash: bigint;
  parentHash: bigint;
  blockNumber: bigint;
  stateRoot: bigint;
  sequencerAddress: bigint;
  timestamp: bigint;
  l1GasPrice: GasPrice;
  l1DataGasPrice: GasPrice;
  l2GasPrice: GasPrice;
  l1DaMode: L1DataAvailabilityMode;
  /** e.g. '0.14.1'; empty for the oldest blocks. */
  starknetVersion: string;
  transactionCount: number;
  eventCount: number;
  stateDiffLength: number;
}
