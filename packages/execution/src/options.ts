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

/** The gateway's admission limits (apollo_gateway's stateless and stateful validator configs). */
export interface GatewayLimits {
  /** Minimum max_price_per_unit of L2 gas (fri). */
  minL2GasPrice: bigint;
  /** Maximum L2 gas max_amount (not checked for DECLARE). */
  maxL2GasAmount: bigint;
  maxCalldataLength: number;
  maxSignatureLength: number;
  /** Sierra program length (felts) of a declared class. */
  maxContractBytecodeSize: number;
  /** Serialized size (JSON characters) of a declared class. */
  maxContractClassObjectSize: number;
  /** Sierra versions accepted: [min, max] with any patch of the max minor. */
  minSierraVersion: readonly [number, number, number];
  maxSierraVersion: readonly [number, number];
  /** A nonce may run this far ahead of the account nonce. */
  maxNonceGap: bigint;
  /** DECLARE nonces must equal the account nonce. */
  rejectFutureDeclare: boolean;
  /** The tx's L2 price must reach this percentage of the previous block's L2 gas price. */
  minGasPricePercentage: bigint;
}

/** apollo_gateway defaults (0.14.1). */
export const DEFAULT_GATEWAY_LIMITS: GatewayLimits = {
  minL2GasPrice: MIN_L2_GAS_PRICE,
  maxL2GasAmount: 1_210_000_000n,
  maxCalldataLength: 5000,
  maxSignatureLength: 4000,
  maxContractBytecodeSize: 81920,
  maxContractClassObjectSize: 4_089_446,
  minSierraVersion: [1, 1, 0],
  maxSierraVersion: [1, 9],
  maxNonceGap: 200n,
  rejectFutureDeclare: true,
  minGasPricePercentage: 100n,
};
