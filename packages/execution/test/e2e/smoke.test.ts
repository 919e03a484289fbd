import assert from 'node:assert/strict';
import { it } from 'node:test';
import { executeTransaction, feeTokenBalance, STRK_FEE_TOKEN_ADDRESS } from '../../src/index.ts';
import { makeChain, sel, signedInvoke } from '../helpers/chain.ts';

it('smoke: transfer', async () => {
  const chain = await makeChain(2);
  const [a, b] = chain.genesis.accounts;
  assert.ok(a && b);
  console.log(feeTokenBalance(chain.state, STRK_FEE_TOKEN_ADDRESS, a.address));
  const tx = signedInvoke(
    chain,
    a,
    [{ to: STRK_FEE_TOKEN_ADDRESS, selector: sel('transfer'), calldata: [b.address, 1000n, 0n] }],
    0n,
  );
  const r = executeTransaction(chain.state, chain.block, tx);
  console.log(r.revertReason, r.actualFee, r.gas);
  console.log(feeTokenBalance(chain.state, STRK_FEE_TOKEN_ADDRESS, b.address));
});
