// Closes a pre-confirmed block: commitments, state commitment, block hash, one atomic write.
import type { BlockContext, TransactionExecutionInfo } from '@starling/execution';
import { rpcReceipt, toReceipt } from '@starling/execution';
import {
  type BlockHashInput,
  calculateBlockCommitments,
  calculateBlockHash,
  type StateDiff,
  type Transaction,
} from '@starling/protocol';
import type { ClassInput, TransactionInput } from '@starling/state';
import { preconfirmedHeaderJson, transactionJson } from './rpc-json.js';
import type { ClosedBlock, SequencerChain } from './types.js';

const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** What a block is made of when it closes. */
export interface BlockBody {
  context: BlockContext;
  parentHash: bigint;
  executed: { tx: Transaction; info: TransactionExecutionInfo }[];
  stateDiff: StateDiff;
  classes: ClassInput[];
}

/** Computes the header and hash of `body` and stores it atomically in `chain`. */
export function closeBlock(chain: SequencerChain, body: BlockBody): ClosedBlock {
  const { context: ctx } = body;
  const receipts = body.executed.map((e) => toReceipt(e.info));
  const c = calculateBlockCommitments({
    transactions: body.executed.map((e) => ({ ...e.tx, transactionHash: e.info.transactionHash })),
    receipts,
    stateDiff: body.stateDiff,
    starknetVersion: ctx.starknetVersion,
  });
  const docs = body.executed.map((e) => ({
    hash: e.info.transactionHash,
    transaction: { transaction_hash: hex(e.info.transactionHash), ...transactionJson(e.tx) },
    receipt: rpcReceipt(e.info, 'ACCEPTED_ON_L2'),
  }));
  const transactions: TransactionInput[] = docs.map((d, i) => ({
    hash: d.hash,
    transaction: d.transaction,
    receipt: d.receipt,
    events: (receipts[i]?.events ?? []).map((ev) => ({
      fromAddress: ev.fromAddress,
      keys: ev.keys,
      data: ev.data,
    })),
  }));
  let header: Record<string, unknown> = {};
  let blockHash = 0n;
  chain.commitBlock({
    blockNumber: Number(ctx.blockNumber),
    stateDiff: body.stateDiff,
    classes: body.classes,
    transactions,
    finalize: (roots) => {
      const input: BlockHashInput = {
        parentHash: body.parentHash,
        blockNumber: ctx.blockNumber,
        stateRoot: roots.stateRoot,
        sequencerAddress: ctx.sequencerAddress,
        timestamp: ctx.timestamp,
        l1GasPrice: ctx.gasPrices.l1Gas,
        l1DataGasPrice: ctx.gasPrices.l1DataGas,
        l2GasPrice: ctx.gasPrices.l2Gas,
        l1DaMode: ctx.useKzgDa ? 'BLOB' : 'CALLDATA',
        starknetVersion: ctx.starknetVersion,
        ...c,
      };
      blockHash = calculateBlockHash(input);
      header = {
        block_hash: hex(blockHash),
        parent_hash: hex(body.parentHash),
        new_root: hex(roots.stateRoot),
        ...preconfirmedHeaderJson(ctx),
        event_commitment: hex(c.eventCommitment),
        transaction_commitment: hex(c.transactionCommitment),
        receipt_commitment: hex(c.receiptCommitment),
        state_diff_commitment: hex(c.stateDiffCommitment),
        event_count: c.eventCount,
        transaction_count: c.transactionCount,
        state_diff_length: c.stateDiffLength,
      };
      return { blockHash, header };
    },
  });
  return { blockNumber: Number(ctx.blockNumber), blockHash, header, transactions: docs, context: ctx };
}
