// Defaults of the protocol package.

/** The Starknet version Starling follows by default (block hash, compiled class hash, constants). */
export const DEFAULT_STARKNET_VERSION = '0.14.1';
