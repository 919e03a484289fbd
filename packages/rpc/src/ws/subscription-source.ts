import type { CallContext, MaybePromise } from '../api/call-context.js';
import type {
  SubscribeEventsParams,
  SubscribeNewHeadsParams,
  SubscribeNewTransactionReceiptsParams,
  SubscribeNewTransactionsParams,
  SubscribeTransactionStatusParams,
  SubscriptionEventsResult,
  SubscriptionNewHeadsResult,
  SubscriptionNewTransactionReceiptsResult,
  SubscriptionNewTransactionResult,
  SubscriptionTransactionStatusResult,
} from '../generated/starknet-api.js';
import type { REORG_DATA } from '../generated/wire-types.js';

/** Where a source delivers the notifications of one subscription. */
export interface SubscriptionSink<T> {
  /** One notification (framed by the server as `starknet_subscription…`). */
  next(result: T): void;
  /** A reorg notice (`starknet_subscriptionReorg`). */
  reorg(data: REORG_DATA): void;
  /** The source ends the subscription on its own (e.g. a transaction reached a final status). */
  end(): void;
}

/** Stops a subscription: called on unsubscribe or when the connection closes. */
export type Unsubscribe = () => void;

/**
 * The event source behind the WebSocket API; the node implements it over the chain and the mempool.
 * Each method starts a stream (replaying from `block_id` when asked) and returns how to stop it; it
 * throws a StarknetRpcError (TOO_MANY_BLOCKS_BACK, BLOCK_NOT_FOUND, …) to refuse.
 */
export interface SubscriptionSource {
  newHeads(
    params: SubscribeNewHeadsParams,
    sink: SubscriptionSink<SubscriptionNewHeadsResult>,
    ctx: CallContext,
  ): MaybePromise<Unsubscribe>;
  events(
    params: SubscribeEventsParams,
    sink: SubscriptionSink<SubscriptionEventsResult>,
    ctx: CallContext,
  ): MaybePromise<Unsubscribe>;
  transactionStatus(
    params: SubscribeTransactionStatusParams,
    sink: SubscriptionSink<SubscriptionTransactionStatusResult>,
    ctx: CallContext,
  ): MaybePromise<Unsubscribe>;
  newTransactionReceipts(
    params: SubscribeNewTransactionReceiptsParams,
    sink: SubscriptionSink<SubscriptionNewTransactionReceiptsResult>,
    ctx: CallContext,
  ): MaybePromise<Unsubscribe>;
  newTransactions(
    params: SubscribeNewTransactionsParams,
    sink: SubscriptionSink<SubscriptionNewTransactionResult>,
    ctx: CallContext,
  ): MaybePromise<Unsubscribe>;
}
