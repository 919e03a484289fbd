// The pool: per-account nonce queues, the account heads ordered by tip, replacement, TTL, capacity.
// Follows apollo_mempool (protocol.md §7.4).
import { MempoolError } from './errors.js';
import { DEFAULT_POOL_OPTIONS, type PoolOptions } from './options.js';
import type { PooledTransaction, PoolStatus } from './types.js';

interface Entry {
  ptx: PooledTransaction;
  seq: number;
  staged: boolean;
}

/** Result of adding: the transaction a replacement pushed out, and tails evicted for room. */
export interface AddResult {
  replaced?: PooledTransaction;
  evicted: PooledTransaction[];
}

const maxL2Price = (p: PooledTransaction): bigint => p.tx.resourceBounds.l2Gas.maxPricePerUnit;

// Higher tip first, then earlier arrival.
const before = (a: Entry, b: Entry): boolean =>
  a.ptx.tx.tip > b.ptx.tx.tip || (a.ptx.tx.tip === b.ptx.tx.tip && a.seq < b.seq);

/** In-memory transaction pool; the gateway persists what it changes. */
export class TransactionPool {
  private readonly accounts = new Map<bigint, Map<bigint, Entry>>();
  private readonly byHash = new Map<bigint, Entry>();
  private seq = 0;
  readonly options: PoolOptions;

  constructor(options: Partial<PoolOptions> = {}) {
    this.options = { ...DEFAULT_POOL_OPTIONS, ...options };
  }

  /** Number of transactions held (staged included). */
  get size(): number {
    return this.byHash.size;
  }

  /** True when `hash` is held. */
  has(hash: bigint): boolean {
    return this.byHash.has(hash);
  }

  /** The held transaction with `hash`. */
  get(hash: bigint): PooledTransaction | undefined {
    return this.byHash.get(hash)?.ptx;
  }

  /** RECEIVED, STAGED (taken for a block being built), or undefined when not held. */
  status(hash: bigint): PoolStatus | undefined {
    const e = this.byHash.get(hash);
    return e === undefined ? undefined : e.staged ? 'STAGED' : 'RECEIVED';
  }

  /** Every held transaction, in arrival order. */
  all(): PooledTransaction[] {
    return [...this.byHash.values()].sort((a, b) => a.seq - b.seq).map((e) => e.ptx);
  }

  /** The next nonce of `sender` counting the contiguous run of held transactions from `accountNonce`. */
  nextNonce(sender: bigint, accountNonce: bigint): bigint {
    const q = this.accounts.get(sender);
    let n = accountNonce;
    while (q?.has(n)) n++;
    return n;
  }

  /**
   * Adds a transaction, given the account's nonce in the latest state. Throws DUPLICATE_TX,
   * INVALID_TRANSACTION_NONCE, REPLACEMENT_TRANSACTION_UNDERPRICED or MEMPOOL_FULL.
   */
  add(ptx: PooledTransaction, accountNonce: bigint): AddResult {
    const { old, victim } = this.admission(ptx, accountNonce);
    const result: AddResult = { evicted: [] };
    if (old !== undefined) {
      this.delete(old);
      result.replaced = old.ptx;
    } else if (victim !== undefined) {
      this.delete(victim);
      result.evicted.push(victim.ptx);
    }
    const entry: Entry = { ptx, seq: ++this.seq, staged: false };
    let queue = this.accounts.get(ptx.sender);
    if (queue === undefined) this.accounts.set(ptx.sender, (queue = new Map()));
    queue.set(ptx.tx.nonce, entry);
    this.byHash.set(ptx.hash, entry);
    return result;
  }

  /** Runs the admission rules of `add` without changing the pool (throws what `add` would). */
  check(ptx: PooledTransaction, accountNonce: bigint): void {
    this.admission(ptx, accountNonce);
  }

  // The rules of add: nonce window, replacement price bump, capacity; returns what would leave.
  private admission(ptx: PooledTransaction, accountNonce: bigint): { old?: Entry; victim?: Entry } {
    if (this.byHash.has(ptx.hash))
      throw new MempoolError(
        'DUPLICATE_TX',
        `transaction 0x${ptx.hash.toString(16)} is already in the mempool`,
      );
    const { nonce } = ptx.tx;
    if (nonce < accountNonce)
      throw new MempoolError(
        'INVALID_TRANSACTION_NONCE',
        `Invalid transaction nonce. Expected: ${accountNonce}, got: ${nonce}.`,
      );
    const ahead = ptx.tx.type === 'DECLARE' ? this.options.maxNonceAheadDeclare : this.options.maxNonceAhead;
    if (nonce > accountNonce + BigInt(ahead))
      throw new MempoolError(
        'INVALID_TRANSACTION_NONCE',
        `Invalid transaction nonce. Expected at most ${accountNonce + BigInt(ahead)}, got: ${nonce}.`,
      );
    const old = this.accounts.get(ptx.sender)?.get(nonce);
    if (old !== undefined) {
      if (old.staged)
        throw new MempoolError('INVALID_TRANSACTION_NONCE', `nonce ${nonce} is already being sequenced`);
      const bump = BigInt(100 + this.options.replacementBumpPercent);
      const enough = (n: bigint, o: bigint) => n * 100n >= o * bump;
      if (!enough(ptx.tx.tip, old.ptx.tx.tip) || !enough(maxL2Price(ptx), maxL2Price(old.ptx)))
        throw new MempoolError(
          'REPLACEMENT_TRANSACTION_UNDERPRICED',
          `a replacement must raise tip and max L2 gas price by ${this.options.replacementBumpPercent}%`,
        );
      return { old };
    }
    if (this.byHash.size >= this.options.capacity) {
      const victim = this.lowestTail();
      const incoming: Entry = { ptx, seq: this.seq + 1, staged: false };
      if (victim === undefined || !before(incoming, victim))
        throw new MempoolError('MEMPOOL_FULL', 'the mempool is full and the transaction does not outbid any');
      return { victim };
    }
    return {};
  }

  // The lowest-priority unstaged transaction among the highest nonce of each account.
  private lowestTail(): Entry | undefined {
    let worst: Entry | undefined;
    for (const q of this.accounts.values()) {
      let tail: Entry | undefined;
      for (const e of q.values())
        if (!e.staged && (tail === undefined || e.ptx.tx.nonce > tail.ptx.tx.nonce)) tail = e;
      if (tail !== undefined && (worst === undefined || before(worst, tail))) worst = tail;
    }
    return worst;
  }

  private delete(e: Entry): void {
    this.byHash.delete(e.ptx.hash);
    const q = this.accounts.get(e.ptx.sender);
    q?.delete(e.ptx.tx.nonce);
    if (q?.size === 0) this.accounts.delete(e.ptx.sender);
  }

  /**
   * Takes up to `max` ready transactions in priority order and marks them staged: each account's head
   * (the transaction at its next nonce) competes by tip; heads priced below `minL2GasPrice` wait.
   */
  take(max: number, nonceOf: (sender: bigint) => bigint, minL2GasPrice = 0n): PooledTransaction[] {
    const heads: Entry[] = [];
    const next = new Map<bigint, bigint>();
    const headOf = (sender: bigint, n: bigint): Entry | undefined => {
      const e = this.accounts.get(sender)?.get(n);
      return e !== undefined && !e.staged && maxL2Price(e.ptx) >= minL2GasPrice ? e : undefined;
    };
    for (const sender of this.accounts.keys()) {
      const n = nonceOf(sender);
      next.set(sender, n);
      const e = headOf(sender, n);
      if (e !== undefined) heads.push(e);
    }
    const out: PooledTransaction[] = [];
    while (out.length < max && heads.length > 0) {
      let best = 0;
      for (let i = 1; i < heads.length; i++) if (before(heads[i] as Entry, heads[best] as Entry)) best = i;
      const e = heads[best] as Entry;
      e.staged = true;
      out.push(e.ptx);
      const n = (next.get(e.ptx.sender) ?? 0n) + 1n;
      next.set(e.ptx.sender, n);
      const following = headOf(e.ptx.sender, n);
      if (following !== undefined) heads[best] = following;
      else heads.splice(best, 1);
    }
    return out;
  }

  /** Returns staged transactions to the pool (a block that was not closed). */
  unstage(hashes: Iterable<bigint>): void {
    for (const h of hashes) {
      const e = this.byHash.get(h);
      if (e !== undefined) e.staged = false;
    }
  }

  /** Removes transactions (included in a block, or rejected when sequenced); returns those removed. */
  remove(hashes: Iterable<bigint>): PooledTransaction[] {
    const out: PooledTransaction[] = [];
    for (const h of hashes) {
      const e = this.byHash.get(h);
      if (e === undefined) continue;
      this.delete(e);
      out.push(e.ptx);
    }
    return out;
  }

  /** Drops unstaged transactions whose nonce is below the account's nonce now. */
  dropStale(nonceOf: (sender: bigint) => bigint): PooledTransaction[] {
    const stale: Entry[] = [];
    for (const [sender, q] of this.accounts) {
      const n = nonceOf(sender);
      for (const e of q.values()) if (!e.staged && e.ptx.tx.nonce < n) stale.push(e);
    }
    for (const e of stale) this.delete(e);
    return stale.map((e) => e.ptx);
  }

  /** Drops unstaged transactions older than the TTL at time `now` (ms). */
  expire(now: number): PooledTransaction[] {
    const old: Entry[] = [];
    for (const e of this.byHash.values())
      if (!e.staged && now - e.ptx.receivedAt > this.options.ttlMs) old.push(e);
    for (const e of old) this.delete(e);
    return old.map((e) => e.ptx);
  }
}
