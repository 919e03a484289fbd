import type { CallContext, MaybePromise } from '../api/call-context.js';
import type { FELT } from '../generated/wire-types.js';

/** Fee token unit of devnet_mint and balances. */
export type DevnetUnit = 'WEI' | 'FRI';

/** One predeployed account (starknet-devnet shape). */
export interface PredeployedAccount {
  address: FELT;
  public_key: FELT;
  private_key: FELT;
  /** Decimal string. */
  initial_balance: string;
  balance?: Record<'eth' | 'strk', { amount: string; unit: DevnetUnit }>;
}

/** The devnet_* methods starknet.js and its test suite use; the node implements them. */
export interface DevnetApi {
  getPredeployedAccounts(
    params: { with_balance?: boolean },
    ctx: CallContext,
  ): MaybePromise<PredeployedAccount[]>;
  createBlock(params: Record<string, never>, ctx: CallContext): MaybePromise<{ block_hash: FELT }>;
  /** `amount` arrives as an exact integer (JSON numbers with a fraction are truncated, as devnet does). */
  mint(
    params: { address: FELT; amount: bigint; unit: DevnetUnit },
    ctx: CallContext,
  ): MaybePromise<{ new_balance: string; unit: DevnetUnit; tx_hash: FELT }>;
  setTime(
    params: { time: number; generate_block?: boolean },
    ctx: CallContext,
  ): MaybePromise<{ block_timestamp: number; block_hash?: FELT }>;
  increaseTime(
    params: { time: number },
    ctx: CallContext,
  ): MaybePromise<{ timestamp_increased_by: number; block_hash: FELT }>;
  /** Without a path the dump is returned in the response. */
  dump(params: { path?: string }, ctx: CallContext): MaybePromise<unknown>;
  load(params: { path: string }, ctx: CallContext): MaybePromise<unknown>;
  getConfig(params: Record<string, never>, ctx: CallContext): MaybePromise<Record<string, unknown>>;
}
