// The WebSocket event source: new heads, events, transaction statuses, receipts and transactions,
// fed by the gateway (RECEIVED), the sequencer (CANDIDATE, PRE_CONFIRMED) and closed blocks.
import { rpcReceipt } from '@starling/execution';
import type { PooledTransaction } from '@starling/mempool';
import type { BLOCK_ID } from '@starling/rpc';
import { type REORG_DATA, StarknetRpcError, type SubscriptionSource, type Unsubscribe } from '@starling/rpc';
import { type ClosedBlock, transactionJson } from '@starling/sequencer';
import { hex, type NodeContext, resolveBlock } from './api/context.js';
import { transactionStatus } from './api/transactions.js';

type Status = 'RECEIVED' | 'CANDIDATE' | 'PRE_CONFIRMED' | 'ACCEPTED_ON_L2';
type TxEvent = {
  hash: bigint;
  status: Status;
  sender: bigint;
  tx: Record<string, unknown>;
  receipt?: Record<string, unknown>;
  block?: ClosedBlock;
};

const MAX_BLOCKS_BACK = 1024;

/** Fans node events out to subscribers. */
class Hub<T> {
  private readonly subs = new Set<(e: T) => void>();
  add(fn: (e: T) => void): Unsubscribe {
    this.subs.add(fn);
    return () => this.subs.delete(fn);
  }
  emit(e: T): void {
    for (const fn of this.subs) {
      try {
        fn(e);
      } catch {
        // a failing subscriber never breaks block production
      }
    }
  }
}

function senderOf(tx: Record<string, unknown>, receipt?: Record<string, unknown>): bigint {
  const s = (tx.sender_address ?? receipt?.contract_address) as string | undefined;
  return s === undefined ? 0n : BigInt(s);
}

/**
 * Subscriptions plus `attach`, which hooks them to the context's current components (again after a
 * restart), and `reorg`, which tells every subscriber that blocks were dropped.
 */
export type NodeSubscriptions = SubscriptionSource & { attach(): void; reorg(data: REORG_DATA): void };

/** The subscription source of a node. */
export function createSubscriptions(c: NodeContext): NodeSubscriptions {
  const blocks = new Hub<ClosedBlock>();
  const txs = new Hub<TxEvent>();
  const reorgs = new Hub<REORG_DATA>();
  // Every subscription also hears reorg notices.
  const withReorg = (sink: { reorg(d: REORG_DATA): void }, stop: Unsubscribe): Unsubscribe => {
    const off = reorgs.add((d) => sink.reorg(d));
    return () => {
      off();
      stop();
    };
  };
  const attach = () => {
    c.sequencer.onBlock((b) => {
      blocks.emit(b);
      for (const t of b.transactions)
        txs.emit({
          hash: t.hash,
          status: 'ACCEPTED_ON_L2',
          sender: senderOf(t.transaction, t.receipt),
          tx: t.transaction,
          receipt: t.receipt,
          block: b,
        });
    });
    c.sequencer.onTransaction((hash, status) => {
      const t = c.sequencer.preconfirmed?.find(hash);
      if (t === undefined) return;
      const tx = { transaction_hash: hex(hash), ...transactionJson(t.pooled.tx) };
      const receipt =
        t.info !== undefined
          ? {
              ...rpcReceipt(t.info, 'PRE_CONFIRMED'),
              block_number: Number(c.sequencer.preconfirmed?.context.blockNumber ?? 0n),
            }
          : undefined;
      txs.emit({ hash, status, sender: t.pooled.sender, tx, ...(receipt !== undefined ? { receipt } : {}) });
    });
    c.gateway.onAccepted((p: PooledTransaction) =>
      txs.emit({
        hash: p.hash,
        status: 'RECEIVED',
        sender: p.sender,
        tx: { transaction_hash: hex(p.hash), ...transactionJson(p.tx) },
      }),
    );
  };
  attach();

  // Stored blocks from `id` up to the latest, for replays.
  const replayFrom = (id: BLOCK_ID | undefined): number[] => {
    if (id === undefined) return [];
    const r = resolveBlock(c, id);
    if (r.kind === 'pre') return [];
    const latest = c.db.latestBlockNumber() ?? 0;
    if (latest - r.n > MAX_BLOCKS_BACK) throw new StarknetRpcError('TOO_MANY_BLOCKS_BACK');
    return Array.from({ length: latest - r.n + 1 }, (_, i) => r.n + i);
  };
  const addressFilter = (a: string | string[] | undefined): Set<bigint> | undefined => {
    if (a === undefined) return undefined;
    const list = Array.isArray(a) ? a : [a];
    if (list.length > 128) throw new StarknetRpcError('TOO_MANY_ADDRESSES_IN_FILTER');
    return new Set(list.map((x) => BigInt(x)));
  };
  const keysMatch = (keys: string[], filter: string[][] | undefined) =>
    (filter ?? []).every(
      (allowed, i) =>
        allowed.length === 0 ||
        allowed.some((k) => keys[i] !== undefined && BigInt(k) === BigInt(keys[i] as string)),
    );

  return {
    attach,
    reorg: (d) => reorgs.emit(d),
    newHeads(p, sink) {
      for (const n of replayFrom(p.block_id)) sink.next(c.db.getBlock(n).header as never);
      return withReorg(
        sink,
        blocks.add((b) => sink.next(b.header as never)),
      );
    },
    events(p, sink) {
      const from = addressFilter(p.from_address);
      const finality = p.finality_status ?? 'ACCEPTED_ON_L2';
      const send = (ev: Record<string, unknown>, status: string) => {
        if (from !== undefined && !from.has(BigInt(ev.from_address as string))) return;
        if (!keysMatch(ev.keys as string[], p.keys)) return;
        sink.next({ ...ev, finality_status: status } as never);
      };
      const fromReceipt = (
        r: Record<string, unknown>,
        index: number,
        block: { hash?: bigint; n: number },
        status: string,
      ) => {
        const evs = (r.events ?? []) as Record<string, unknown>[];
        evs.forEach((e, i) => {
          send(
            {
              ...e,
              ...(block.hash !== undefined ? { block_hash: hex(block.hash) } : {}),
              block_number: block.n,
              transaction_hash: r.transaction_hash,
              transaction_index: index,
              event_index: i,
            },
            status,
          );
        });
      };
      for (const n of replayFrom(p.block_id)) {
        const hash = c.db.getBlock(n).blockHash;
        const list = c.db.getBlockTransactions(n);
        const where = { ...(hash !== undefined ? { hash } : {}), n };
        for (const [i, t] of list.entries()) fromReceipt(t.receipt as never, i, where, 'ACCEPTED_ON_L2');
      }
      return withReorg(
        sink,
        txs.add((e) => {
          if (e.receipt === undefined) return;
          if (e.status === 'ACCEPTED_ON_L2' && e.block !== undefined) {
            const i = e.block.transactions.findIndex((t) => t.hash === e.hash);
            fromReceipt(e.receipt, i, { hash: e.block.blockHash, n: e.block.blockNumber }, 'ACCEPTED_ON_L2');
          } else if (e.status === 'PRE_CONFIRMED' && finality === 'PRE_CONFIRMED') {
            const pre = c.sequencer.preconfirmed;
            const i = pre?.executed().findIndex((t) => t.pooled.hash === e.hash) ?? 0;
            fromReceipt(e.receipt, i, { n: Number(pre?.context.blockNumber ?? 0n) }, 'PRE_CONFIRMED');
          }
        }),
      );
    },
    transactionStatus(p, sink) {
      const hash = BigInt(p.transaction_hash);
      try {
        sink.next({ transaction_hash: hex(hash), status: transactionStatus(c, p.transaction_hash) } as never);
      } catch {
        // not known yet: the first status arrives when it is
      }
      return withReorg(
        sink,
        txs.add((e) => {
          if (e.hash !== hash) return;
          sink.next({
            transaction_hash: hex(hash),
            status: transactionStatus(c, p.transaction_hash),
          } as never);
        }),
      );
    },
    newTransactionReceipts(p, sink) {
      const senders = addressFilter(p.sender_address);
      const wanted = new Set<string>(p.finality_status ?? ['ACCEPTED_ON_L2']);
      return withReorg(
        sink,
        txs.add((e) => {
          if (e.receipt === undefined || !wanted.has(e.status)) return;
          if (senders !== undefined && !senders.has(e.sender)) return;
          const receipt =
            e.block !== undefined
              ? { ...e.receipt, block_hash: hex(e.block.blockHash), block_number: e.block.blockNumber }
              : e.receipt;
          sink.next(receipt as never);
        }),
      );
    },
    newTransactions(p, sink) {
      const senders = addressFilter(p.sender_address);
      const wanted = new Set<string>(p.finality_status ?? ['ACCEPTED_ON_L2']);
      return withReorg(
        sink,
        txs.add((e) => {
          if (!wanted.has(e.status)) return;
          if (senders !== undefined && !senders.has(e.sender)) return;
          sink.next({ ...e.tx, finality_status: e.status } as never);
        }),
      );
    },
  };
}
