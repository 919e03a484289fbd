import type { DeclareV3, DeployAccountV3, InvokeV3 } from '@starling/protocol';

/** The transactions the gateway accepts (v3 only since 0.14.0). */
export type AccountTransaction = InvokeV3 | DeclareV3 | DeployAccountV3;

/** A transaction held by the pool. */
export interface PooledTransaction {
  hash: bigint;
  /** The account: sender address, or the deployed address of a DEPLOY_ACCOUNT. */
  sender: bigint;
  tx: AccountTransaction;
  /** Milliseconds since the epoch when the gateway accepted it. */
  receivedAt: number;
  /** The Sierra class of a DECLARE, as received (JSON document). */
  contractClass?: unknown;
}

/** Where a known transaction stands in the pool. */
export type PoolStatus = 'RECEIVED' | 'STAGED';
