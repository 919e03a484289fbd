// An in-test SubscriptionSource: the test pushes vector data through `hub.emit(kind, value)`; every open
// subscription of that kind receives it. Replays from a block_id happen synchronously inside subscribe,
// as a node would replay stored blocks.
import type { SubscriptionSink, SubscriptionSource } from '../../src/index.ts';
import { StarknetRpcError } from '../../src/index.ts';
import { header } from './vector-chain.ts';

type Kind = keyof SubscriptionSource;

/** The hub: live sinks per kind, and a count of stops (to observe cleanup). */
export class TestHub {
  readonly sinks = new Map<Kind, Set<SubscriptionSink<unknown>>>();
  stopped = 0;

  emit(kind: Kind, value: unknown): void {
    for (const sink of this.sinks.get(kind) ?? []) sink.next(value);
  }

  reorg(kind: Kind, data: Parameters<SubscriptionSink<unknown>['reorg']>[0]): void {
    for (const sink of this.sinks.get(kind) ?? []) sink.reorg(data);
  }

  /** Ends every subscription of a kind from the source side. */
  end(kind: Kind): void {
    for (const sink of [...(this.sinks.get(kind) ?? [])]) sink.end();
  }

  open(): number {
    let n = 0;
    for (const set of this.sinks.values()) n += set.size;
    return n;
  }

  private add(kind: Kind, sink: SubscriptionSink<unknown>) {
    let set = this.sinks.get(kind);
    if (!set) this.sinks.set(kind, (set = new Set()));
    set.add(sink);
    return () => {
      set.delete(sink);
      this.stopped++;
    };
  }

  /** The SubscriptionSource over this hub. */
  source(): SubscriptionSource {
    const MAX_ADDRESSES = 4;
    return {
      newHeads: (params, sink) => {
        const id = params.block_id;
        if (id && typeof id === 'object' && 'block_number' in id) {
          if (header.block_number - id.block_number > 1024)
            throw new StarknetRpcError('TOO_MANY_BLOCKS_BACK');
          if (id.block_number > header.block_number) throw new StarknetRpcError('BLOCK_NOT_FOUND');
          sink.next(header); // replay of the stored head, before live notifications
        }
        return this.add('newHeads', sink as SubscriptionSink<unknown>);
      },
      events: (_params, sink) => this.add('events', sink as SubscriptionSink<unknown>),
      transactionStatus: (_params, sink) => this.add('transactionStatus', sink as SubscriptionSink<unknown>),
      newTransactionReceipts: (params, sink) => {
        if ((params.sender_address?.length ?? 0) > MAX_ADDRESSES) {
          throw new StarknetRpcError('TOO_MANY_ADDRESSES_IN_FILTER');
        }
        return this.add('newTransactionReceipts', sink as SubscriptionSink<unknown>);
      },
      newTransactions: (params, sink) => {
        if ((params.sender_address?.length ?? 0) > MAX_ADDRESSES) {
          throw new StarknetRpcError('TOO_MANY_ADDRESSES_IN_FILTER');
        }
        return this.add('newTransactions', sink as SubscriptionSink<unknown>);
      },
    };
  }
}
