import type { BlockMode } from '@starling/sequencer';

/** Options of a Starling node (devnet or persistent sequencer). */
export interface NodeOptions {
  /** LMDB directory; undefined = a temporary directory removed on stop (in-memory devnet). */
  dataDir?: string;
  /** Chain id as a felt ('SN_SEPOLIA' by default). */
  chainId: bigint;
  /** Seed of the predeployed accounts' keys. */
  seed: bigint;
  accounts: number;
  /** STRK (fri) of each predeployed account. */
  initialBalance: bigint;
  blockMode: BlockMode;
  host: string;
  port: number;
  starknetVersion: string;
  /** Validate every RPC result against the spec schemas (tests). */
  validateResults: boolean;
  /** Devnet methods on (devnet_*); off for the persistent sequencer. */
  devnet: boolean;
  /** Write a dump here (devnet --dump-path), when `dumpOn` says. */
  dumpPath?: string;
  /** When to write the dump: on exit (default), after every block, or after every accepted request. */
  dumpOn?: 'exit' | 'block' | 'request';
  /** Replay this dump at start (devnet --load). */
  loadPath?: string;
}

/** SN_SEPOLIA. */
export const DEFAULT_CHAIN_ID = 0x534e5f5345504f4c4941n;

/** starknet-devnet-like defaults. */
export const DEVNET_DEFAULTS: NodeOptions = {
  chainId: DEFAULT_CHAIN_ID,
  seed: 0n,
  accounts: 10,
  initialBalance: 10n ** 21n,
  blockMode: { kind: 'transaction' },
  host: '127.0.0.1',
  port: 5050,
  starknetVersion: '0.14.1',
  validateResults: false,
  devnet: true,
};
