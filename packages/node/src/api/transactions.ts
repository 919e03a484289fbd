// Transaction reads: status, by hash, by position, receipts. Sources in order: stored blocks, the
// pre-confirmed block, the mempool.
import { rpcReceipt } from '@starling/execution';
import type { BLOCK_ID } from '@starling/rpc';
import { StarknetRpcError } from '@starling/rpc';
import { transactionJson } from '@starling/sequencer';
import { withFinality, withFlags } from './blocks.js';
import { hex, type NodeContext, resolveBlock } from './context.js';

const felt = (s: string): bigint => BigInt(s);

/** starknet_getTransactionStatus. */
export function transactionStatus(c: NodeContext, hash: string): Record<string, unknown> {
  const h = felt(hash);
  const stored = c.db.getTransaction(h);
  if (stored !== undefined) {
    const r = stored.receipt as { execution_status: string; revert_reason?: string };
    return {
      finality_status: c.finality.statusOf(stored.blockNumber),
      execution_status: r.execution_status,
      ...(r.revert_reason !== undefined ? { failure_reason: r.revert_reason } : {}),
    };
  }
  const pre = c.sequencer.preconfirmed?.find(h);
  if (pre !== undefined) {
    if (pre.info === undefined) return { finality_status: 'CANDIDATE' };
    return {
      finality_status: 'PRE_CONFIRMED',
      execution_status: pre.info.revertReason === undefined ? 'SUCCEEDED' : 'REVERTED',
      ...(pre.info.revertReason !== undefined ? { failure_reason: pre.info.revertReason } : {}),
    };
  }
  if (c.gateway.pool.has(h)) return { finality_status: 'RECEIVED' };
  throw new StarknetRpcError('TXN_HASH_NOT_FOUND');
}

/** starknet_getTransactionByHash. */
export function transactionByHash(c: NodeContext, hash: string, flags?: readonly string[]): unknown {
  const h = felt(hash);
  const stored = c.db.getTransaction(h);
  if (stored !== undefined) return withFlags(stored.transaction, flags);
  const pooled = c.sequencer.preconfirmed?.find(h)?.pooled ?? c.gateway.pool.get(h);
  if (pooled !== undefined)
    return withFlags({ transaction_hash: hex(h), ...transactionJson(pooled.tx) }, flags);
  throw new StarknetRpcError('TXN_HASH_NOT_FOUND');
}

/** starknet_getTransactionByBlockIdAndIndex. */
export function transactionByIndex(
  c: NodeContext,
  id: BLOCK_ID,
  index: number,
  flags?: readonly string[],
): unknown {
  const r = resolveBlock(c, id);
  if (r.kind === 'pre') {
    const t = r.block?.executed()[index];
    if (t === undefined) throw new StarknetRpcError('INVALID_TXN_INDEX');
    return withFlags({ transaction_hash: hex(t.pooled.hash), ...transactionJson(t.pooled.tx) }, flags);
  }
  const b = c.db.getBlock(r.n);
  if (!Number.isSafeInteger(index) || index < 0 || index >= b.transactionCount)
    throw new StarknetRpcError('INVALID_TXN_INDEX');
  return withFlags(c.db.getBlockTransactions(r.n)[index]?.transaction, flags);
}

/** starknet_getTransactionReceipt. */
export function transactionReceipt(c: NodeContext, hash: string): Record<string, unknown> {
  const h = felt(hash);
  const stored = c.db.getTransaction(h);
  if (stored !== undefined) {
    const b = c.db.getBlock(stored.blockNumber);
    return {
      ...withFinality(c, stored.receipt, stored.blockNumber),
      block_hash: hex(b.blockHash ?? 0n),
      block_number: stored.blockNumber,
    };
  }
  const pre = c.sequencer.preconfirmed;
  const t = pre?.find(h);
  if (pre !== undefined && t?.info !== undefined)
    return { ...rpcReceipt(t.info, 'PRE_CONFIRMED'), block_number: Number(pre.context.blockNumber) };
  throw new StarknetRpcError('TXN_HASH_NOT_FOUND');
}
