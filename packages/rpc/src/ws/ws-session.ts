import { RpcError } from '../errors/rpc-error.js';
import { StarknetRpcError } from '../errors/starknet-errors.js';
import type { RpcMetrics } from '../metrics.js';
import type { SubscriptionSink, Unsubscribe } from './subscription-source.js';

let nextSubscriptionId = 1n;

/** The subscriptions of one WebSocket connection and the framing of their notifications. */
export class WsSession {
  private readonly subs = new Map<string, Unsubscribe | undefined>();
  // Notifications produced before the subscribe response went out wait here (clients need the id first).
  private held: string[] | undefined;
  private closed = false;

  constructor(
    private readonly send: (text: string) => void,
    private readonly maxSubscriptions: number,
    private readonly metrics: RpcMetrics,
  ) {}

  /** Opens a subscription whose notifications use `method`; `start` wires it to the source. */
  async subscribe<T>(
    method: string,
    start: (sink: SubscriptionSink<T>) => Unsubscribe | Promise<Unsubscribe>,
  ): Promise<string> {
    if (this.subs.size >= this.maxSubscriptions) {
      throw new RpcError('INVALID_REQUEST', `at most ${this.maxSubscriptions} subscriptions per connection`);
    }
    const id = (nextSubscriptionId++).toString();
    const emit = (m: string, result: unknown) => {
      if (this.closed || !this.subs.has(id)) return;
      const text = JSON.stringify({ jsonrpc: '2.0', method: m, params: { subscription_id: id, result } });
      if (this.held) this.held.push(text);
      else this.send(text);
    };
    const sink: SubscriptionSink<T> = {
      next: (r) => emit(method, r),
      reorg: (d) => emit('starknet_subscriptionReorg', d),
      end: () => this.drop(id),
    };
    this.held ??= [];
    this.subs.set(id, undefined);
    this.metrics.subscriptions(1);
    let stop: Unsubscribe;
    try {
      stop = await start(sink);
    } catch (err) {
      this.drop(id);
      throw err;
    }
    if (this.closed || !this.subs.has(id)) stop();
    else this.subs.set(id, stop);
    return id;
  }

  /** Closes a subscription of this connection (starknet_unsubscribe). */
  unsubscribe(id: unknown): true {
    if (typeof id !== 'string' || !this.subs.has(id)) throw new StarknetRpcError('INVALID_SUBSCRIPTION_ID');
    this.drop(id);
    return true;
  }

  /** Sends the notifications held while a response was pending. */
  flush(): void {
    const held = this.held;
    this.held = undefined;
    for (const text of held ?? []) if (!this.closed) this.send(text);
  }

  /** Ends every subscription (the connection closed). */
  close(): void {
    this.closed = true;
    for (const id of [...this.subs.keys()]) this.drop(id);
  }

  /** Number of open subscriptions. */
  get size(): number {
    return this.subs.size;
  }

  private drop(id: string): void {
    if (!this.subs.has(id)) return;
    const stop = this.subs.get(id);
    this.subs.delete(id);
    this.metrics.subscriptions(-1);
    stop?.();
  }
}
