import { encodeShortString } from '@starling/felt';
import { DEVNET_DEFAULTS, type NodeOptions, StarlingNode } from '@starling/node';
import type { Command } from 'commander';

interface DevnetFlags {
  host: string;
  port: string;
  seed?: string;
  accounts: string;
  initialBalance: string;
  blockTime?: string;
  blockGenerationOn?: string;
  chainId: string;
  dataDir?: string;
  dumpOn?: string;
  dumpPath?: string;
  load?: string;
}

/** MAINNET / TESTNET (SN_SEPOLIA) / any short string, or a hex felt. */
export function parseChainId(v: string): bigint {
  if (v === 'MAINNET') return encodeShortString('SN_MAIN');
  if (v === 'TESTNET') return encodeShortString('SN_SEPOLIA');
  return /^0x[0-9a-fA-F]+$/.test(v) ? BigInt(v) : encodeShortString(v);
}

function blockMode(f: DevnetFlags): NodeOptions['blockMode'] {
  const on = f.blockTime ?? f.blockGenerationOn ?? 'transaction';
  if (on === 'transaction') return { kind: 'transaction' };
  if (on === 'demand') return { kind: 'demand' };
  const seconds = Number(on);
  if (!(seconds > 0)) throw new TypeError(`invalid block time: ${on}`);
  return { kind: 'interval', ms: seconds * 1000 };
}

/** Starts a node and prints its accounts; stops gracefully on SIGINT / SIGTERM. */
export async function runNode(options: Partial<NodeOptions>, printAccounts: boolean): Promise<void> {
  const node = await StarlingNode.open(options);
  const url = await node.start();
  if (printAccounts) {
    console.log('Predeployed accounts (STRK, fri):');
    for (const a of node.accounts) {
      console.log(`| Account address | 0x${a.address.toString(16)}`);
      console.log(`| Private key     | 0x${a.privateKey.toString(16)}`);
      console.log(`| Public key      | 0x${a.publicKey.toString(16)}`);
      console.log(`| Balance         | ${a.initialBalance}\n`);
    }
  }
  console.log(`Starling listening on ${url} (JSON-RPC on /, /rpc, /rpc/v0_10; WebSocket on /ws)`);
  const stop = () => {
    void node.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** `starling devnet`: a local chain with funded accounts, starknet-devnet-like defaults. */
export function registerDevnetCommand(program: Command): void {
  program
    .command('devnet')
    .description('run a local devnet (JSON-RPC 0.10.3 on port 5050, 10 funded accounts)')
    .option('--host <host>', 'listen address', DEVNET_DEFAULTS.host)
    .option('--port <port>', 'listen port', String(DEVNET_DEFAULTS.port))
    .option('--seed <n>', 'seed of the account keys (random when omitted)')
    .option('--accounts <n>', 'number of predeployed accounts', String(DEVNET_DEFAULTS.accounts))
    .option(
      '-e, --initial-balance <fri>',
      'STRK balance of each account',
      DEVNET_DEFAULTS.initialBalance.toString(),
    )
    .option(
      '--block-time <seconds>',
      "close blocks every N seconds ('transaction' and 'demand' also accepted)",
    )
    .option('--block-generation-on <mode>', 'transaction | demand | <seconds>')
    .option('--chain-id <id>', 'MAINNET, TESTNET or a short string', 'TESTNET')
    .option('--data-dir <dir>', 'persist the chain in this directory (in memory when omitted)')
    .option(
      '--dump-on <when>',
      'exit | block | request: write a dump on shutdown, after each block, or after each accepted transaction',
    )
    .option('--dump-path <file>', 'where the dump goes')
    .option('--load <file>', 'replay a dump at start')
    .action(async (f: DevnetFlags) => {
      const seed = f.seed !== undefined ? BigInt(f.seed) : BigInt(Math.floor(Math.random() * 2 ** 32));
      const dumpOn = f.dumpOn;
      if (dumpOn !== undefined && dumpOn !== 'exit' && dumpOn !== 'block' && dumpOn !== 'request')
        throw new TypeError(`--dump-on takes exit, block or request, not ${dumpOn}`);
      if (dumpOn !== undefined && f.dumpPath === undefined)
        throw new TypeError('--dump-on needs --dump-path');
      console.log(`Seed: ${seed}`);
      await runNode(
        {
          host: f.host,
          port: Number(f.port),
          seed,
          accounts: Number(f.accounts),
          initialBalance: BigInt(f.initialBalance),
          blockMode: blockMode(f),
          chainId: parseChainId(f.chainId),
          ...(f.dataDir !== undefined ? { dataDir: f.dataDir } : {}),
          ...(dumpOn !== undefined && f.dumpPath !== undefined ? { dumpPath: f.dumpPath, dumpOn } : {}),
          ...(f.load !== undefined ? { loadPath: f.load } : {}),
        },
        true,
      );
    });
}
