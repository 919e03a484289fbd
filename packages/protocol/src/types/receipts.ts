// Domain types for execution results: events, messages, receipts.

/** An event as emitted by a contract. */
export interface Event {
  fromAddress: bigint;
  keys: bigint[];
  data: bigint[];
}

/** An L2→L1 message; `toAddress` is an L1 (Ethereum) address. */
export interface MessageToL1 {
  fromAddress: bigint;
  toAddress: bigint;
  payload: bigint[];
}

export type ExecutionStatus = 'SUCCEEDED' | 'REVERTED';

/** Gas consumed by a transaction, per resource. */
export interface GasVector {
  l1Gas: bigint;
  l1DataGas: bigint;
  l2Gas: bigint;
}

/** What the receipt commitment and the block's event commitment need from a transaction's result. */
export interface Receipt {
  transactionHash: bigint;
  actualFee: bigint;
  executionStatus: ExecutionStatus;
  /** Present (and hashed) only when the transaction reverted. */
  revertReason?: string;
  events: Event[];
  messagesSent: MessageToL1[];
  /** Total gas consumed (the `total_gas_consumed` of the feeder gateway). */
  gasConsumed: GasVector;
}
