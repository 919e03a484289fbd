// OpenZeppelin account (hyperlane MockAccount, Cairo 2.10.1): __validate__ verifies a real
// STARK-curve signature made by starknet.js, through the ec_op builtin and the EC hints.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { decodeShortString, encodeShortString } from '@starling/felt';
import { ec, hash } from 'starknet';
import type { CompiledClass } from '../../src/index.ts';
import { artifact } from '../helpers/artifacts.ts';
import { call, TestHost } from '../helpers/test-host.ts';

const sel = (n: string): bigint => BigInt(hash.getSelectorFromName(n));
const PRIV = 0x1234567890abcdef1234567890abcdefn;
const toHex = (v: bigint): string => `0x${v.toString(16)}`;

describe('MockAccount __validate__ (real compiled class)', () => {
  let cls: CompiledClass;
  let host: TestHost;
  const pub = BigInt(ec.starkCurve.getStarkKey(toHex(PRIV)));
  const txHash = 0x5a1ed7e57n;
  const calls = [1n, 0x1234n, sel('transfer'), 3n, 0xb0bn, 5n, 0n];

  before(async () => {
    cls = await artifact('contracts_MockAccount');
    host = new TestHost();
    host.contract = 0xacc0n;
    const r = call(cls, host, sel('constructor'), [pub], 'CONSTRUCTOR');
    assert.equal(r.failed, false);
    const got = call(cls, host, sel('get_public_key'), []);
    assert.deepEqual(got.retdata, [pub]);
  });

  it('accepts a valid signature (returns VALID)', () => {
    const sig = ec.starkCurve.sign(toHex(txHash), toHex(PRIV));
    host.tx = { ...host.tx, hash: txHash, signature: [sig.r, sig.s], account: host.contract };
    host.caller = 0n;
    const r = call(cls, host, sel('__validate__'), calls);
    assert.equal(r.failed, false, r.retdata.map(decodeShortString).join());
    assert.deepEqual(r.retdata, [encodeShortString('VALID')]);
    assert.ok((r.resources.builtin_instance_counter.ec_op ?? 0) > 0);
  });

  it('rejects a signature of another hash with the account panic message', () => {
    const sig = ec.starkCurve.sign(toHex(txHash + 1n), toHex(PRIV));
    host.tx = { ...host.tx, hash: txHash, signature: [sig.r, sig.s] };
    const r = call(cls, host, sel('__validate__'), calls);
    assert.equal(r.failed, true);
    assert.deepEqual(r.retdata.map(decodeShortString), ['Account: invalid signature']);
  });

  it('is_valid_signature agrees with starknet.js verify', () => {
    const sig = ec.starkCurve.sign(toHex(77n), toHex(PRIV));
    const ok = call(cls, host, sel('is_valid_signature'), [77n, 2n, sig.r, sig.s]);
    assert.deepEqual(ok.retdata, [encodeShortString('VALID')]);
    const bad = call(cls, host, sel('is_valid_signature'), [78n, 2n, sig.r, sig.s]);
    assert.deepEqual(bad.retdata, [0n]);
    assert.equal(ec.starkCurve.verify(sig, toHex(78n), toHex(pub)), false);
  });
});
