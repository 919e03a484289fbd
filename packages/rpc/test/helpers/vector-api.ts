// An in-test StarknetApi over one official block (see vector-chain.ts): reads answer from the vector;
// everything that needs execution answers with the spec error a state-only node would give.
import { encodeShortString, toHex } from '@starling/felt';
import type {
  BLOCK_ID,
  BLOCK_WITH_RECEIPTS,
  BLOCK_WITH_TX_HASHES,
  BLOCK_WITH_TXS,
  CallContext,
  EMITTED_EVENT,
  StarknetApi,
} from '../../src/index.ts';
import { StarknetRpcError } from '../../src/index.ts';
import {
  blockStatus,
  classHashAt,
  events,
  header,
  nonces,
  receipts,
  stateUpdate,
  storage,
  transactions,
} from './vector-chain.ts';

/** The chain id of the vector's network (Sepolia integration). */
export const CHAIN_ID = toHex(encodeShortString('SN_INTEGRATION_SEPOLIA'));

function checkBlock(id: BLOCK_ID): void {
  if (id === 'latest' || id === 'l1_accepted') return;
  if (typeof id === 'object' && 'block_number' in id && id.block_number === header.block_number) return;
  if (typeof id === 'object' && 'block_hash' in id && BigInt(id.block_hash) === BigInt(header.block_hash))
    return;
  throw new StarknetRpcError('BLOCK_NOT_FOUND');
}

function txIndex(hash: string): number {
  const i = transactions.findIndex((t) => BigInt(t.transaction_hash) === BigInt(hash));
  if (i < 0) throw new StarknetRpcError('TXN_HASH_NOT_FOUND');
  return i;
}

function knownContract(address: string): boolean {
  const a = BigInt(address);
  return storage.has(a) || classHashAt.has(a) || nonces.has(a);
}

const PAGE_LIMIT = 1024;

/** Builds the in-test API; `calls` records each method name called (for routing assertions). */
export function vectorApi(calls: { method: string; ctx: CallContext }[] = []): StarknetApi {
  const log = (method: string, ctx: CallContext) => calls.push({ method, ctx });
  const base = { ...header, status: blockStatus };
  const noExecution = () => {
    throw new StarknetRpcError('UNEXPECTED_ERROR', 'the test chain has no execution engine');
  };
  return {
    getBlockWithTxHashes({ block_id }, ctx) {
      log('getBlockWithTxHashes', ctx);
      checkBlock(block_id);
      return { ...base, transactions: transactions.map((t) => t.transaction_hash) } as BLOCK_WITH_TX_HASHES;
    },
    getBlockWithTxs({ block_id }, ctx) {
      log('getBlockWithTxs', ctx);
      checkBlock(block_id);
      return { ...base, transactions } as BLOCK_WITH_TXS;
    },
    getBlockWithReceipts({ block_id }, ctx) {
      log('getBlockWithReceipts', ctx);
      checkBlock(block_id);
      const txs = transactions.map((transaction, i) => {
        const { block_hash: _h, block_number: _n, ...receipt } = receipts[i]!;
        return { transaction, receipt };
      });
      return { ...base, transactions: txs } as unknown as BLOCK_WITH_RECEIPTS;
    },
    getStateUpdate({ block_id }, ctx) {
      log('getStateUpdate', ctx);
      checkBlock(block_id);
      return stateUpdate;
    },
    getStorageAt({ contract_address, key, block_id, response_flags }, ctx) {
      log('getStorageAt', ctx);
      checkBlock(block_id);
      if (!knownContract(contract_address)) throw new StarknetRpcError('CONTRACT_NOT_FOUND');
      const value = storage.get(BigInt(contract_address))?.get(BigInt(key)) ?? '0x0';
      if (response_flags?.includes('INCLUDE_LAST_UPDATE_BLOCK')) {
        return { value, last_update_block: value === '0x0' ? 0 : header.block_number };
      }
      return value;
    },
    getTransactionStatus({ transaction_hash }, ctx) {
      log('getTransactionStatus', ctx);
      const r = receipts[txIndex(transaction_hash)]!;
      return { finality_status: 'ACCEPTED_ON_L1', execution_status: r.execution_status };
    },
    getMessagesStatus(_p, ctx) {
      log('getMessagesStatus', ctx);
      throw new StarknetRpcError('TXN_HASH_NOT_FOUND');
    },
    getTransactionByHash({ transaction_hash }, ctx) {
      log('getTransactionByHash', ctx);
      return transactions[txIndex(transaction_hash)]!;
    },
    getTransactionByBlockIdAndIndex({ block_id, index }, ctx) {
      log('getTransactionByBlockIdAndIndex', ctx);
      checkBlock(block_id);
      const t = transactions[index];
      if (!t) throw new StarknetRpcError('INVALID_TXN_INDEX');
      return t;
    },
    getTransactionReceipt({ transaction_hash }, ctx) {
      log('getTransactionReceipt', ctx);
      return receipts[txIndex(transaction_hash)]!;
    },
    getClass({ block_id }, ctx) {
      log('getClass', ctx);
      checkBlock(block_id);
      throw new StarknetRpcError('CLASS_HASH_NOT_FOUND');
    },
    getClassHashAt({ block_id, contract_address }, ctx) {
      log('getClassHashAt', ctx);
      checkBlock(block_id);
      const c = classHashAt.get(BigInt(contract_address));
      if (!c) throw new StarknetRpcError('CONTRACT_NOT_FOUND');
      return c;
    },
    getClassAt({ block_id }, ctx) {
      log('getClassAt', ctx);
      checkBlock(block_id);
      throw new StarknetRpcError('CONTRACT_NOT_FOUND');
    },
    getBlockTransactionCount({ block_id }, ctx) {
      log('getBlockTransactionCount', ctx);
      checkBlock(block_id);
      return transactions.length;
    },
    call({ request, block_id }, ctx) {
      log('call', ctx);
      checkBlock(block_id);
      if (!knownContract(request.contract_address)) throw new StarknetRpcError('CONTRACT_NOT_FOUND');
      throw new StarknetRpcError('ENTRYPOINT_NOT_FOUND');
    },
    estimateFee: noExecution,
    estimateMessageFee: noExecution,
    blockNumber(_p, ctx) {
      log('blockNumber', ctx);
      return header.block_number;
    },
    blockHashAndNumber(_p, ctx) {
      log('blockHashAndNumber', ctx);
      return { block_hash: header.block_hash, block_number: header.block_number };
    },
    chainId(_p, ctx) {
      log('chainId', ctx);
      return CHAIN_ID;
    },
    syncing(_p, ctx) {
      log('syncing', ctx);
      return false;
    },
    getEvents({ filter }, ctx) {
      log('getEvents', ctx);
      if (filter.chunk_size > PAGE_LIMIT) throw new StarknetRpcError('PAGE_SIZE_TOO_BIG');
      const addresses = filter.address === undefined ? undefined : [filter.address].flat().map(BigInt);
      const matching: EMITTED_EVENT[] = events.filter(
        (e) => !addresses || addresses.includes(BigInt(e.from_address)),
      );
      const start = filter.continuation_token === undefined ? 0 : Number(filter.continuation_token);
      if (!Number.isInteger(start) || start < 0 || start > matching.length) {
        throw new StarknetRpcError('INVALID_CONTINUATION_TOKEN');
      }
      const page = matching.slice(start, start + filter.chunk_size);
      const next = start + page.length;
      return next < matching.length ? { events: page, continuation_token: String(next) } : { events: page };
    },
    getNonce({ block_id, contract_address }, ctx) {
      log('getNonce', ctx);
      checkBlock(block_id);
      const n = nonces.get(BigInt(contract_address));
      if (!n) throw new StarknetRpcError('CONTRACT_NOT_FOUND');
      return n;
    },
    getStorageProof({ block_id }, ctx) {
      log('getStorageProof', ctx);
      checkBlock(block_id);
      throw new StarknetRpcError('STORAGE_PROOF_NOT_SUPPORTED');
    },
    addInvokeTransaction: noExecution,
    addDeclareTransaction: noExecution,
    addDeployAccountTransaction: noExecution,
    traceTransaction({ transaction_hash }, ctx) {
      log('traceTransaction', ctx);
      txIndex(transaction_hash);
      throw new StarknetRpcError('NO_TRACE_AVAILABLE', { status: 'REJECTED' });
    },
    simulateTransactions: noExecution,
    traceBlockTransactions: noExecution,
    getCompiledCasm(_p, ctx) {
      log('getCompiledCasm', ctx);
      throw new StarknetRpcError('CLASS_HASH_NOT_FOUND');
    },
  };
}
