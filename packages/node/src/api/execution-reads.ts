// Reads that execute: call, fee estimates, simulation, traces (stored blocks are re-executed).
import {
  type BlockContext,
  callContract,
  ExecutionError,
  ExecutionState,
  executeTransaction,
  feeEstimate,
  preProcessBlock,
  type SimulationInput,
  STRK_FEE_TOKEN_ADDRESS,
  simulateTransactions,
  simulationResult,
  transactionTrace,
} from '@starling/execution';
import { parseSierraClass, parseTransaction } from '@starling/protocol';
import type { BLOCK_ID, FUNCTION_CALL } from '@starling/rpc';
import { StarknetRpcError } from '@starling/rpc';
import { contextAfter, keyParam, type NodeContext, stateAt } from './context.js';
import { messageToL1Handler, parseBroadcast } from './parse-broadcast.js';

const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** starknet_call. */
export function call(c: NodeContext, id: BLOCK_ID, req: FUNCTION_CALL): string[] {
  const base = stateAt(c, id);
  const address = keyParam(req.contract_address, 'contract address');
  if (base.getClassHashAt(address) === 0n) throw new StarknetRpcError('CONTRACT_NOT_FOUND');
  const state = new ExecutionState(base);
  try {
    const info = callContract(state, contextAfter(c, id), {
      contractAddress: address,
      selector: BigInt(req.entry_point_selector),
      calldata: req.calldata.map((x) => BigInt(x)),
    });
    return info.retdata.map(hex);
  } catch (e) {
    if (e instanceof ExecutionError && e.code === 'CONTRACT_ERROR')
      throw new StarknetRpcError('CONTRACT_ERROR', { revert_error: e.message });
    throw e;
  }
}

function simulate(
  c: NodeContext,
  id: BLOCK_ID,
  inputs: SimulationInput[],
  flags: { skipValidate: boolean; skipFee: boolean; query: boolean },
) {
  const ctx = contextAfter(c, id);
  const state = new ExecutionState(stateAt(c, id));
  try {
    const out = simulateTransactions(state, ctx, inputs, {
      skipValidate: flags.skipValidate,
      skipFeeCharge: flags.skipFee,
      query: flags.query,
      // A client estimates its next transactions while earlier ones are still pending.
      strictNonce: false,
    });
    return { out, ctx };
  } catch (e) {
    if (e instanceof ExecutionError && e.code === 'TRANSACTION_EXECUTION_ERROR')
      throw new StarknetRpcError('TRANSACTION_EXECUTION_ERROR', {
        transaction_index: Number(e.details?.transactionIndex ?? 0),
        execution_error: e.message,
      });
    throw e;
  }
}

/** starknet_estimateFee. */
export function estimateFee(
  c: NodeContext,
  id: BLOCK_ID,
  txs: unknown[],
  flags: string[],
): Record<string, string>[] {
  const parsed = txs.map(parseBroadcast);
  const { out, ctx } = simulate(
    c,
    id,
    parsed.map((p) => ({ tx: p.tx, options: p.options })),
    { skipValidate: flags.includes('SKIP_VALIDATE'), skipFee: true, query: parsed.some((p) => p.query) },
  );
  return out.map((t) => feeEstimate(t, ctx));
}

/** starknet_simulateTransactions. */
export function simulateTxs(
  c: NodeContext,
  id: BLOCK_ID,
  txs: unknown[],
  flags: string[],
): Record<string, unknown>[] {
  const parsed = txs.map(parseBroadcast);
  const { out, ctx } = simulate(
    c,
    id,
    parsed.map((p) => ({ tx: p.tx, options: p.options })),
    {
      skipValidate: flags.includes('SKIP_VALIDATE'),
      skipFee: flags.includes('SKIP_FEE_CHARGE'),
      query: parsed.some((p) => p.query),
    },
  );
  return out.map((t) => simulationResult(t, ctx));
}

/** starknet_estimateMessageFee. */
export function estimateMessageFee(
  c: NodeContext,
  id: BLOCK_ID,
  message: Parameters<typeof messageToL1Handler>[0],
) {
  const base = stateAt(c, id);
  if (base.getClassHashAt(BigInt(message.to_address)) === 0n)
    throw new StarknetRpcError('CONTRACT_NOT_FOUND');
  const { out, ctx } = simulate(c, id, [{ tx: messageToL1Handler(message) }], {
    skipValidate: true,
    skipFee: true,
    query: false,
  });
  return feeEstimate(out[0] as never, ctx);
}

/** The execution context of a stored block, from its header. */
export function storedBlockContext(c: NodeContext, n: number): BlockContext {
  type Price = { price_in_wei: string; price_in_fri: string };
  const h = c.db.getBlock(n).header as {
    timestamp: number;
    sequencer_address: string;
    starknet_version: string;
    l1_da_mode: string;
    l1_gas_price: Price;
    l1_data_gas_price: Price;
    l2_gas_price: Price;
  };
  const price = (p: Price) => ({
    priceInWei: BigInt(p.price_in_wei),
    priceInFri: BigInt(p.price_in_fri),
  });
  return {
    blockNumber: BigInt(n),
    timestamp: BigInt(h.timestamp),
    sequencerAddress: BigInt(h.sequencer_address),
    chainId: c.chainId,
    starknetVersion: h.starknet_version,
    feeTokenAddress: STRK_FEE_TOKEN_ADDRESS,
    useKzgDa: h.l1_da_mode === 'BLOB',
    gasPrices: {
      l1Gas: price(h.l1_gas_price),
      l1DataGas: price(h.l1_data_gas_price),
      l2Gas: price(h.l2_gas_price),
    },
  };
}

/** Traces of the first `upTo` transactions of stored block `n` (all when undefined), by re-execution. */
export function traceBlock(
  c: NodeContext,
  n: number,
  upTo?: number,
): { hash: string; trace: Record<string, unknown> }[] {
  if (n === 0) return [];
  const ctx = storedBlockContext(c, n);
  const state = new ExecutionState(c.chain.stateAt(n - 1));
  preProcessBlock(state, ctx.starknetVersion, ctx.blockNumber, (m) => c.chain.blockInfo(Number(m)).hash);
  const txs = c.db.getBlockTransactions(n).slice(0, upTo);
  return txs.map((t) => {
    const tx = parseTransaction(t.transaction) as never as { type: string; classHash?: bigint };
    const options =
      tx.type === 'DECLARE' && tx.classHash !== undefined
        ? { contractClass: parseSierraClass(c.db.getClass(tx.classHash).sierra) }
        : {};
    const info = executeTransaction(state, ctx, tx as never, { ...options, strictNonce: true });
    return { hash: hex(t.hash), trace: transactionTrace(info) };
  });
}

/** starknet_traceTransaction. */
export function traceTransaction(c: NodeContext, hash: string): Record<string, unknown> {
  const h = BigInt(hash);
  const stored = c.db.getTransaction(h);
  if (stored === undefined) {
    if (c.gateway.pool.has(h) || c.sequencer.preconfirmed?.find(h) !== undefined) {
      const pre = c.sequencer.preconfirmed?.find(h)?.info;
      if (pre !== undefined) return transactionTrace(pre);
      throw new StarknetRpcError('NO_TRACE_AVAILABLE', { status: 'RECEIVED' });
    }
    throw new StarknetRpcError('TXN_HASH_NOT_FOUND');
  }
  const all = traceBlock(c, stored.blockNumber, stored.index + 1);
  return all[stored.index]?.trace as Record<string, unknown>;
}

/** The trace of an executed pre-confirmed transaction. */
export function traceOf(info: Parameters<typeof transactionTrace>[0] | undefined): Record<string, unknown> {
  if (info === undefined) throw new StarknetRpcError('NO_TRACE_AVAILABLE', { status: 'RECEIVED' });
  return transactionTrace(info);
}
