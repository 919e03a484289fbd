// The devnet_* methods: predeployed accounts, blocks on demand, mint, time, dump and load.
import { readFileSync, writeFileSync } from 'node:fs';
import { ecdsaSign } from '@starling/crypto';
import { feeTokenBalance, type GenesisAccount, STRK_FEE_TOKEN_ADDRESS } from '@starling/execution';
import { calculateTransactionHash, getSelectorFromName, type InvokeV3 } from '@starling/protocol';
import type { BLOCK_ID } from '@starling/rpc';
import { type DevnetApi, type MessageToL2, RpcError } from '@starling/rpc';
import { transactionJson } from '@starling/sequencer';
import { hex, type NodeContext, resolveBlock, stateAt } from './api/context.js';
import { submit } from './api/writes.js';
import type { NodeOptions } from './options.js';
import { consumeMessageFromL2, l1HandlerOf, sendMessageToL2 } from './postman.js';

export interface DevnetState {
  accounts: GenesisAccount[];
  minter: GenesisAccount;
  options: NodeOptions;
}

/** One replayable action of a dump: a transaction as broadcast, or a message from L1 (postman). */
export type DumpEntry = { transaction: Record<string, unknown> } | { message_to_l2: MessageToL2 };

function mintTx(c: NodeContext, minter: GenesisAccount, to: bigint, amount: bigint): Record<string, unknown> {
  const nonce = c.gateway.pool.nextNonce(minter.address, c.db.getNonce(minter.address));
  const tx: InvokeV3 = {
    type: 'INVOKE',
    version: 3,
    senderAddress: minter.address,
    calldata: [
      1n,
      STRK_FEE_TOKEN_ADDRESS,
      getSelectorFromName('transfer'),
      3n,
      to,
      amount & ((1n << 128n) - 1n),
      amount >> 128n,
    ],
    signature: [],
    nonce,
    resourceBounds: {
      l1Gas: { maxAmount: 0n, maxPricePerUnit: 100_000_000_000n },
      l2Gas: { maxAmount: 50_000_000n, maxPricePerUnit: 20_000_000_000n },
      l1DataGas: { maxAmount: 10_000n, maxPricePerUnit: 100_000n },
    },
    tip: 0n,
    paymasterData: [],
    accountDeploymentData: [],
    nonceDataAvailabilityMode: 'L1',
    feeDataAvailabilityMode: 'L1',
  };
  const sig = ecdsaSign(calculateTransactionHash(tx, c.chainId), minter.privateKey);
  const b = (x: { maxAmount: bigint; maxPricePerUnit: bigint }) => ({
    max_amount: hex(x.maxAmount),
    max_price_per_unit: hex(x.maxPricePerUnit),
  });
  return {
    type: 'INVOKE',
    version: '0x3',
    sender_address: hex(tx.senderAddress),
    calldata: tx.calldata.map(hex),
    signature: [hex(sig.r), hex(sig.s)],
    nonce: hex(nonce),
    resource_bounds: {
      l1_gas: b(tx.resourceBounds.l1Gas),
      l2_gas: b(tx.resourceBounds.l2Gas),
      l1_data_gas: b(tx.resourceBounds.l1DataGas ?? { maxAmount: 0n, maxPricePerUnit: 0n }),
    },
    tip: '0x0',
    paymaster_data: [],
    account_deployment_data: [],
    nonce_data_availability_mode: 'L1',
    fee_data_availability_mode: 'L1',
  };
}

/** The ETH fee token's address (not deployed at genesis: its balances read 0). */
const ETH_TOKEN_ADDRESS = 0x049d36570d4e46f48e99674bd3fcc84644ddd6b96f7c741b1562b82f9e004dc7n;

const decimal = (v: bigint) => v.toString(10);

/** The devnet API of a node; `chain` restarts it or drops blocks. */
export function createDevnetApi(
  c: NodeContext,
  d: DevnetState,
  chain: { restart(): Promise<void>; abortBlocks(from: number): Promise<bigint[]> },
): DevnetApi {
  const balance = (a: bigint) =>
    feeTokenBalance(c.sequencer.preconfirmed?.state ?? c.chain.latestState(), STRK_FEE_TOKEN_ADDRESS, a);
  const latestHash = () => hex(c.db.getBlock(c.db.latestBlockNumber() ?? 0).blockHash ?? 0n);
  return {
    getPredeployedAccounts: (p) =>
      d.accounts.map((a) => ({
        address: hex(a.address),
        public_key: hex(a.publicKey),
        private_key: hex(a.privateKey),
        initial_balance: a.initialBalance.toString(),
        ...(p.with_balance === true
          ? {
              balance: {
                eth: { amount: '0', unit: 'WEI' as const },
                strk: { amount: balance(a.address).toString(), unit: 'FRI' as const },
              },
            }
          : {}),
      })),
    createBlock: async () => ({ block_hash: hex((await c.sequencer.createBlock()).blockHash) }),
    mint: async (p) => {
      if (p.unit !== 'FRI')
        throw new RpcError('INVALID_PARAMS', 'only STRK (FRI) can be minted: no ETH token is deployed');
      const to = BigInt(p.address);
      const t = await submit(c, mintTx(c, d.minter, to, p.amount));
      return { new_balance: balance(to).toString(), unit: 'FRI', tx_hash: hex(t.hash) };
    },
    setTime: async (p) => {
      c.sequencer.setTime(BigInt(p.time));
      if (p.generate_block === true) {
        const b = await c.sequencer.createBlock();
        return { block_timestamp: p.time, block_hash: hex(b.blockHash) };
      }
      return { block_timestamp: p.time };
    },
    increaseTime: async (p) => {
      c.sequencer.adjustTime(BigInt(p.time));
      const b = await c.sequencer.createBlock();
      return { timestamp_increased_by: p.time, block_hash: hex(b.blockHash) };
    },
    dump: (p) => {
      const dump = dumpChain(c);
      if (p.path === undefined) return dump;
      writeFileSync(p.path, JSON.stringify(dump));
      return null;
    },
    load: async (p) => {
      const entries = JSON.parse(readFileSync(p.path, 'utf8')) as DumpEntry[];
      await replay(c, entries);
      return null;
    },
    getConfig: () => ({
      seed: Number(d.options.seed),
      total_accounts: d.options.accounts,
      chain_id: hex(d.options.chainId),
      block_generation_on:
        d.options.blockMode.kind === 'interval' ? d.options.blockMode.ms / 1000 : d.options.blockMode.kind,
      port: d.options.port,
      host: d.options.host,
      starknet_version: d.options.starknetVersion,
      initial_balance: d.options.initialBalance.toString(),
      latest_block_hash: latestHash(),
    }),
    getAccountBalance: (p) => {
      const token = p.unit === 'FRI' ? STRK_FEE_TOKEN_ADDRESS : ETH_TOKEN_ADDRESS;
      const state = stateAt(c, p.block_id ?? 'pre_confirmed');
      return { amount: feeTokenBalance(state, token, BigInt(p.address)).toString(), unit: p.unit };
    },
    setGasPrice: async (p) => {
      const g = c.gasPrices;
      if (p.gas_price_wei !== undefined) g.l1Gas = { ...g.l1Gas, priceInWei: p.gas_price_wei };
      if (p.gas_price_fri !== undefined) g.l1Gas = { ...g.l1Gas, priceInFri: p.gas_price_fri };
      if (p.data_gas_price_wei !== undefined)
        g.l1DataGas = { ...g.l1DataGas, priceInWei: p.data_gas_price_wei };
      if (p.data_gas_price_fri !== undefined)
        g.l1DataGas = { ...g.l1DataGas, priceInFri: p.data_gas_price_fri };
      if (p.l2_gas_price_wei !== undefined) g.l2Gas = { ...g.l2Gas, priceInWei: p.l2_gas_price_wei };
      if (p.l2_gas_price_fri !== undefined) g.l2Gas = { ...g.l2Gas, priceInFri: p.l2_gas_price_fri };
      const out = {
        gas_price_wei: decimal(g.l1Gas.priceInWei),
        gas_price_fri: decimal(g.l1Gas.priceInFri),
        data_gas_price_wei: decimal(g.l1DataGas.priceInWei),
        data_gas_price_fri: decimal(g.l1DataGas.priceInFri),
        l2_gas_price_wei: decimal(g.l2Gas.priceInWei),
        l2_gas_price_fri: decimal(g.l2Gas.priceInFri),
      };
      // The prices apply from the next block that opens (an open block keeps its own).
      if (p.generate_block === true) {
        const b = await c.sequencer.createBlock();
        return { ...out, block_hash: hex(b.blockHash) };
      }
      return out;
    },
    acceptOnL1: (p) => {
      const r = resolveBlock(c, p.starting_block_id as BLOCK_ID);
      if (r.kind === 'pre')
        throw new RpcError('INVALID_PARAMS', 'the pre-confirmed block cannot be accepted on L1');
      const from = (c.finality.latest ?? -1) + 1;
      const accepted: string[] = [];
      for (let n = r.n; n >= from; n--) accepted.push(hex(c.db.getBlock(n).blockHash ?? 0n));
      c.finality.accept(r.n);
      return { accepted };
    },
    restart: async () => {
      await chain.restart();
      return {};
    },
    abortBlocks: async (p) => {
      const r = resolveBlock(c, p.starting_block_id as BLOCK_ID);
      if (r.kind === 'pre') throw new RpcError('INVALID_PARAMS', 'the pre-confirmed block is not stored yet');
      return { aborted: (await chain.abortBlocks(r.n)).map(hex) };
    },
    postmanSendMessageToL2: (p) => sendMessageToL2(c, p),
    postmanConsumeMessageFromL2: (p) => consumeMessageFromL2(c, p),
  };
}

/** The transactions of stored block `n` as replayable entries (DECLAREs with their class). */
function blockEntries(c: NodeContext, n: number): DumpEntry[] {
  const out: DumpEntry[] = [];
  for (const t of c.db.getBlockTransactions(n)) {
    const { transaction_hash, ...tx } = t.transaction as Record<string, unknown>;
    if (tx.type === 'L1_HANDLER') {
      const [from, ...payload] = tx.calldata as string[];
      out.push({
        message_to_l2: {
          l2_contract_address: tx.contract_address as string,
          entry_point_selector: tx.entry_point_selector as string,
          l1_contract_address: from as string,
          payload,
          paid_fee_on_l1: '0x0',
          nonce: tx.nonce as string,
        },
      });
    } else if (tx.type === 'DECLARE') {
      const { class_hash, ...rest } = tx;
      out.push({
        transaction: { ...rest, contract_class: c.db.getClass(BigInt(class_hash as string)).sierra },
      });
    } else out.push({ transaction: tx });
  }
  return out;
}

/** The pending transactions (pre-confirmed or received), in arrival order, as replayable entries. */
function pendingEntries(c: NodeContext): DumpEntry[] {
  return c.gateway.pool.all().map((p) => {
    const { class_hash, ...tx } = transactionJson(p.tx) as Record<string, unknown>;
    return {
      transaction:
        p.contractClass !== undefined ? { ...tx, contract_class: p.contractClass } : { ...tx, class_hash },
    };
  });
}

/** Every transaction of the chain after genesis, then the pending ones, as broadcast. */
export function dumpChain(c: NodeContext): DumpEntry[] {
  const out: DumpEntry[] = [];
  const latest = c.db.latestBlockNumber() ?? 0;
  for (let n = 1; n <= latest; n++) out.push(...blockEntries(c, n));
  // What is still pending: a load submits it again.
  out.push(...pendingEntries(c));
  return out;
}

/** Replays one entry: a transaction through the gateway, or a message from L1. */
async function replayEntry(c: NodeContext, e: DumpEntry): Promise<void> {
  if ('message_to_l2' in e) await c.sequencer.addL1Handler(l1HandlerOf(e.message_to_l2));
  else await submit(c, e.transaction);
}

/** Replays a dump through the gateway, in order. */
export async function replay(c: NodeContext, entries: DumpEntry[]): Promise<void> {
  for (const e of entries) await replayEntry(c, e);
  await c.sequencer.notify();
}
