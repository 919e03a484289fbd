// The write API: broadcasted transactions through the gateway; in per-transaction block mode the
// answer waits for the block (as starknet-devnet), so that the next nonce read at `latest` is right.
import { validateTransaction } from '@starling/execution';
import type { AccountTransaction, PooledTransaction, TransactionValidator } from '@starling/mempool';
import { parseSierraClass } from '@starling/protocol';
import { hex, type NodeContext } from './context.js';
import { parseBroadcast } from './parse-broadcast.js';

/**
 * The gateway's stateful checks (execution's validate-only mode) on the pre-confirmed state (latest plus
 * pending): INVOKE runs its pre-validation and __validate__ only, so the sequencer's run is its one
 * execution; DECLARE and DEPLOY_ACCOUNT run whole on a throwaway layer. An INVOKE with nonce 1 whose
 * DEPLOY_ACCOUNT is still pending skips __validate__, as the gateway does.
 */
export function executionValidator(c: NodeContext): TransactionValidator {
  return {
    validate(tx, ctx) {
      const pre = c.sequencer.preconfirmed;
      const state = pre?.state ?? c.chain.latestState();
      const block = pre?.context ?? c.sequencer.nextContext();
      const pendingNonce = (a: bigint) => {
        const base = c.db.getNonce(a);
        const next = c.gateway.pool.nextNonce(a, base);
        return next > base ? next : undefined;
      };
      validateTransaction(state, block, tx, {
        pendingNonce,
        transactionHash: ctx.hash,
        ...(tx.type === 'DECLARE' && ctx.contractClass !== undefined
          ? { contractClass: parseSierraClass(ctx.contractClass) }
          : {}),
      });
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
