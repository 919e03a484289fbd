import type { CallContext, MaybePromise } from '../api/call-context.js';
import type { BLOCK_ID, FELT } from '../generated/wire-types.js';

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
  /** Fee-token balance (decimal string) at `block_id` (default pre_confirmed). */
  getAccountBalance(
    params: { address: FELT; unit: DevnetUnit; block_id?: BLOCK_ID },
    ctx: CallContext,
  ): MaybePromise<{ amount: string; unit: DevnetUnit }>;
  /** Gas prices of the blocks to come; each price a positive integer below 2^128. */
  setGasPrice(params: GasPriceUpdate, ctx: CallContext): MaybePromise<Record<string, unknown>>;
  /** Marks the blocks up to `starting_block_id` ACCEPTED_ON_L1; returns their hashes. */
  acceptOnL1(params: { starting_block_id: BLOCK_ID }, ctx: CallContext): MaybePromise<{ accepted: FELT[] }>;
  /** Drops the blocks from `starting_block_id` on; returns their hashes. */
  abortBlocks(params: { starting_block_id: BLOCK_ID }, ctx: CallContext): MaybePromise<{ aborted: FELT[] }>;
  /** Back to genesis (same accounts). */
  restart(params: { restart_l1_to_l2_messaging?: boolean }, ctx: CallContext): MaybePromise<unknown>;
  /** Executes an L1 handler as if the message came from L1 (no L1 node needed). */
  postmanSendMessageToL2(params: MessageToL2, ctx: CallContext): MaybePromise<{ transaction_hash: FELT }>;
  /** Consumes an L2→L1 message sent by a transaction of the chain, as L1 would; returns its hash. */
  postmanConsumeMessageFromL2(params: MessageToL1, ctx: CallContext): MaybePromise<{ message_hash: string }>;
}

/** devnet_postmanSendMessageToL2 parameters. */
export interface MessageToL2 {
  l2_contract_address: FELT;
  entry_point_selector: FELT;
  l1_contract_address: FELT;
  payload: FELT[];
  paid_fee_on_l1: FELT;
  nonce: FELT;
}

/** devnet_postmanConsumeMessageFromL2 parameters. */
export interface MessageToL1 {
  from_address: FELT;
  to_address: FELT;
  payload: FELT[];
}

/** devnet_setGasPrice parameters (starknet-devnet GasModificationRequest). */
export interface GasPriceUpdate {
  gas_price_wei?: bigint;
  data_gas_price_wei?: bigint;
  gas_price_fri?: bigint;
  data_gas_price_fri?: bigint;
  l2_gas_price_wei?: bigint;
  l2_gas_price_fri?: bigint;
  generate_block?: boolean;
}
