// simulateTransactions / estimateFee views: effects are discarded, outputs match the spec schemas,
// and the estimate equals the fee actually charged when the transaction is then executed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ExecutionError,
  executeTransaction,
  feeEstimate,
  feeTokenBalance,
  STRK_FEE_TOKEN_ADDRESS,
  simulateTransactions,
  simulationResult,
} from '../../src/index.ts';
import { makeChain, pair, sel, signedInvoke } from '../helpers/chain.ts';
import { checkSchema } from '../helpers/spec-schemas.ts';

describe('simulation', () => {
  it('simulates a sequence without changing state; estimate == charged fee afterwards', async () => {
    const chain = await makeChain(2);
    const [a, b] = pair(chain);
    const t = { to: STRK_FEE_TOKEN_ADDRESS, selector: sel('transfer'), calldata: [b.address, 7n, 0n] };
    const txs = [signedInvoke(chain, a, [t], 0n), signedInvoke(chain, a, [t], 1n)];
    const before = feeTokenBalance(chain.state, STRK_FEE_TOKEN_ADDRESS, a.address);
    const sims = simulateTransactions(
      chain.state,
      chain.block,
      txs.map((tx) => ({ tx })),
    );
    assert.equal(sims.length, 2);
    assert.equal(chain.state.getNonceAt(a.address), 0n);
    assert.equal(feeTokenBalance(chain.state, STRK_FEE_TOKEN_ADDRESS, a.address), before);
    for (const s of sims) {
      const item = simulationResult(s, chain.block);
      assert.equal(checkSchema('TRANSACTION_TRACE', item.transaction_trace, 'trace'), null);
      assert.equal(checkSchema('FEE_ESTIMATE', item.fee_estimation), null);
    }
    const real = executeTransaction(chain.state, chain.block, txs[0] as (typeof txs)[0]);
    assert.equal(
      BigInt(feeEstimate(sims[0] as (typeof sims)[0], chain.block).overall_fee as string),
      real.actualFee,
    );
  });

  it('a rejected transaction aborts with TRANSACTION_EXECUTION_ERROR and its index', async () => {
    const chain = await makeChain(2);
    const [a, b] = pair(chain);
    const t = { to: STRK_FEE_TOKEN_ADDRESS, selector: sel('transfer'), calldata: [b.address, 7n, 0n] };
    assert.throws(
      () =>
        simulateTransactions(chain.state, chain.block, [
          { tx: signedInvoke(chain, a, [t], 0n) },
          { tx: signedInvoke(chain, a, [t], 5n) },
        ]),
      (e: unknown) =>
        e instanceof ExecutionError &&
        e.code === 'TRANSACTION_EXECUTION_ERROR' &&
        e.details?.transactionIndex === 1,
    );
    assert.equal(chain.state.depth, 1);
    assert.equal(chain.state.getNonceAt(a.address), 0n);
  });
});

describe('metrics hook', () => {
  it('reports executed and rejected transactions', async () => {
    const chain = await makeChain(2);
    const [a, b] = pair(chain);
    const seen: string[] = [];
    const metrics = {
      transactionExecuted: (i: { type: string }, s: number) => seen.push(`${i.type}:${s >= 0}`),
      transactionRejected: (code: string) => seen.push(code),
    };
    const t = { to: STRK_FEE_TOKEN_ADDRESS, selector: sel('transfer'), calldata: [b.address, 1n, 0n] };
    executeTransaction(chain.state, chain.block, signedInvoke(chain, a, [t], 0n), { metrics });
    assert.throws(() =>
      executeTransaction(chain.state, chain.block, signedInvoke(chain, a, [t], 0n), { metrics }),
    );
    assert.deepEqual(seen, ['INVOKE:true', 'INVALID_TRANSACTION_NONCE']);
  });
});
