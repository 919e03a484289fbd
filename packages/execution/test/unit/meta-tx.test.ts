// meta_tx_v0: runs an account's __execute__ under a v0 transaction info (its own hash and
// signature), then restores the outer transaction info.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeShortString } from '@starling/felt';
import { calculateCompiledClassHash } from '@starling/protocol';
import { testClass } from '../helpers/artifacts.ts';
import { ACCOUNT, sel } from '../helpers/chain.ts';
import { harness } from '../helpers/syscall-harness.ts';

describe('meta_tx_v0', () => {
  it('runs __execute__ under a version-0 tx info, then restores the outer tx info', async () => {
    const acc = await testClass(ACCOUNT);
    const h = harness({ tx: { version: 3n, transactionHash: 0x3333n, signature: [1n] } });
    h.state.declareClass(
      0xacc1n,
      calculateCompiledClassHash(acc.casm),
      { kind: 'SIERRA', sierra: acc.sierra, casm: acc.casm },
      acc.casm,
    );
    h.state.setClassHashAt(0xacc0n, 0xacc1n);
    const calldata = [0n]; // no calls
    const r = h.call(
      'MetaTxV0',
      10n ** 8n,
      [0xacc0n, sel('__execute__'), ...h.array(calldata), ...h.array([7n, 8n])],
      4,
    );
    // The OpenZeppelin account refuses version 0: proof that it saw the meta transaction's info.
    assert.equal(r[1], 1n);
    assert.deepEqual(h.felts(r[2], r[3]), [
      encodeShortString('Account: invalid tx version'),
      encodeShortString('ENTRYPOINT_FAILED'),
    ]);
    const inner = h.handler.innerCalls[0];
    assert.equal(inner?.call.callerAddress, 0n);
    assert.ok(inner?.syscalls.some((x) => x.selector === 'GetExecutionInfo'));
    assert.equal(h.ctx.tx.transactionHash, 0x3333n);
    assert.deepEqual(h.ctx.tx.signature, [1n]);
  });

  it('only __execute__ may be called, and never in validate mode', () => {
    const h = harness();
    const r = h.call('MetaTxV0', 10n ** 8n, [0xacc0n, sel('transfer'), ...h.array([]), ...h.array([])], 4);
    assert.deepEqual(h.felts(r[2], r[3]), [encodeShortString('Invalid argument')]);
    const v = harness({ mode: 'validate' });
    assert.throws(
      () => v.call('MetaTxV0', 10n ** 8n, [0xacc0n, sel('__execute__'), ...v.array([]), ...v.array([])]),
      /meta_tx_v0/,
    );
  });
});
