/** When blocks close. */
export type BlockMode =
  /** One block per transaction (devnet default, as starknet-devnet). */
  | { kind: 'transaction' }
  /** Only when asked (devnet_createBlock). */
  | { kind: 'demand' }
  /** Every `ms` milliseconds when the block is not empty (persistent sequencer: 2 s). */
  | { kind: 'interval'; ms: number };

export interface SequencerOptions {
  mode: BlockMode;
  /** A block closes when it holds this many transactions. */
  maxTransactions: number;
  /** A block closes when its transactions used this much L2 gas (0.14.1 max gas per block). */
  maxL2Gas: bigint;
  /** The version written into headers and used for execution. */
  starknetVersion: string;
}

export const SEQUENCER_DEFAULTS: SequencerOptions = {
  mode: { kind: 'transaction' },
  maxTransactions: 1000,
  maxL2Gas: 5_000_000_000n,
  starknetVersion: '0.14.1',
};

/** The persistent sequencer's interval. */
export const DEFAULT_BLOCK_TIME_MS = 2000;
