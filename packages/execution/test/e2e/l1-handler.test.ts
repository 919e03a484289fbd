// L1_HANDLER: hash from starknet.js; a handler that fails is included as REVERTED (0.14), with
// the L1 message gas charged by hand-computed formula, in wei.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { L1Handler } from '@starling/protocol';
import { hash } from 'starknet';
import {
  executeTransaction,
  messagesL1Gas,
  rpcReceipt,
  STRK_FEE_TOKEN_ADDRESS,
  transactionTrace,
} from '../../src/index.ts';
import { hex, makeChain, sel } from '../helpers/chain.ts';
import { checkSchema } from '../helpers/spec-schemas.ts';

describe('L1_HANDLER', () => {
  it('a missing handler reverts with ENTRYPOINT_NOT_FOUND; hash, message gas and schemas check', async () => {
    const chain = await makeChain(1);
    const from = 0xbeefn;
    const payload = [1n, 2n, 3n];
    const tx: L1Handler = {
      type: 'L1_HANDLER',
      version: 0,
      contractAddress: STRK_FEE_TOKEN_ADDRESS,
      entryPointSelector: sel('deposit'),
      calldata: [from, ...payload],
      nonce: 9n,
    };
    const r = executeTransaction(chain.state, chain.block, tx);
    const jsHash = hash.calculateL2MessageTxHash(
      hex(from),
      hex(STRK_FEE_TOKEN_ADDRESS),
      hex(sel('deposit')),
      payload.map(hex),
      hex(chain.block.chainId) as never,
      9,
    );
    assert.equal(r.transactionHash, BigInt(jsHash));
    assert.match(r.revertReason ?? '', /ENTRYPOINT_NOT_FOUND/);
    // Consumed L1→L2 message: segment 5 + payload felts at 512 + 612 gas, counter decrease 5000,
    // ConsumedMessageToL2 log: 375 + 4·375 + (3 + payload)·256.
    const seg = BigInt(5 + payload.length);
    const expected =
      seg * 512n + 5000n + 375n + 4n * 375n + (3n + BigInt(payload.length)) * 256n + seg * 612n;
    assert.equal(messagesL1Gas([], payload.length), expected);
    assert.equal(r.gas.l1Gas, expected);
    const receipt = rpcReceipt(r);
    assert.deepEqual(receipt.actual_fee, { amount: hex(r.actualFee), unit: 'WEI' });
    assert.equal(receipt.execution_status, 'REVERTED');
    // A reverted handler still consumed its message: the receipt names it as starknet.js hashes it.
    const msgHash = hash.getL2MessageHash(
      hex(from),
      hex(STRK_FEE_TOKEN_ADDRESS),
      hex(sel('deposit')),
      payload.map(hex),
      9,
    );
    assert.equal(receipt.message_hash, hex(BigInt(msgHash)));
    assert.equal(checkSchema('L1_HANDLER_TXN_RECEIPT', receipt), null);
    assert.equal(checkSchema('TRANSACTION_TRACE', transactionTrace(r), 'trace'), null);
  });

  it('L2→L1 message gas follows the per-message formula', () => {
    // Per message: (3 + n)·(512 + 612) + 20000 + LogMessageToL1 (375 + 3·375 + (2 + n)·256).
    for (const n of [0, 1, 5]) {
      const N = BigInt(n);
      assert.equal(messagesL1Gas([n], undefined), (3n + N) * 1124n + 20000n + 375n + 1125n + (2n + N) * 256n);
    }
  });
});
