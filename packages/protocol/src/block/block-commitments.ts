import type { BlockCommitments, Receipt, StateDiff, Transaction } from '../types.js';
import {
  eventCommitment,
  receiptCommitment,
  transactionCommitment,
  transactionSignature,
} from './commitments.js';
import { stateDiffCommitment, stateDiffLength } from './state-diff-commitment.js';

/** Everything a 0.13.2+ header needs from a block's body, besides its hash. */
export interface BlockBodyCommitments extends BlockCommitments {
  transactionCount: number;
  eventCount: number;
  stateDiffLength: number;
}

/** Computes the four commitments and the counts of a block body (transactions and receipts in block order). */
export function calculateBlockCommitments(input: {
  transactions: readonly (Transaction & { transactionHash: bigint })[];
  receipts: readonly Receipt[];
  stateDiff: StateDiff;
  starknetVersion: string;
}): BlockBodyCommitments {
  const { transactions, receipts, stateDiff, starknetVersion } = input;
  return {
    transactionCommitment: transactionCommitment(
      transactions.map((t) => ({ transactionHash: t.transactionHash, signature: transactionSignature(t) })),
      starknetVersion,
    ),
    eventCommitment: eventCommitment(receipts),
    receiptCommitment: receiptCommitment(receipts),
    stateDiffCommitment: stateDiffCommitment(stateDiff),
    transactionCount: transactions.length,
    eventCount: receipts.reduce((n, r) => n + r.events.length, 0),
    stateDiffLength: stateDiffLength(stateDiff),
  };
}
