// Defaults of the execution layer: protocol version, system addresses, default block context.
import { CHAIN_ID_SEPOLIA } from '@starling/protocol';
import type { BlockContext } from './types.js';

/** The Starknet version whose rules (versioned constants) execution follows by default. */
export const DEFAULT_STARKNET_VERSION = '0.14.1';
/** STRK fee token, at its mainnet (and Sepolia) address. */
export const STRK_FEE_TOKEN_ADDRESS = 0x04718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938dn;
/** The Universal Deployer, at the address starknet.js uses for deployContract. */
export const UDC_ADDRESS = 0x02ceed65a4bd731034c01113685c831b01c15d7d432f71afb1cf1634b53a2125n;
/** Default sequencer (fee recipient) address of a local chain. */
export const DEFAULT_SEQUENCER_ADDRESS = 0x1000n;
/** Minimum L2 gas price of 0.14.1 (fri). */
export const MIN_L2_GAS_PRICE = 8_000_000_000n;

/** A block context for a local chain with sensible defaults; every field can be overridden. */
export function defaultBlockContext(overrides: Partial<BlockContext> = {}): BlockContext {
  return {
    blockNumber: 0n,
    timestamp: 0n,
    sequencerAddress: DEFAULT_SEQUENCER_ADDRESS,
    chainId: CHAIN_ID_SEPOLIA,
    starknetVersion: DEFAULT_STARKNET_VERSION,
    feeTokenAddress: STRK_FEE_TOKEN_ADDRESS,
    useKzgDa: true,
    gasPrices: {
      l1Gas: { priceInWei: 1_000_000_000n, priceInFri: 50_000_000_000n },
      l1DataGas: { priceInWei: 1_000n, priceInFri: 50_000n },
      l2Gas: { priceInWei: 160_000n, priceInFri: MIN_L2_GAS_PRICE },
    },
    ...overrides,
  };
}
