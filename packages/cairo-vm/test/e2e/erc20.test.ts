// Real Cairo 2.10.1 ERC20 class (hyperlane TestERC20, OpenZeppelin component) run through the VM
// with an in-test syscall host. Storage addresses, event keys and selectors come from starknet.js.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { decodeShortString } from '@starling/felt';
import { ec, hash } from 'starknet';
import {
  type CompiledClass,
  decodeMemory,
  decodeTrace,
  encodeMemory,
  encodeTrace,
  relocationTable,
  VmError,
} from '../../src/index.ts';
import { artifact } from '../helpers/artifacts.ts';
import { replay } from '../helpers/replay.ts';
import { call, TestHost } from '../helpers/test-host.ts';

const sel = (n: string): bigint => BigInt(hash.getSelectorFromName(n));
const varAddr = (name: string, ...keys: bigint[]): bigint => {
  let a = BigInt(hash.starknetKeccak(name));
  for (const k of keys) a = BigInt(ec.starkCurve.pedersen(a, k));
  return a;
};

const OWNER = 0xabcn;
const ALICE = 0xa11cen;
const BOB = 0xb0bn;

describe('TestERC20 (real compiled class)', () => {
  let cls: CompiledClass;
  let host: TestHost;

  before(async () => {
    cls = await artifact('contracts_TestERC20');
    host = new TestHost();
    host.caller = OWNER;
    const r = call(cls, host, sel('constructor'), [1000n, 0n, 18n], 'CONSTRUCTOR');
    assert.equal(r.failed, false);
  });

  it('constructor mints the supply to the caller at the OpenZeppelin storage addresses', () => {
    assert.equal(host.storage.get(varAddr('ERC20_total_supply')), 1000n);
    assert.equal(host.storage.get(varAddr('ERC20_balances', OWNER)), 1000n);
    assert.equal(host.storage.get(varAddr('ERC20_balances', OWNER) + 1n), 0n);
    const ev = host.events.at(-1);
    assert.deepEqual(ev?.keys, [sel('Transfer'), 0n, OWNER]);
    assert.deepEqual(ev?.data, [1000n, 0n]);
  });

  it('balance_of returns a u256', () => {
    const r = call(cls, host, sel('balance_of'), [OWNER]);
    assert.equal(r.failed, false);
    assert.deepEqual(r.retdata, [1000n, 0n]);
    assert.ok(r.resources.n_steps > 0);
    assert.ok((r.resources.builtin_instance_counter.pedersen ?? 0) >= 1);
  });

  it('transfer moves the balance and emits Transfer', () => {
    host.caller = OWNER;
    const r = call(cls, host, sel('transfer'), [ALICE, 300n, 0n]);
    assert.equal(r.failed, false);
    assert.deepEqual(r.retdata, [1n]);
    assert.equal(host.storage.get(varAddr('ERC20_balances', OWNER)), 700n);
    assert.equal(host.storage.get(varAddr('ERC20_balances', ALICE)), 300n);
    assert.deepEqual(host.events.at(-1)?.keys, [sel('Transfer'), OWNER, ALICE]);
    assert.ok(r.gasConsumed > 0n);
  });

  it('transfer beyond the balance panics with its panic data', () => {
    host.caller = ALICE;
    const r = call(cls, host, sel('transfer'), [BOB, 301n, 0n]);
    assert.equal(r.failed, true);
    assert.deepEqual(r.retdata.map(decodeShortString), ['ERC20: insufficient balance']);
  });

  it('approve then transfer_from spends the allowance', () => {
    host.caller = OWNER;
    let r = call(cls, host, sel('approve'), [BOB, 50n, 0n]);
    assert.deepEqual([r.failed, r.retdata], [false, [1n]]);
    assert.equal(host.storage.get(varAddr('ERC20_allowances', OWNER, BOB)), 50n);
    r = call(cls, host, sel('allowance'), [OWNER, BOB]);
    assert.deepEqual(r.retdata, [50n, 0n]);
    host.caller = BOB;
    r = call(cls, host, sel('transfer_from'), [OWNER, BOB, 20n, 0n]);
    assert.deepEqual([r.failed, r.retdata], [false, [1n]]);
    assert.equal(host.storage.get(varAddr('ERC20_allowances', OWNER, BOB)), 30n);
    assert.equal(host.storage.get(varAddr('ERC20_balances', BOB)), 20n);
    r = call(cls, host, sel('transfer_from'), [OWNER, BOB, 31n, 0n]);
    assert.equal(r.failed, true);
    assert.deepEqual(r.retdata.map(decodeShortString), ['ERC20: insufficient allowance']);
  });

  it('an unknown selector is ENTRY_POINT_NOT_FOUND', () => {
    assert.throws(
      () => call(cls, host, 123n, []),
      (e: unknown) => e instanceof VmError && e.code === 'ENTRY_POINT_NOT_FOUND',
    );
  });

  it('running out of gas inside the entry point panics with "Out of gas"', () => {
    host.caller = OWNER;
    const r = call(cls, host, sel('transfer'), [ALICE, 1n, 0n], 'EXTERNAL', { initialGas: 20_000n });
    assert.equal(r.failed, true);
    assert.deepEqual(r.retdata.map(decodeShortString), ['Out of gas']);
  });

  it('the step limit gives OUT_OF_STEPS, distinct from out of gas', () => {
    assert.throws(
      () => call(cls, host, sel('transfer'), [ALICE, 1n, 0n], 'EXTERNAL', { maxSteps: 50 }),
      (e: Error & { code?: string }) => e.code === 'OUT_OF_STEPS',
    );
  });
});

describe('TestERC20 transfer trace', () => {
  it('every step of the relocated trace follows the Cairo transition rules over the relocated memory', async () => {
    const cls = await artifact('contracts_TestERC20');
    const host = new TestHost();
    host.caller = OWNER;
    call(cls, host, sel('constructor'), [1000n, 0n, 18n], 'CONSTRUCTOR');
    const r = call(cls, host, sel('transfer'), [ALICE, 7n, 0n], 'EXTERNAL', { trace: true });
    assert.equal(r.failed, false);
    const vm = r.runner.vm;
    const table = relocationTable(vm.memory);
    const trace = decodeTrace(encodeTrace(vm, table));
    const mem = decodeMemory(encodeMemory(vm.memory, table));
    assert.equal(trace.length, r.resources.n_steps);
    for (let i = 0; i + 1 < trace.length; i++) {
      assert.deepEqual(
        replay(mem, trace[i] as { ap: number; fp: number; pc: number }),
        trace[i + 1],
        `step ${i}`,
      );
    }
    // The last step returns into the end segment.
    const last = replay(mem, trace.at(-1) as { ap: number; fp: number; pc: number });
    assert.equal(last.pc, table[r.runner.endPc.segment]);
  });
});
