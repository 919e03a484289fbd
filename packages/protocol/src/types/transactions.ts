// Domain types for Starknet transactions, every version that appears on chain. Felts are bigints.

/** Where a v3 transaction's nonce / fee data lives: L1 = 0, L2 = 1 (only L1 is accepted today). */
export type DataAvailabilityMode = 'L1' | 'L2';

/** Bound on one resource: at most `maxAmount` units (u64) at `maxPricePerUnit` (u128) each. */
export interface ResourceBound {
  maxAmount: bigint;
  maxPricePerUnit: bigint;
}

/**
 * v3 resource bounds. `l1DataGas` is absent only for transactions from before 0.13.4, which bounded
 * L1 gas alone (their hash omits the L1_DATA word); since 0.14.0 all three are mandatory.
 */
export interface ResourceBounds {
  l1Gas: ResourceBound;
  l2Gas: ResourceBound;
  l1DataGas?: ResourceBound;
}

/** Fields shared by all v3 account transactions. */
export interface V3Fields {
  version: 3;
  signature: bigint[];
  nonce: bigint;
  resourceBounds: ResourceBounds;
  tip: bigint;
  paymasterData: bigint[];
  nonceDataAvailabilityMode: DataAvailabilityMode;
  feeDataAvailabilityMode: DataAvailabilityMode;
}

export interface InvokeV0 {
  type: 'INVOKE';
  version: 0;
  contractAddress: bigint;
  entryPointSelector: bigint;
  calldata: bigint[];
  maxFee: bigint;
  signature: bigint[];
}

export interface InvokeV1 {
  type: 'INVOKE';
  version: 1;
  senderAddress: bigint;
  calldata: bigint[];
  maxFee: bigint;
  nonce: bigint;
  signature: bigint[];
}

export interface InvokeV3 extends V3Fields {
  type: 'INVOKE';
  senderAddress: bigint;
  calldata: bigint[];
  accountDeploymentData: bigint[];
  /** Client-side proof facts (0.14.2+); hashed only when non-empty. */
  proofFacts?: bigint[];
}

/** Declare v0 (Cairo 0 class, no nonce in the hash) and v1 (Cairo 0 class). */
export interface DeclareV0V1 {
  type: 'DECLARE';
  version: 0 | 1;
  senderAddress: bigint;
  classHash: bigint;
  maxFee: bigint;
  nonce: bigint;
  signature: bigint[];
}

export interface DeclareV2 {
  type: 'DECLARE';
  version: 2;
  senderAddress: bigint;
  classHash: bigint;
  compiledClassHash: bigint;
  maxFee: bigint;
  nonce: bigint;
  signature: bigint[];
}

export interface DeclareV3 extends V3Fields {
  type: 'DECLARE';
  senderAddress: bigint;
  classHash: bigint;
  compiledClassHash: bigint;
  accountDeploymentData: bigint[];
}

export interface DeployAccountV1 {
  type: 'DEPLOY_ACCOUNT';
  version: 1;
  classHash: bigint;
  contractAddressSalt: bigint;
  constructorCalldata: bigint[];
  maxFee: bigint;
  nonce: bigint;
  signature: bigint[];
}

export interface DeployAccountV3 extends V3Fields {
  type: 'DEPLOY_ACCOUNT';
  classHash: bigint;
  contractAddressSalt: bigint;
  constructorCalldata: bigint[];
}

/** The historical DEPLOY transaction (no account, no fee); gone since 0.10. */
export interface Deploy {
  type: 'DEPLOY';
  version: 0 | 1;
  classHash: bigint;
  contractAddressSalt: bigint;
  constructorCalldata: bigint[];
}

/** An L1→L2 message as a transaction: calldata = [from_address, ...payload], nonce = message nonce. */
export interface L1Handler {
  type: 'L1_HANDLER';
  version: 0;
  contractAddress: bigint;
  entryPointSelector: bigint;
  calldata: bigint[];
  nonce: bigint;
}

export type InvokeTransaction = InvokeV0 | InvokeV1 | InvokeV3;
export type DeclareTransaction = DeclareV0V1 | DeclareV2 | DeclareV3;
export type DeployAccountTransaction = DeployAccountV1 | DeployAccountV3;

/** Any Starknet transaction, without its hash. */
export type Transaction =
  | InvokeTransaction
  | DeclareTransaction
  | DeployAccountTransaction
  | Deploy
  | L1Handler;

export type TransactionType = Transaction['type'];

/** A transaction together with its (claimed or computed) hash. */
export type TransactionWithHash = Transaction & { transactionHash: bigint };
