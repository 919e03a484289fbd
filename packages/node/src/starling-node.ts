// The composition root: state database, gateway and pool, sequencer, RPC server, metrics; lifecycle.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPublicKey } from '@starling/crypto';
import { defaultBlockContext, type GenesisAccount } from '@starling/execution';
import { Gateway, MEMPOOL_RPC_ERRORS } from '@starling/mempool';
import { createRpcServer, type RpcServer, type SubscriptionSource } from '@starling/rpc';
import { DatabaseChain, Sequencer } from '@starling/sequencer';
import { StateDatabase } from '@starling/state';
import type { NodeContext } from './api/context.js';
import { createStarknetApi } from './api/starknet-api.js';
import { executionValidator, prepareForSequencing } from './api/writes.js';
import { createDevnetApi, type DevnetState, dumpChain, replay } from './devnet-api.js';
import { NodeError } from './errors.js';
import { writeGenesis } from './genesis.js';
import { LmdbMempoolStore } from './mempool-store.js';
import { NodeMetrics } from './metrics.js';
import { DEVNET_DEFAULTS, type NodeOptions } from './options.js';
import { createSubscriptions } from './subscriptions.js';

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
  private readonly subscriptions: SubscriptionSource;
  private stopped = false;
  private pruner: ReturnType<typeof setInterval> | undefined;

  private constructor(
    readonly options: NodeOptions,
    readonly context: NodeContext,
    readonly devnet: DevnetState,
    readonly metrics: NodeMetrics,
    private readonly tempDir: string | undefined,
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
    const db = StateDatabase.open({ path: options.dataDir ?? (tempDir as string), metrics: metrics.state });
    const chain = new DatabaseChain(db);
    const blockContext = (blockNumber: bigint, timestamp: bigint) =>
      defaultBlockContext({
        blockNumber,
        timestamp,
        chainId: options.chainId,
        starknetVersion: options.starknetVersion,
      });
    const meta = db.tables.root.openDB<string, string>({ name: 'node', encoding: 'string' });
    let genesis = meta.get('genesis') as string | undefined;
    if (db.latestBlockNumber() === undefined) {
      const g = await writeGenesis(chain, blockContext(0n, BigInt(Math.floor(Date.now() / 1000))), options);
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
    const all = (JSON.parse(genesis) as StoredGenesis).accounts.map(toAccount);
    const minter = all[all.length - 1] as GenesisAccount;
    const context = {} as NodeContext;
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
    Object.assign(context, { db, chain, gateway, sequencer, chainId: options.chainId, blockContext });
    await gateway.restore();
    const devnet: DevnetState = { accounts: all.slice(0, -1), minter, options };
    return new StarlingNode(options, context, devnet, metrics, tempDir);
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
      ...(this.options.devnet ? { devnet: createDevnetApi(c, this.devnet) } : {}),
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
    c.sequencer.start();
    // Expired (TTL) and stale transactions leave the pool.
    this.pruner = setInterval(() => void c.gateway.prune().catch(() => {}), PRUNE_INTERVAL_MS);
    this.pruner.unref();
    // Transactions restored from the store are sequenced now.
    await c.sequencer.notify();
    return `http://${addr.address}:${addr.port}`;
  }

  /** Graceful shutdown: stop serving, let the current step finish, dump if asked, close the database. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.pruner !== undefined) clearInterval(this.pruner);
    await this.server?.close();
    await this.context.sequencer.stop();
    if (this.options.dumpPath !== undefined)
      writeFileSync(this.options.dumpPath, JSON.stringify(dumpChain(this.context)));
    await this.context.db.close();
    if (this.tempDir !== undefined) rmSync(this.tempDir, { recursive: true, force: true });
  }
}
