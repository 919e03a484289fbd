// Genesis block 0 of a local chain: STRK fee token, account class, funded accounts, UDC.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  applyGenesis,
  type BlockContext,
  balanceKey,
  DictStateReader,
  ExecutionState,
  type GenesisClass,
  type GenesisResult,
  STRK_FEE_TOKEN_ADDRESS,
  udcGenesisClass,
} from '@starling/execution';
import { parseCasmClass, parseSierraClass } from '@starling/protocol';
import { casmJson, closeBlock, type DatabaseChain } from '@starling/sequencer';
import type { ClassInput } from '@starling/state';
import { sierraClassJson } from './class-json.js';
import { NodeError } from './errors.js';

// Real classes compiled by Cairo 2.10.1: an OpenZeppelin account and an ERC20 with the fee-token ABI.
const ACCOUNT = 'contracts_MockAccount';
const FEE_TOKEN = 'contracts_mock_fee_token';

function artifactsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'node_modules/@hyperlane-xyz/starknet-core/dist/artifacts');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new NodeError('GENESIS_FAILED', 'the genesis class artifacts are not installed');
    dir = up;
  }
}

interface RawClass {
  sierra: Record<string, unknown>;
  casm: Record<string, unknown>;
}

async function artifact(name: string): Promise<RawClass> {
  const dir = artifactsDir();
  const load = async (kind: string) =>
    (
      (await import(pathToFileURL(join(dir, `${name}.${kind}.js`)).href)) as Record<
        string,
        Record<string, unknown>
      >
    )[name] as Record<string, unknown>;
  return { sierra: await load('contract_class'), casm: await load('compiled_contract_class') };
}

/** High u128 word of the minter's STRK balance (2^200 fri). */
const MINTER_BALANCE_HIGH = 1n << 72n;

const parsed = (r: RawClass): GenesisClass => ({
  sierra: parseSierraClass(r.sierra),
  casm: parseCasmClass(r.casm),
});

/** Builds and stores block 0 with `accounts` funded accounts plus the minter (the last account). */
export async function writeGenesis(
  chain: DatabaseChain,
  ctx: BlockContext,
  o: { seed: bigint; accounts: number; initialBalance: bigint },
): Promise<GenesisResult> {
  const account = await artifact(ACCOUNT);
  const feeToken = await artifact(FEE_TOKEN);
  let udc: GenesisClass | undefined;
  try {
    udc = udcGenesisClass();
  } catch {
    udc = undefined; // deployContract through the UDC is unavailable until the class compiles
  }
  const state = new ExecutionState(new DictStateReader());
  const genesis = applyGenesis(state, ctx, {
    feeTokenClass: parsed(feeToken),
    accountClass: parsed(account),
    ...(udc !== undefined ? { udcClass: udc } : {}),
    seed: o.seed,
    // One more account, the minter of devnet_mint, funded far beyond any test's needs.
    accountCount: o.accounts + 1,
    initialBalance: o.initialBalance,
  });
  const minter = genesis.accounts[o.accounts];
  if (minter !== undefined) {
    const k = balanceKey(minter.address);
    state.setStorageAt(STRK_FEE_TOKEN_ADDRESS, k, 0n);
    state.setStorageAt(STRK_FEE_TOKEN_ADDRESS, k + 1n, MINTER_BALANCE_HIGH);
  }
  const stateDiff = state.layerDiff(0);
  const classes: ClassInput[] = [
    { classHash: genesis.classHashes.account, sierra: account.sierra, casm: account.casm },
    { classHash: genesis.classHashes.feeToken, sierra: feeToken.sierra, casm: feeToken.casm },
  ];
  if (udc !== undefined && genesis.classHashes.udc !== undefined)
    classes.push({
      classHash: genesis.classHashes.udc,
      sierra: sierraClassJson(udc.sierra),
      casm: casmJson(udc.casm),
    });
  closeBlock(chain, { context: ctx, parentHash: 0n, executed: [], stateDiff, classes });
  return genesis;
}
