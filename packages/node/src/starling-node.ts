// The composition root: state database, gateway and pool, sequencer, RPC server, metrics; lifecycle.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPublicKey } from '@starling/crypto';
import { defaultBlockContext, type GenesisAccount } from '@starling/execution';
import { Gateway, MEMPOOL_RPC_ERRORS } from '@starling/mempool';
import { createRpcServer, RpcError, type RpcServer } from '@starling/rpc';
import { DatabaseChain, Sequencer } from '@starling/sequencer';
import { StateDatabase } from '@starling/state';
import type { NodeContext } from './api/context.js';
import { LatestReads } from './api/latest-reads.js';
import { createStarknetApi } from './api/starknet-api.js';
import { executionValidator, prepareForSequencing } from './api/writes.js';
import { createDevnetApi, type DevnetState, dumpChain, replay } from './devnet-api.js';
import { NodeError } from './errors.js';
import { L1Finality } from './finality.js';
import { writeGenesis } from './genesis.js';
import { LmdbMempoolStore } from './mempool-store.js';
import { NodeMetrics } from './metrics.js';
import { DEVNET_DEFAULTS, type NodeOptions } from './options.js';
import { createSubscriptions, type NodeSubscriptions } from './subscriptions.js';

// Errors of other components that mean a spec error.
const ERROR_MAP = {
  ...MEMPOOL_RPC_ERRORS,
  UNKNOWN_BLOCK: 'BLOCK_NOT_FOUND',
  CLASS_NOT_FOUND: 'CLASS_HASH_NOT_FOUND',
} as const;

const PRUNE_INTERVAL_MS = 10_000;

interface StoredGenesis {
  accounts: { address: string; privateKey: string; initialBalance: string }[];
}

const toAccount = (a: { address: string; privateKey: string; initialBalance: string }): GenesisAccount => ({
  address: BigInt(a.address),
  privateKey: BigInt(a.privateKey),
  publicKey: getPublicKey(BigInt(a.privateKey)),
  initialBalance: BigInt(a.initialBalance),
});

/** A running Starling node (devnet or persistent sequencer). */
export class StarlingNode {
  private server: RpcServer | undefined;
  // Created with the node so that no event between open and start is missed.
  private readonly subscriptions: NodeSubscriptions;
  private stopped = false;
  private pruner: ReturnType<typeof setInterval> | undefined;

  private constructor(
    readonly options: NodeOptions,
    readonly context: NodeContext,
    readonly devnet: DevnetState,
    readonly metrics: NodeMetrics,
    private tempDir: string | undefined,
  ) {
    this.subscriptions = createSubscriptions(context);
  }

  /** Opens (or creates, with genesis) the chain in `dataDir`, restores the mempool, wires everything. */
  static async open(opts: Partial<NodeOptions> = {}): Promise<StarlingNode> {
    const options = { ...DEVNET_DEFAULTS, ...opts };
    if (!Number.isInteger(options.accounts) || options.accounts < 0)
      throw new NodeError('INVALID_OPTION', 'accounts must be a non-negative integer');
    const tempDir =
      options.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'starling-devnet-')) : undefined;
    const metrics = new NodeMetrics();
    const context = {} as NodeContext;
    const all = await StarlingNode.wire(context, options, options.dataDir ?? (tempDir as string), metrics);
    const minter = all[all.length - 1] as GenesisAccount;
    const devnet: DevnetState = { accounts: all.slice(0, -1), minter, options };
    return new StarlingNode(options, context, devnet, metrics, tempDir);
  }

  // Opens the database at `path` (writing genesis if empty) and puts fresh components into `context`;
  // returns the genesis accounts (the minter last).
  private static async wire(
    context: NodeContext,
    options: NodeOptions,
    path: string,
    metrics: NodeMetrics,
    genesisTimestamp?: bigint,
  ): Promise<GenesisAccount[]> {
    const db = StateDatabase.open({ path, metrics: metrics.state });
    const chain = new DatabaseChain(db);
    const gasPrices = { ...defaultBlockContext().gasPrices };
    const blockContext = (blockNumber: bigint, timestamp: bigint) =>
      defaultBlockContext({
        blockNumber,
        timestamp,
        chainId: options.chainId,
        starknetVersion: options.starknetVersion,
        gasPrices: { ...gasPrices },
      });
    const meta = db.tables.root.openDB<string, string>({ name: 'node', encoding: 'string' });
    let genesis = meta.get('genesis') as string | undefined;
    if (db.latestBlockNumber() === undefined) {
      const t0 = genesisTimestamp ?? BigInt(Math.floor(Date.now() / 1000));
      const g = await writeGenesis(chain, blockContext(0n, t0), options);
      const json: StoredGenesis = {
        accounts: g.accounts.map((a) => ({
          address: `0x${a.address.toString(16)}`,
          privateKey: `0x${a.privateKey.toString(16)}`,
          initialBalance: a.initialBalance.toString(),
        })),
      };
      genesis = JSON.stringify(json);
      meta.putSync('genesis', genesis);
    }
    if (genesis === undefined)
      throw new NodeError('GENESIS_FAILED', 'the data directory has no genesis record');
    const gateway = new Gateway({
      chainId: options.chainId,
      nonceOf: (a) => (db.latestBlockNumber() === undefined ? 0n : db.getNonce(a)),
      validator: executionValidator(context),
      store: new LmdbMempoolStore(db),
      metrics: metrics.mempool,
    });
    const sequencer = new Sequencer({
      chain,
      source: {
        take: (m, f) => gateway.pool.take(m, f),
        unstage: (h) => gateway.pool.unstage(h),
        remove: (h, r) => gateway.remove(h, r),
      },
      blockContext,
      options: { mode: options.blockMode, starknetVersion: options.starknetVersion },
      metrics: metrics.sequencer,
      prepare: prepareForSequencing,
    });
    const finality = new L1Finality(db);
    const latestReads = new LatestReads();
    sequencer.onBlock(() => latestReads.clear());
    Object.assign(context, {
      db,
      chain,
      gateway,
      sequencer,
      chainId: options.chainId,
      blockContext,
      gasPrices,
      finality,
      latestReads,
      consumedMessages: new Map(),
    });
    await gateway.restore();
    return (JSON.parse(genesis) as StoredGenesis).accounts.map(toAccount);
  }

  /** Predeployed accounts (without the minter). */
  get accounts(): GenesisAccount[] {
    return this.devnet.accounts;
  }

  /** Serves RPC on host:port (port 0 picks one), starts block production; returns the base URL. */
  async start(): Promise<string> {
    const c = this.context;
    this.server = createRpcServer({
      api: createStarknetApi(c),
      ...(this.options.devnet
        ? {
            devnet: createDevnetApi(c, this.devnet, {
              restart: () => this.restart(),
              abortBlocks: (from) => this.abortBlocks(from),
            }),
          }
        : {}),
      subscriptions: this.subscriptions,
      validateResults: this.options.validateResults,
      errorCodeMap: ERROR_MAP,
      metrics: this.metrics.rpc,
      metricsText: () => this.metrics.text(),
      isReady: () => !this.stopped,
    });
    const addr = await this.server.listen(this.options.port, this.options.host);
    if (this.options.loadPath !== undefined) {
      const { readFileSync } = await import('node:fs');
      await replay(c, JSON.parse(readFileSync(this.options.loadPath, 'utf8')));
    }
    this.run();
    // Expired (TTL) and stale transactions leave the pool.
    this.pruner = setInterval(() => void c.gateway.prune().catch(() => {}), PRUNE_INTERVAL_MS);
    this.pruner.unref();
    // Transactions restored from the store are sequenced now.
    await c.sequencer.notify();
    return `http://${addr.address}:${addr.port}`;
  }

  // Starts block production and the dump hooks of --dump-on block|request on the current components.
  private run(): void {
    const c = this.context;
    const { dumpPath, dumpOn } = this.options;
    if (dumpPath !== undefined && (dumpOn === 'block' || dumpOn === 'request')) {
      const write = () => this.writeDump(dumpPath);
      c.sequencer.onBlock(write);
      if (dumpOn === 'request') c.gateway.onAccepted(write);
    }
    c.sequencer.start();
  }

  private writeDump(path: string): void {
    try {
      writeFileSync(path, JSON.stringify(dumpChain(this.context)));
    } catch (e) {
      throw new NodeError('DUMP_FAILED', `cannot write the dump to ${path}: ${String(e)}`);
    }
  }

  /**
   * devnet_abortBlocks: drops blocks `from`..latest from the database in one transaction (in memory or
   * in a data directory alike); their transactions are gone, pending ones stay in the pool, and
   * subscribers get a reorg notice. Returns the dropped block hashes, newest first.
   */
  async abortBlocks(from: number): Promise<bigint[]> {
    const c = this.context;
    const latest = c.db.latestBlockNumber() ?? 0;
    if (from < 1) throw new RpcError('INVALID_PARAMS', 'the genesis block cannot be aborted');
    const aborted = Array.from(
      { length: latest - from + 1 },
      (_, i) => c.db.getBlock(latest - i).blockHash ?? 0n,
    );
    const prices = structuredClone(c.gasPrices);
    const offset = c.sequencer.clockOffset;
    const consumed = c.consumedMessages;
    await this.rewind(from - 1);
    c.sequencer.adjustTime(offset);
    Object.assign(c.gasPrices, prices);
    c.consumedMessages = consumed;
    this.subscriptions.reorg({
      starting_block_hash: `0x${(aborted[aborted.length - 1] ?? 0n).toString(16)}`,
      starting_block_number: from,
      ending_block_hash: `0x${(aborted[0] ?? 0n).toString(16)}`,
      ending_block_number: latest,
    });
    await c.sequencer.notify();
    return aborted;
  }

  /**
   * devnet_restart: back to the genesis block with the same accounts, an empty pool and default gas
   * prices and clock; WebSocket subscribers stay connected.
   */
  async restart(): Promise<void> {
    const c = this.context;
    await c.sequencer.stop();
    await c.gateway.remove(
      c.gateway.pool.all().map((p) => p.hash),
      'restart',
    );
    c.finality.clear();
    await this.rewind(0);
  }

  // Stops block production, drops the blocks after `block`, and rewires the components on the
  // truncated database (the pool is restored from its store).
  private async rewind(block: number): Promise<void> {
    const c = this.context;
    await c.sequencer.stop();
    c.db.dropBlocksAfter(block);
    c.finality.lowerTo(block);
    await c.db.close();
    await StarlingNode.wire(c, this.options, this.options.dataDir ?? (this.tempDir as string), this.metrics);
    this.subscriptions.attach();
    this.run();
  }

  /** Graceful shutdown: stop serving, let the current step finish, dump if asked, close the database. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.pruner !== undefined) clearInterval(this.pruner);
    await this.server?.close();
    await this.context.sequencer.stop();
    if (this.options.dumpPath !== undefined) this.writeDump(this.options.dumpPath);
    await this.context.db.close();
    if (this.tempDir !== undefined) rmSync(this.tempDir, { recursive: true, force: true });
  }
}
