// Short-string constants and fixed values of the Starknet protocol.
import { encodeShortString } from '@starling/felt';

export const TWO_128 = 1n << 128n;
/** Added to a transaction's version to mark it as a query (simulation / estimation) transaction. */
export const QUERY_VERSION_BASE = TWO_128;

export const PREFIX_INVOKE = encodeShortString('invoke');
export const PREFIX_DECLARE = encodeShortString('declare');
export const PREFIX_DEPLOY = encodeShortString('deploy');
export const PREFIX_DEPLOY_ACCOUNT = encodeShortString('deploy_account');
export const PREFIX_L1_HANDLER = encodeShortString('l1_handler');
export const PREFIX_CONTRACT_ADDRESS = encodeShortString('STARKNET_CONTRACT_ADDRESS');
export const PREFIX_CONTRACT_CLASS_V0_1_0 = encodeShortString('CONTRACT_CLASS_V0.1.0');
export const PREFIX_COMPILED_CLASS_V1 = encodeShortString('COMPILED_CLASS_V1');
export const PREFIX_CONTRACT_CLASS_LEAF_V0 = encodeShortString('CONTRACT_CLASS_LEAF_V0');
export const PREFIX_STARKNET_STATE_V0 = encodeShortString('STARKNET_STATE_V0');
export const PREFIX_BLOCK_HASH0 = encodeShortString('STARKNET_BLOCK_HASH0');
export const PREFIX_BLOCK_HASH1 = encodeShortString('STARKNET_BLOCK_HASH1');
export const PREFIX_GAS_PRICES0 = encodeShortString('STARKNET_GAS_PRICES0');
export const PREFIX_STATE_DIFF0 = encodeShortString('STARKNET_STATE_DIFF0');

export const RESOURCE_L1_GAS = encodeShortString('L1_GAS');
export const RESOURCE_L2_GAS = encodeShortString('L2_GAS');
export const RESOURCE_L1_DATA = encodeShortString('L1_DATA');

/** selector('constructor'), used by the DEPLOY transaction hash. */
export const CONSTRUCTOR_SELECTOR = 0x28ffe4ff0f226a9107253e17a904099aa4f63a02a5621de0576e5aa71bc5194n;

/** Chain ids as short-string felts. */
export const CHAIN_ID_MAINNET = encodeShortString('SN_MAIN');
export const CHAIN_ID_SEPOLIA = encodeShortString('SN_SEPOLIA');
export const CHAIN_ID_INTEGRATION_SEPOLIA = encodeShortString('SN_INTEGRATION_SEPOLIA');

/** The mainnet sequencer address used by the "V2" legacy block hash (blocks whose header lacks it). */
export const MAINNET_LEGACY_SEQUENCER_ADDRESS =
  0x021f4b90b0377c82bf330b7b5295820769e72d79d8acd0effa0ebde6e9988bc5n;
