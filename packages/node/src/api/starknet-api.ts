// StarknetApi (read, write, trace, executables) over the node's components.
import type { StarknetApi } from '@starling/rpc';
import { StarknetRpcError } from '@starling/rpc';
import * as blocks from './blocks.js';
import { hex, type NodeContext, resolveBlock } from './context.js';
import * as exec from './execution-reads.js';
import * as state from './state-reads.js';
import * as txs from './transactions.js';
import { submit } from './writes.js';

type Api = StarknetApi;
type R<K extends keyof Api> = ReturnType<Api[K]>;

/** Builds the StarknetApi of a node. */
export function createStarknetApi(c: NodeContext): StarknetApi {
  return {
    getBlockWithTxHashes: (p) => blocks.getBlock(c, p.block_id, 'hashes') as never,
    getBlockWithTxs: (p) => blocks.getBlock(c, p.block_id, 'txs', p.response_flags) as never,
    getBlockWithReceipts: (p) => blocks.getBlock(c, p.block_id, 'receipts', p.response_flags) as never,
    getStateUpdate: (p) => blocks.stateUpdate(c, p.block_id, p.contract_addresses) as never,
    getStorageAt: (p) => state.getStorageAt(c, p.block_id, p.contract_address, p.key, p.response_flags),
    getTransactionStatus: (p) => txs.transactionStatus(c, p.transaction_hash) as never,
    // No settlement layer is attached: no L1 transaction is known.
    getMessagesStatus: () => {
      throw new StarknetRpcError('TXN_HASH_NOT_FOUND');
    },
    getTransactionByHash: (p) => txs.transactionByHash(c, p.transaction_hash, p.response_flags) as never,
    getTransactionByBlockIdAndIndex: (p) =>
      txs.transactionByIndex(c, p.block_id, p.index, p.response_flags) as never,
    getTransactionReceipt: (p) => txs.transactionReceipt(c, p.transaction_hash) as never,
    getClass: (p) => state.getClass(c, p.block_id, p.class_hash) as never,
    getClassHashAt: (p) => state.getClassHashAt(c, p.block_id, p.contract_address),
    getClassAt: (p) => state.getClassAt(c, p.block_id, p.contract_address) as never,
    getBlockTransactionCount: (p) => blocks.transactionCount(c, p.block_id),
    call: (p) => exec.call(c, p.block_id, p.request),
    estimateFee: (p) => exec.estimateFee(c, p.block_id, p.request, p.simulation_flags) as never,
    estimateMessageFee: (p) => exec.estimateMessageFee(c, p.block_id, p.message as never) as never,
    blockNumber: () => {
      const n = c.db.latestBlockNumber();
      if (n === undefined) throw new StarknetRpcError('NO_BLOCKS');
      return n;
    },
    blockHashAndNumber: () => {
      const n = c.db.latestBlockNumber();
      if (n === undefined) throw new StarknetRpcError('NO_BLOCKS');
      return { block_hash: hex(c.db.getBlock(n).blockHash ?? 0n), block_number: n };
    },
    chainId: () => hex(c.chainId),
    syncing: () => false,
    getEvents: (p) => blocks.events(c, p.filter) as never,
    getNonce: (p) => state.getNonce(c, p.block_id, p.contract_address),
    getStorageProof: (p) => {
      const r = resolveBlock(c, p.block_id);
      if (r.kind === 'pre') throw new StarknetRpcError('STORAGE_PROOF_NOT_SUPPORTED');
      return c.db.getStorageProof(r.n, {
        classHashes: (p.class_hashes ?? []).map((x) => BigInt(x)),
        contractAddresses: (p.contract_addresses ?? []).map((x) => BigInt(x)),
        contractsStorageKeys: (p.contracts_storage_keys ?? []).map((k) => ({
          contractAddress: BigInt(k.contract_address),
          storageKeys: k.storage_keys.map((x) => BigInt(x)),
        })),
      }) as never;
    },
    addInvokeTransaction: async (p) => ({
      transaction_hash: hex((await submit(c, p.invoke_transaction)).hash),
    }),
    addDeclareTransaction: async (p) => {
      const t = await submit(c, p.declare_transaction);
      return { transaction_hash: hex(t.hash), class_hash: hex((t.tx as { classHash: bigint }).classHash) };
    },
    addDeployAccountTransaction: async (p) => {
      const t = await submit(c, p.deploy_account_transaction);
      return { transaction_hash: hex(t.hash), contract_address: hex(t.sender) };
    },
    traceTransaction: (p) => exec.traceTransaction(c, p.transaction_hash) as never,
    simulateTransactions: (p) => exec.simulateTxs(c, p.block_id, p.transactions, p.simulation_flags) as never,
    traceBlockTransactions: (p) => {
      const r = resolveBlock(c, p.block_id);
      if (r.kind === 'pre')
        return (r.block?.executed() ?? []).map((t) => ({
          transaction_hash: hex(t.pooled.hash),
          trace_root: exec.traceOf(t.info),
        })) as never;
      return exec.traceBlock(c, r.n).map((t) => ({ transaction_hash: t.hash, trace_root: t.trace })) as never;
    },
    getCompiledCasm: (p) => state.getCompiledCasm(c, p.class_hash) as never,
  } satisfies {
    [K in keyof Api]: (...a: Parameters<Api[K]>) => R<K> | Awaited<R<K>> | Promise<Awaited<R<K>>>;
  };
}
