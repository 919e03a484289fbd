// The gateway: stateless checks, hash, duplicate detection, stateful validation against the latest
// state plus the pool's pending nonces, then the pool (status RECEIVED) and the store.
import { calculateContractAddress, calculateTransactionHash } from '@starling/protocol';
import { MempoolError } from './errors.js';
import { decodePooled, encodePooled, type MempoolStore } from './mempool-store.js';
import { type MempoolMetrics, noopMempoolMetrics } from './metrics.js';
import { DEFAULT_STATELESS_LIMITS, type PoolOptions, type StatelessLimits } from './options.js';
import { checkStateless, type DeclaredClassFacts } from './stateless-check.js';
import { TransactionPool } from './transaction-pool.js';
import type { AccountTransaction, PooledTransaction } from './types.js';

/** Runs __validate__ (and the fee pre-checks) of a transaction on the latest state; throws to reject. */
export interface TransactionValidator {
  validate(
    tx: AccountTransaction,
    ctx: { hash: bigint; sender: bigint; accountNonce: bigint; contractClass?: unknown },
  ): void | Promise<void>;
}

/** Reads the account nonce in the latest committed state. */
export type NonceReader = (address: bigint) => bigint;

export interface GatewayOptions {
  chainId: bigint;
  validator: TransactionValidator;
  nonceOf: NonceReader;
  store?: MempoolStore;
  limits?: Partial<StatelessLimits>;
  pool?: Partial<PoolOptions>;
  metrics?: MempoolMetrics;
  /** Clock in ms (tests). */
  now?: () => number;
}

/** What a submission needs besides the transaction. */
export interface Submission {
  tx: AccountTransaction;
  contractClass?: unknown;
  classFacts?: DeclaredClassFacts;
}

/** The account a transaction belongs to. */
export function senderOf(tx: AccountTransaction): bigint {
  return tx.type === 'DEPLOY_ACCOUNT'
    ? calculateContractAddress(tx.contractAddressSalt, tx.classHash, tx.constructorCalldata, 0n)
    : tx.senderAddress;
}

/** Gateway plus pool: the write path of the node. */
export class Gateway {
  readonly pool: TransactionPool;
  private readonly limits: StatelessLimits;
  private readonly metrics: MempoolMetrics;
  private readonly now: () => number;
  private readonly listeners: ((p: PooledTransaction) => void)[] = [];

  constructor(private readonly o: GatewayOptions) {
    this.pool = new TransactionPool(o.pool);
    this.limits = { ...DEFAULT_STATELESS_LIMITS, ...o.limits };
    this.metrics = o.metrics ?? noopMempoolMetrics;
    this.now = o.now ?? Date.now;
  }

  /** Reloads the stored transactions (after a restart); those now invalid by nonce are dropped. */
  async restore(): Promise<number> {
    const store = this.o.store;
    if (store === undefined) return 0;
    const loaded = [...store.entries()]
      .map(([, b]) => decodePooled(b))
      .sort((a, b) => a.receivedAt - b.receivedAt);
    const dropped: bigint[] = [];
    for (const p of loaded) {
      try {
        this.pool.add(p, this.o.nonceOf(p.sender));
      } catch {
        dropped.push(p.hash);
      }
    }
    if (dropped.length > 0) await store.delete(dropped);
    this.metrics.size(this.pool.size);
    return this.pool.size;
  }

  /** Calls `fn` for each accepted transaction. */
  onAccepted(fn: (p: PooledTransaction) => void): void {
    this.listeners.push(fn);
  }

  /** Checks and admits a transaction; returns it as pooled (status RECEIVED). */
  async submit(s: Submission): Promise<PooledTransaction> {
    try {
      const p = await this.admit(s);
      this.metrics.accepted(s.tx.type);
      for (const fn of this.listeners) fn(p);
      return p;
    } catch (e) {
      this.metrics.rejected(
        e instanceof MempoolError || e instanceof Error
          ? ((e as { code?: string }).code ?? 'ERROR')
          : 'ERROR',
      );
      throw e;
    }
  }

  private async admit(s: Submission): Promise<PooledTransaction> {
    const { tx } = s;
    checkStateless(tx, this.limits, s.classFacts);
    const hash = calculateTransactionHash(tx, this.o.chainId);
    if (this.pool.has(hash))
      throw new MempoolError('DUPLICATE_TX', `transaction 0x${hash.toString(16)} is already in the mempool`);
    const sender = senderOf(tx);
    const accountNonce = this.o.nonceOf(sender);
    // Pool rules first (cheap), then __validate__ on the latest state.
    const probe: PooledTransaction = {
      hash,
      sender,
      tx,
      receivedAt: this.now(),
      ...(s.contractClass !== undefined ? { contractClass: s.contractClass } : {}),
    };
    this.pool.check(probe, accountNonce);
    await this.o.validator.validate(tx, {
      hash,
      sender,
      accountNonce,
      ...(s.contractClass !== undefined ? { contractClass: s.contractClass } : {}),
    });
    const r = this.pool.add(probe, this.o.nonceOf(sender));
    const gone = [...(r.replaced ? [r.replaced] : []), ...r.evicted];
    if (r.replaced) this.metrics.dropped('replaced', 1);
    if (r.evicted.length > 0) this.metrics.dropped('evicted', r.evicted.length);
    if (this.o.store) {
      await this.o.store.put(hash, encodePooled(probe));
      if (gone.length > 0) await this.o.store.delete(gone.map((g) => g.hash));
    }
    this.metrics.size(this.pool.size);
    return probe;
  }

  /** Removes transactions from the pool and the store; returns those removed. */
  async remove(hashes: readonly bigint[], reason = 'included'): Promise<PooledTransaction[]> {
    const out = this.pool.remove(hashes);
    if (this.o.store && out.length > 0) await this.o.store.delete(out.map((p) => p.hash));
    if (reason !== 'included') this.metrics.dropped(reason, out.length);
    this.metrics.size(this.pool.size);
    return out;
  }

  /** Drops expired and stale transactions; returns their hashes. */
  async prune(): Promise<bigint[]> {
    const gone = [...this.pool.expire(this.now()), ...this.pool.dropStale(this.o.nonceOf)].map((p) => p.hash);
    if (this.o.store && gone.length > 0) await this.o.store.delete(gone);
    if (gone.length > 0) this.metrics.dropped('expired', gone.length);
    this.metrics.size(this.pool.size);
    return gone;
  }
}
