// Block production: fills the pre-confirmed block from the pool (CANDIDATE → PRE_CONFIRMED) and
// closes it by mode (per transaction, on demand, by interval) or by size (transactions, L2 gas).
import {
  type AccountTxOptions,
  type BlockContext,
  executeTransaction,
  preProcessBlock,
  type TransactionExecutionInfo,
} from '@starling/execution';
import type { PooledTransaction } from '@starling/mempool';
import type { L1Handler } from '@starling/protocol';
import { type BlockBody, closeBlock } from './block-builder.js';
import { SequencerError } from './errors.js';
import { noopSequencerMetrics, type SequencerMetrics } from './metrics.js';
import { SEQUENCER_DEFAULTS, type SequencerOptions } from './options.js';
import { PreconfirmedBlock } from './preconfirmed-block.js';
import { casmJson } from './rpc-json.js';
import type { ClosedBlock, RejectedTransaction, SequencerChain, TransactionSource } from './types.js';

export interface SequencerDeps {
  chain: SequencerChain;
  source: TransactionSource;
  /** The context of block `n` at `timestamp` (chain id, prices, sequencer address, version). */
  blockContext: (blockNumber: bigint, timestamp: bigint) => BlockContext;
  options?: Partial<SequencerOptions>;
  metrics?: SequencerMetrics;
  /** Wall clock in ms (tests). */
  now?: () => number;
  /** Extra execution options of a transaction (e.g. the parsed class of a DECLARE). */
  prepare?: (p: PooledTransaction) => AccountTxOptions;
}

type Waiter = (r: { block: ClosedBlock } | { rejected: RejectedTransaction }) => void;

/** The block producer. All work runs one step at a time on an internal queue. */
export class Sequencer {
  private opts: SequencerOptions;
  private pre: PreconfirmedBlock | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setInterval> | undefined;
  private stopped = false;
  private timeOffset = 0n;
  private pinned: bigint | undefined;
  private readonly metrics: SequencerMetrics;
  private readonly now: () => number;
  private readonly blockListeners: ((b: ClosedBlock) => void)[] = [];
  private readonly txListeners: ((hash: bigint, status: 'CANDIDATE' | 'PRE_CONFIRMED') => void)[] = [];
  private readonly waiters = new Map<bigint, Waiter[]>();

  constructor(private readonly d: SequencerDeps) {
    this.opts = { ...SEQUENCER_DEFAULTS, ...d.options };
    if (this.opts.mode.kind === 'interval' && !(this.opts.mode.ms > 0))
      throw new SequencerError('INVALID_OPTION', 'the block interval must be positive');
    this.metrics = d.metrics ?? noopSequencerMetrics;
    this.now = d.now ?? Date.now;
  }

  /** The options in force. */
  get options(): SequencerOptions {
    return this.opts;
  }

  /** Changes how blocks close (e.g. after a replay done on demand); restarts the timer as needed. */
  setMode(mode: SequencerOptions['mode']): void {
    if (mode.kind === 'interval' && !(mode.ms > 0))
      throw new SequencerError('INVALID_OPTION', 'the block interval must be positive');
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.opts = { ...this.opts, mode };
    if (!this.stopped) this.start();
  }

  /** Seconds added to the wall clock for new blocks (devnet time changes). */
  get clockOffset(): bigint {
    return this.timeOffset;
  }

  /** Fixes the timestamp of the blocks that open from now on (replays); undefined returns to the clock. */
  pinTime(seconds: bigint | undefined): void {
    this.pinned = seconds;
  }

  /** Starts the interval timer (interval mode). */
  start(): void {
    const m = this.options.mode;
    if (m.kind === 'interval' && this.timer === undefined)
      this.timer = setInterval(() => void this.tick(true).catch(() => {}), m.ms);
  }

  /** Stops producing; the open block is abandoned and its transactions return to the pool. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.queue.catch(() => {});
    if (this.pre !== undefined) this.d.source.unstage(this.pre.transactions.map((t) => t.pooled.hash));
    this.pre = undefined;
  }

  /** Called when the pool gained transactions: executes them, closing blocks as the mode says. */
  notify(): Promise<void> {
    return this.tick(false);
  }

  /** Closes the open block now, empty or not (devnet_createBlock). */
  createBlock(): Promise<ClosedBlock> {
    return this.enqueue(() => {
      this.fill();
      return this.close(this.open());
    });
  }

  /**
   * Executes an L1 handler (a message from L1, e.g. the devnet postman) into the open block; in
   * per-transaction mode the block closes with it. Execution failures reject (nothing is included).
   */
  addL1Handler(tx: L1Handler): Promise<bigint> {
    return this.enqueue(async () => {
      const block = this.open();
      const info = executeTransaction(block.state, block.context, tx);
      // Not a pool transaction: it stands in the block's list like one, with the contract as sender.
      const pooled = {
        hash: info.transactionHash,
        sender: tx.contractAddress,
        tx: tx as unknown as PooledTransaction['tx'],
        receivedAt: this.now(),
      };
      block.transactions.push({ pooled, status: 'PRE_CONFIRMED', info });
      block.l2Gas += info.gas.l2Gas;
      this.metrics.transaction(info.revertReason === undefined ? 'SUCCEEDED' : 'REVERTED');
      for (const fn of this.txListeners) fn(info.transactionHash, 'PRE_CONFIRMED');
      if (this.options.mode.kind === 'transaction' || this.full(block)) await this.close(block);
      return info.transactionHash;
    });
  }

  /** Moves the clock of future blocks (devnet_setTime / increaseTime), in seconds. */
  adjustTime(deltaSeconds: bigint): void {
    this.timeOffset += deltaSeconds;
  }

  /** Sets the clock of future blocks to `seconds`. */
  setTime(seconds: bigint): void {
    this.timeOffset = seconds - BigInt(Math.floor(this.now() / 1000));
  }

  /** The open block, if any. */
  get preconfirmed(): PreconfirmedBlock | undefined {
    return this.pre;
  }

  /** The context the next block would have now (for pre_confirmed reads with no open block). */
  nextContext(): BlockContext {
    const latest = this.d.chain.latestBlockNumber();
    const n = latest === undefined ? 0n : BigInt(latest) + 1n;
    return this.d.blockContext(n, this.timestamp(latest));
  }

  onBlock(fn: (b: ClosedBlock) => void): void {
    this.blockListeners.push(fn);
  }

  onTransaction(fn: (hash: bigint, status: 'CANDIDATE' | 'PRE_CONFIRMED') => void): void {
    this.txListeners.push(fn);
  }

  /** Resolves when `hash` is in a stored block or was rejected by execution. */
  settled(hash: bigint): Promise<{ block: ClosedBlock } | { rejected: RejectedTransaction }> {
    return new Promise((resolve) => {
      const list = this.waiters.get(hash) ?? [];
      list.push(resolve);
      this.waiters.set(hash, list);
    });
  }

  private settle(hash: bigint, r: Parameters<Waiter>[0]): void {
    const list = this.waiters.get(hash);
    if (list === undefined) return;
    this.waiters.delete(hash);
    for (const w of list) w(r);
  }

  private enqueue<T>(fn: () => T | Promise<T>): Promise<T> {
    if (this.stopped)
      return Promise.reject(new SequencerError('SEQUENCER_STOPPED', 'the sequencer is stopped'));
    const p = this.queue.then(fn);
    this.queue = p.catch(() => {});
    return p;
  }

  private tick(timer: boolean): Promise<void> {
    return this.enqueue(async () => {
      const m = this.options.mode;
      if (m.kind === 'transaction') {
        for (;;) {
          const block = this.open();
          const before = block.executed().length;
          const taken = this.fill(1);
          if (block.executed().length > before) await this.close(block);
          else if (taken === 0) return;
        }
      }
      for (;;) {
        const block = this.open();
        this.fill();
        if (this.full(block)) await this.close(block);
        else break;
      }
      if (timer && this.pre !== undefined && this.pre.executed().length > 0) await this.close(this.pre);
    });
  }

  private timestamp(latest: number | undefined): bigint {
    const t = this.pinned ?? BigInt(Math.floor(this.now() / 1000)) + this.timeOffset;
    const parent = latest === undefined ? 0n : this.d.chain.blockInfo(latest).timestamp;
    return t > parent ? t : parent;
  }

  private open(): PreconfirmedBlock {
    if (this.pre !== undefined) return this.pre;
    const latest = this.d.chain.latestBlockNumber();
    if (latest === undefined) throw new SequencerError('NO_GENESIS', 'the chain has no genesis block');
    const ctx = this.d.blockContext(BigInt(latest) + 1n, this.timestamp(latest));
    const block = new PreconfirmedBlock(ctx, this.d.chain.blockInfo(latest).hash, this.d.chain.latestState());
    // Start-of-block update: the hash of block N − 10 into the block-hash contract.
    preProcessBlock(
      block.state,
      ctx.starknetVersion,
      ctx.blockNumber,
      (m) => this.d.chain.blockInfo(Number(m)).hash,
    );
    this.pre = block;
    return block;
  }

  private full(b: PreconfirmedBlock): boolean {
    return b.executed().length >= this.options.maxTransactions || b.l2Gas >= this.options.maxL2Gas;
  }

  // Executes ready transactions into the open block, up to `limit` (and the block's size limits).
  private fill(limit = Number.POSITIVE_INFINITY): number {
    const block = this.open();
    let count = 0;
    let budget = Math.min(limit, this.options.maxTransactions - block.executed().length);
    // One at a time: the L2 gas limit is known only after each execution.
    while (budget > 0 && block.l2Gas < this.options.maxL2Gas) {
      const [p] = this.d.source.take(1, (s) => block.state.getNonceAt(s));
      if (p === undefined) return count;
      count++;
      block.transactions.push({ pooled: p, status: 'CANDIDATE' });
      for (const fn of this.txListeners) fn(p.hash, 'CANDIDATE');
      if (this.execute(block, p)) budget--;
    }
    return count;
  }

  private execute(block: PreconfirmedBlock, p: PooledTransaction): boolean {
    const i = block.transactions.findIndex((t) => t.pooled.hash === p.hash);
    let info: TransactionExecutionInfo;
    try {
      info = executeTransaction(block.state, block.context, p.tx, {
        ...this.d.prepare?.(p),
        transactionHash: p.hash,
        strictNonce: true,
      });
    } catch (error) {
      block.transactions.splice(i, 1);
      this.metrics.transaction('REJECTED');
      void this.d.source.remove([p.hash], 'rejected').catch(() => {});
      this.settle(p.hash, { rejected: { hash: p.hash, error } });
      return false;
    }
    block.transactions[i] = { pooled: p, status: 'PRE_CONFIRMED', info };
    block.l2Gas += info.gas.l2Gas;
    if (p.tx.type === 'DECLARE') {
      const casm = block.state.getCompiledClass(p.tx.classHash);
      block.classes.push({
        classHash: p.tx.classHash,
        sierra: p.contractClass,
        ...(casm !== undefined ? { casm: casmJson(casm) } : {}),
      });
    }
    this.metrics.transaction(info.revertReason === undefined ? 'SUCCEEDED' : 'REVERTED');
    for (const fn of this.txListeners) fn(p.hash, 'PRE_CONFIRMED');
    return true;
  }

  private async close(block: PreconfirmedBlock): Promise<ClosedBlock> {
    const started = performance.now();
    const executed = block.executed();
    const body: BlockBody = {
      context: block.context,
      parentHash: block.parentHash,
      executed: executed.map((t) => ({ tx: t.pooled.tx, info: t.info as TransactionExecutionInfo })),
      stateDiff: block.state.layerDiff(0),
      classes: block.classes,
    };
    const closed = closeBlock(this.d.chain, body);
    this.pre = undefined;
    this.metrics.blockClosed(executed.length, block.l2Gas, performance.now() - started);
    await this.d.source.remove(executed.map((t) => t.pooled.hash));
    const now = this.now();
    for (const t of executed) {
      this.metrics.acceptedLatency(now - t.pooled.receivedAt);
      this.settle(t.pooled.hash, { block: closed });
    }
    for (const fn of this.blockListeners) fn(closed);
    return closed;
  }
}
