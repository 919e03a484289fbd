// A chain for sequencer tests: LMDB state database in a temp dir, genesis block 0 with real classes
// (OpenZeppelin account and ERC20 compiled by Cairo 2.10.1, shipped by @hyperlane-xyz/starknet-core).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  applyGenesis,
  DictStateReader,
  defaultBlockContext,
  ExecutionState,
  type GenesisResult,
  STRK_FEE_TOKEN_ADDRESS,
} from '@starling/execution';
import { Gateway, MemoryMempoolStore } from '@starling/mempool';
import {
  calculateTransactionHash,
  getSelectorFromName,
  type InvokeV3,
  parseCasmClass,
  parseSierraClass,
} from '@starling/protocol';
import { StateDatabase } from '@starling/state';
import { ec } from 'starknet';
import { closeBlock, DatabaseChain, Sequencer, type SequencerOptions } from '../../src/index.ts';

const artifacts = resolve(
  import.meta.dirname,
  '../../../../node_modules/@hyperlane-xyz/starknet-core/dist/artifacts',
);

async function raw(name: string, kind: string): Promise<Record<string, unknown>> {
  const mod = (await import(pathToFileURL(join(artifacts, `${name}.${kind}.js`)).href)) as Record<
    string,
    unknown
  >;
  return mod[name] as Record<string, unknown>;
}

export const hex = (v: bigint) => `0x${v.toString(16)}`;
export const CHAIN_ID = 0x534e5f5345504f4c4941n;

export interface TestChain {
  db: StateDatabase;
  chain: DatabaseChain;
  gateway: Gateway;
  sequencer: Sequencer;
  genesis: GenesisResult;
  dir: string;
  close(): Promise<void>;
}

/** Genesis (block 0) with `n` funded accounts, a gateway with a no-op validator and a sequencer. */
export async function makeChain(options: Partial<SequencerOptions> = {}, n = 3): Promise<TestChain> {
  const dir = mkdtempSync(join(tmpdir(), 'seq-test-'));
  const db = StateDatabase.open({ path: dir });
  const chain = new DatabaseChain(db);
  const rawAcc = await raw('contracts_MockAccount', 'contract_class');
  const rawAccCasm = await raw('contracts_MockAccount', 'compiled_contract_class');
  const rawErc = await raw('contracts_mock_fee_token', 'contract_class');
  const rawErcCasm = await raw('contracts_mock_fee_token', 'compiled_contract_class');
  const ctx = defaultBlockContext({ chainId: CHAIN_ID, timestamp: 1_700_000_000n });
  const state = new ExecutionState(new DictStateReader());
  const genesis = applyGenesis(state, ctx, {
    feeTokenClass: { sierra: parseSierraClass(rawErc), casm: parseCasmClass(rawErcCasm) },
    accountClass: { sierra: parseSierraClass(rawAcc), casm: parseCasmClass(rawAccCasm) },
    seed: 7n,
    accountCount: n,
    initialBalance: 10n ** 21n,
  });
  closeBlock(chain, {
    context: ctx,
    parentHash: 0n,
    executed: [],
    stateDiff: genesis.stateDiff,
    classes: [
      { classHash: genesis.classHashes.account, sierra: rawAcc, casm: rawAccCasm },
      { classHash: genesis.classHashes.feeToken, sierra: rawErc, casm: rawErcCasm },
    ],
  });
  const nonceOf = (a: bigint) => db.getNonce(a);
  const gateway = new Gateway({
    chainId: CHAIN_ID,
    nonceOf,
    validator: { validate() {} },
    store: new MemoryMempoolStore(),
  });
  let clock = 1_700_000_100_000;
  const sequencer = new Sequencer({
    chain,
    source: {
      take: (m, f) => gateway.pool.take(m, f),
      unstage: (h) => gateway.pool.unstage(h),
      remove: (h, r) => gateway.remove(h, r),
    },
    blockContext: (blockNumber, timestamp) => ({ ...ctx, blockNumber, timestamp }),
    options,
    now: () => (clock += 1000),
  });
  return {
    db,
    chain,
    gateway,
    sequencer,
    genesis,
    dir,
    async close() {
      await sequencer.stop();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A signed STRK transfer of `amount` from genesis account `from` to `to`. */
export function transfer(
  c: TestChain,
  from: number,
  to: bigint,
  amount: bigint,
  nonce: bigint,
  over: Partial<InvokeV3> = {},
): InvokeV3 {
  const acc = c.genesis.accounts[from];
  if (acc === undefined) throw new RangeError(`no account ${from}`);
  const tx: InvokeV3 = {
    type: 'INVOKE',
    version: 3,
    senderAddress: acc.address,
    calldata: [1n, STRK_FEE_TOKEN_ADDRESS, getSelectorFromName('transfer'), 3n, to, amount, 0n],
    signature: [],
    nonce,
    resourceBounds: {
      l1Gas: { maxAmount: 0n, maxPricePerUnit: 60_000_000_000n },
      l2Gas: { maxAmount: 20_000_000n, maxPricePerUnit: 10_000_000_000n },
      l1DataGas: { maxAmount: 2_000n, maxPricePerUnit: 60_000n },
    },
    tip: 0n,
    paymasterData: [],
    accountDeploymentData: [],
    nonceDataAvailabilityMode: 'L1',
    feeDataAvailabilityMode: 'L1',
    ...over,
  };
  const h = calculateTransactionHash(tx, CHAIN_ID);
  const sig = ec.starkCurve.sign(hex(h), hex(acc.privateKey));
  return { ...tx, signature: over.signature ?? [sig.r, sig.s] };
}
