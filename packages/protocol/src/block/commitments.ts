// The per-block commitments of the 0.13.2+ block hash: transactions, events, receipts.
import { poseidon, poseidonArray, snKeccak } from '@starling/crypto';
import { commitmentRoot } from '../patricia-root.js';
import { isVersionAtLeast } from '../starknet-version.js';
import type { Event, MessageToL1, Receipt, Transaction } from '../types.js';

const encoder = new TextEncoder();

/** The signature a transaction contributes to the transaction commitment (none for DEPLOY and L1_HANDLER). */
export function transactionSignature(tx: Transaction): bigint[] {
  return tx.type === 'DEPLOY' || tx.type === 'L1_HANDLER' ? [] : tx.signature;
}

/** Transaction leaf: poseidon([tx_hash, ...signature]); before 0.13.4 an empty signature counted as [0]. */
export function transactionLeaf(
  transactionHash: bigint,
  signature: readonly bigint[],
  starknetVersion: string,
): bigint {
  const sig = signature.length === 0 && !isVersionAtLeast(starknetVersion, '0.13.4') ? [0n] : signature;
  return poseidonArray([transactionHash, ...sig]);
}

/** The transaction commitment of a 0.13.2+ block. */
export function transactionCommitment(
  txs: readonly { transactionHash: bigint; signature: readonly bigint[] }[],
  starknetVersion: string,
): bigint {
  return commitmentRoot(
    txs.map((t) => transactionLeaf(t.transactionHash, t.signature, starknetVersion)),
    poseidon,
  );
}

/** Event leaf: poseidon([from, tx_hash, n_keys, ...keys, n_data, ...data]). */
export function eventLeaf(event: Event, transactionHash: bigint): bigint {
  return poseidonArray([
    event.fromAddress,
    transactionHash,
    BigInt(event.keys.length),
    ...event.keys,
    BigInt(event.data.length),
    ...event.data,
  ]);
}

/** The event commitment: events numbered across the block in transaction order. */
export function eventCommitment(receipts: readonly Pick<Receipt, 'transactionHash' | 'events'>[]): bigint {
  const leaves: bigint[] = [];
  for (const r of receipts) for (const e of r.events) leaves.push(eventLeaf(e, r.transactionHash));
  return commitmentRoot(leaves, poseidon);
}

/** poseidon([n, (from, to, payload_len, ...payload)*]) over a transaction's L2→L1 messages. */
export function messagesSentHash(messages: readonly MessageToL1[]): bigint {
  const flat: bigint[] = [BigInt(messages.length)];
  for (const m of messages) flat.push(m.fromAddress, m.toAddress, BigInt(m.payload.length), ...m.payload);
  return poseidonArray(flat);
}

/** Receipt leaf: poseidon([tx_hash, fee, messages, revert_reason_hash, 0, l1_gas, l1_data_gas]); the L2-gas slot is 0. */
export function receiptLeaf(receipt: Receipt): bigint {
  const revertHash =
    receipt.executionStatus === 'REVERTED' ? snKeccak(encoder.encode(receipt.revertReason ?? '')) : 0n;
  return poseidonArray([
    receipt.transactionHash,
    receipt.actualFee,
    messagesSentHash(receipt.messagesSent),
    revertHash,
    0n,
    receipt.gasConsumed.l1Gas,
    receipt.gasConsumed.l1DataGas,
  ]);
}

/** The receipt commitment. */
export function receiptCommitment(receipts: readonly Receipt[]): bigint {
  return commitmentRoot(receipts.map(receiptLeaf), poseidon);
}
