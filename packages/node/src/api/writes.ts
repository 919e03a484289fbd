// The write API: broadcasted transactions through the gateway; in per-transaction block mode the
// answer waits for the block (as starknet-devnet), so that the next nonce read at `latest` is right.
import { ExecutionState, executeTransaction } from '@starling/execution';
import type { AccountTransaction, PooledTransaction, TransactionValidator } from '@starling/mempool';
import { parseSierraClass } from '@starling/protocol';
import { hex, type NodeContext } from './context.js';
import { parseBroadcast } from './parse-broadcast.js';
import { validateInvoke } from './validate-invoke.js';

/**
 * The gateway's stateful checks on the pre-confirmed state (latest plus pending), effects dropped:
 * validation only for INVOKE (the sequencer's run is its one execution); DECLARE and DEPLOY_ACCOUNT
 * (rare; a deployment's constructor runs before its __validate_deploy__) are executed whole.
 */
export function executionValidator(c: NodeContext): TransactionValidator {
  return {
    validate(tx, ctx) {
      const pre = c.sequencer.preconfirmed;
      const state = new ExecutionState(pre?.state ?? c.chain.latestState());
      const block = pre?.context ?? c.sequencer.nextContext();
      if (tx.type === 'INVOKE') return validateInvoke(state, block, tx, ctx.hash);
      const options =
        tx.type === 'DECLARE' && ctx.contractClass !== undefined
          ? { contractClass: parseSierraClass(ctx.contractClass) }
          : {};
      executeTransaction(state, block, tx, { ...options, strictNonce: false });
    },
  };
}

/** Execution extras of a pooled transaction when the sequencer runs it. */
export function prepareForSequencing(p: PooledTransaction) {
  return p.tx.type === 'DECLARE' && p.contractClass !== undefined
    ? { contractClass: parseSierraClass(p.contractClass) }
    : {};
}

function sierraFacts(cls: unknown) {
  const o = cls as { sierra_program?: string[] };
  const program = o.sierra_program ?? [];
  const v = program.slice(0, 3).map((x) => Number(BigInt(x)));
  return {
    sierraVersion: [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0] as [number, number, number],
    bytecodeLength: program.length,
    serializedSize: JSON.stringify(cls).length,
  };
}

/** Submits a broadcasted transaction; returns its hash (and the class hash / address it implies). */
export async function submit(c: NodeContext, wire: unknown): Promise<PooledTransaction> {
  const p = parseBroadcast(wire);
  const pooled = await c.gateway.submit({
    tx: p.tx as AccountTransaction,
    ...(p.contractClass !== undefined
      ? { contractClass: p.contractClass, classFacts: sierraFacts(p.contractClass) }
      : {}),
  });
  const settled =
    c.sequencer.options.mode.kind === 'transaction' ? c.sequencer.settled(pooled.hash) : undefined;
  const run = c.sequencer.notify();
  if (settled !== undefined) {
    await run;
    await Promise.race([settled, Promise.resolve()]);
  } else void run.catch(() => {});
  return pooled;
}

export const hashOf = (p: PooledTransaction) => hex(p.hash);
