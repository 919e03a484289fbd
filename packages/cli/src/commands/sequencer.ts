import { DEFAULT_BLOCK_TIME_MS, DEVNET_DEFAULTS } from '@starling/node';

import type { Command } from 'commander';
import { parseChainId, runNode } from './devnet.js';

/** `starling sequencer --data-dir <dir>`: a persistent sequencer (2 s blocks, no devnet methods). */
export function registerSequencerCommand(program: Command): void {
  program
    .command('sequencer')
    .description('run a persistent sequencer on a data directory')
    .requiredOption('--data-dir <dir>', 'the chain database directory')
    .option('--host <host>', 'listen address', DEVNET_DEFAULTS.host)
    .option('--port <port>', 'listen port', String(DEVNET_DEFAULTS.port))
    .option('--block-time <seconds>', 'block interval', String(DEFAULT_BLOCK_TIME_MS / 1000))
    .option('--chain-id <id>', 'MAINNET, TESTNET or a short string', 'TESTNET')
    .option('--seed <n>', 'seed of the genesis accounts (first start only)', '0')
    .option('--accounts <n>', 'genesis accounts (first start only)', String(DEVNET_DEFAULTS.accounts))
    .action(
      async (f: {
        dataDir: string;
        host: string;
        port: string;
        blockTime: string;
        chainId: string;
        seed: string;
        accounts: string;
      }) => {
        const seconds = Number(f.blockTime);
        if (!(seconds > 0)) throw new TypeError(`invalid block time: ${f.blockTime}`);
        await runNode(
          {
            dataDir: f.dataDir,
            host: f.host,
            port: Number(f.port),
            blockMode: { kind: 'interval', ms: seconds * 1000 },
            chainId: parseChainId(f.chainId),
            seed: BigInt(f.seed),
            accounts: Number(f.accounts),
            devnet: false,
          },
          false,
        );
      },
    );
}
