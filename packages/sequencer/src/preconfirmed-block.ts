// The block being built: its context, the state it executes on, and its transactions by status.
import { type BlockContext, ExecutionState } from '@starling/execution';
import type { StateReader } from '@starling/protocol';
import type { ClassInput } from '@starling/state';
import type { PreconfirmedTransaction } from './types.js';

/** The open (pre-confirmed) block. */
export class PreconfirmedBlock {
  readonly state: ExecutionState;
  readonly transactions: PreconfirmedTransaction[] = [];
  readonly classes: ClassInput[] = [];
  l2Gas = 0n;

  constructor(
    readonly context: BlockContext,
    readonly parentHash: bigint,
    base: StateReader,
  ) {
    this.state = new ExecutionState(base);
  }

  /** The pre-confirmed transaction with `hash`. */
  find(hash: bigint): PreconfirmedTransaction | undefined {
    return this.transactions.find((t) => t.pooled.hash === hash);
  }

  /** The executed transactions, in order. */
  executed(): PreconfirmedTransaction[] {
    return this.transactions.filter((t) => t.info !== undefined);
  }
}
