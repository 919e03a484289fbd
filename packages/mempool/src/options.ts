/** Limits of the gateway's stateless checks (apollo_gateway_config defaults, protocol.md §8.1). */
export interface StatelessLimits {
  /** Minimum max_price_per_unit of L2 gas, in fri. */
  minL2GasPrice: bigint;
  /** Largest L2 gas max_amount (not checked for DECLARE). */
  maxL2GasAmount: bigint;
  maxCalldataLength: number;
  maxSignatureLength: number;
  /** Largest Sierra program, in felts. */
  maxBytecodeLength: number;
  /** Largest serialized contract class, in bytes. */
  maxContractClassSize: number;
  /** Accepted Sierra versions, inclusive: [major, minor, patch]. */
  minSierraVersion: readonly [number, number, number];
  maxSierraVersion: readonly [number, number, number];
}

/** Rules of the pool (apollo_mempool, protocol.md §7.4). */
export interface PoolOptions {
  /** How far a nonce may run ahead of the account nonce. */
  maxNonceAhead: number;
  /** The same for DECLARE. */
  maxNonceAheadDeclare: number;
  /** A replacement must raise both tip and max L2 gas price by at least this percentage. */
  replacementBumpPercent: number;
  /** A transaction not included within this time is dropped. */
  ttlMs: number;
  /** Most transactions held; past it the lowest-priority tail is evicted. */
  capacity: number;
}

export const DEFAULT_STATELESS_LIMITS: StatelessLimits = {
  minL2GasPrice: 8_000_000_000n,
  maxL2GasAmount: 1_210_000_000n,
  maxCalldataLength: 5000,
  maxSignatureLength: 4000,
  maxBytecodeLength: 81_920,
  maxContractClassSize: 4_089_446,
  minSierraVersion: [1, 1, 0],
  maxSierraVersion: [1, 9, Number.MAX_SAFE_INTEGER],
};

export const DEFAULT_POOL_OPTIONS: PoolOptions = {
  maxNonceAhead: 200,
  maxNonceAheadDeclare: 0,
  replacementBumpPercent: 10,
  ttlMs: 300_000,
  capacity: 10_000,
};
