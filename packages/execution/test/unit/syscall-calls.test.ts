// deploy, call_contract and library_call syscalls driven directly, running real ERC20 code.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { encodeShortString } from '@starling/felt';
import { calculateCompiledClassHash, getStorageVarAddress } from '@starling/protocol';
import { hash } from 'starknet';
import { ExecutionError } from '../../src/index.ts';
import { type TestClass, testClass } from '../helpers/artifacts.ts';
import { hex, sel } from '../helpers/chain.ts';
import { type Harness, harness } from '../helpers/syscall-harness.ts';

const FAILED = encodeShortString('ENTRYPOINT_FAILED');

describe('deploy / call_contract / library_call', () => {
  let erc: TestClass;
  let h: Harness;
  const classHash = 0xe4c20n;
  before(async () => {
    erc = await testClass('contracts_mock_fee_token');
    h = harness();
    h.state.declareClass(
      classHash,
      calculateCompiledClassHash(erc.casm),
      { kind: 'SIERRA', sierra: erc.sierra, casm: erc.casm },
      erc.casm,
    );
  });

  let token = 0n;
  it('deploy computes the address as starknet.js does and runs the constructor', () => {
    const ctor = [500n, 0n, 0x0a11cen];
    const r = h.call('Deploy', 10n ** 8n, [classHash, 9n, ...h.array(ctor), 0n], 5);
    assert.equal(r[1], 0n);
    token = r[2] as bigint;
    assert.equal(
      token,
      BigInt(hash.calculateContractAddressFromHash(9, hex(classHash), ctor.map(hex), hex(0xabcn))),
    );
    assert.equal(h.state.getClassHashAt(token), classHash);
    const ctorCall = h.handler.innerCalls.at(-1);
    assert.equal(ctorCall?.call.entryPointType, 'CONSTRUCTOR');
    assert.equal(ctorCall?.call.callerAddress, 0xabcn);
    // gas: deploy cost (147,120 + 4,850 per calldata felt − the pre-charged 10,000) + constructor gas
    assert.equal(r[0], 10n ** 8n - (147_120n + 3n * 4_850n - 10_000n) - (ctorCall?.gasConsumed ?? 0n));
  });

  it('deploying twice at the same address aborts', () => {
    assert.throws(
      () => h.call('Deploy', 10n ** 8n, [classHash, 9n, ...h.array([500n, 0n, 0x0a11cen]), 0n], 5),
      /unavailable for deployment/,
    );
  });

  it('a failing constructor reverts the deployment with ENTRYPOINT_FAILED', () => {
    const r = h.call('Deploy', 10n ** 8n, [classHash, 10n, ...h.array([500n, 0n, 0n]), 1n], 4);
    assert.equal(r[1], 1n);
    const data = h.felts(r[2], r[3]);
    assert.equal(data.at(-1), FAILED);
    const addr = BigInt(
      hash.calculateContractAddressFromHash(10, hex(classHash), ['0x1f4', '0x0', '0x0'], 0),
    );
    assert.equal(h.state.getClassHashAt(addr), 0n);
  });

  it('call_contract runs the callee with the caller as caller_address and returns its retdata', () => {
    const r = h.call('CallContract', 10n ** 8n, [token, sel('balance_of'), ...h.array([0x0a11cen])], 4);
    assert.equal(r[1], 0n);
    assert.deepEqual(h.felts(r[2], r[3]), [500n, 0n]);
    const c = h.handler.innerCalls.at(-1);
    assert.equal(c?.call.callerAddress, 0xabcn);
    assert.equal(c?.call.callType, 'CALL');
  });

  it('library_call runs the class code on the caller storage', () => {
    h.state.setClassHashAt(0xabcn, 0x1234n); // the caller must itself be deployed
    h.state.setStorageAt(0xabcn, getStorageVarAddress('ERC20_total_supply'), 55n);
    const r = h.call('LibraryCall', 10n ** 8n, [classHash, sel('total_supply'), ...h.array([])], 4);
    assert.deepEqual(h.felts(r[2], r[3]), [55n, 0n]);
    assert.equal(h.handler.innerCalls.at(-1)?.call.callType, 'DELEGATE');
  });

  it('a missing entry point fails softly; the call depth limit aborts', () => {
    const r = h.call('CallContract', 10n ** 8n, [token, sel('nope'), ...h.array([])], 4);
    assert.deepEqual(h.felts(r[2], r[3]), [encodeShortString('ENTRYPOINT_NOT_FOUND'), FAILED]);
    h.ctx.depth = 50;
    assert.throws(
      () => h.call('CallContract', 10n ** 8n, [token, sel('total_supply'), ...h.array([])], 4),
      (e: unknown) => e instanceof ExecutionError && e.code === 'MAX_CALL_DEPTH_EXCEEDED',
    );
    h.ctx.depth = 0;
  });

  it('validate mode forbids calls to other contracts and deploys', () => {
    const v = harness({ mode: 'validate' });
    assert.throws(
      () => v.call('CallContract', 10n ** 8n, [token, sel('x'), ...v.array([])]),
      /Unauthorized syscall call_contract/,
    );
    assert.throws(
      () => v.call('Deploy', 10n ** 8n, [classHash, 1n, ...v.array([]), 0n]),
      /Unauthorized syscall deploy/,
    );
  });
});
