// Reverted execution in Cairo-steps frames is charged its VM steps (blockifier 0.14.1: run_revertible
// charges n_reverted_steps = allotted − remaining execution steps, and only frames tracked in Cairo
// steps draw on that budget), next to the reverted Sierra gas of Sierra-gas frames.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import {
  calculateClassHash,
  calculateCompiledClassHash,
  parseSierraClass,
  type SierraClass,
} from '@starling/protocol';
import { vectorsDir } from '../../../../scripts/shared-paths.ts';
import { compileSierraClass, executeTransaction, STRK_FEE_TOKEN_ADDRESS } from '../../src/index.ts';
import type { CallInfo, TransactionExecutionInfo } from '../../src/types.ts';
import { sierraFixture } from '../helpers/artifacts.ts';
import { BOUNDS, type Chain, makeChain, pair, sel, signedInvoke } from '../helpers/chain.ts';

// Upstream versioned constants 0.14.1, read raw (not through our parser).
const VC = JSON.parse(
  readFileSync(
    `${vectorsDir}/sequencer/versioned_constants/blockifier_versioned_constants_0_14_1.json`,
    'utf8',
  ),
) as {
  min_sierra_version_for_sierra_gas: string;
  vm_resource_fee_cost: { n_steps: [number, number] };
  os_constants: { step_gas_cost: number };
  os_resources: { execute_syscalls: Record<string, { n_steps: number }> };
};

// A real Argent account class of Sierra 1.4.0 (older compiler), from starknet_api's test resources.
const argentSierra = (): SierraClass =>
  parseSierraClass(JSON.parse(readFileSync(`${vectorsDir}/sequencer/starknet_api/class.json`, 'utf8')));
const ANY_CALLER = 0x414e595f43414c4c4552n; // 'ANY_CALLER'

/**
 * L2 gas of a reverted INVOKE from the Sierra-gas MockAccount, by hand (DA segment: the sender's
 * nonce and balance, 4 felts; signature 2 felts; no events survive):
 *   Sierra gas: validate + the reverted Sierra gas of __execute__;
 *   VM: OS steps of InvokeFunction (4348 + ⌈11·calldata/2⌉) + KZG (113 per DA felt + Poseidon of
 *       the segment: 21 + 2·18 for 4 felts) + the reverted steps, at 25/10000 L1 gas per step
 *       rounded up, against the builtins (range checks 90 + 17·4 at 4/100, Poseidon
 *       12 + ⌈calldata/2⌉ + 3 at 8/100, Pedersen 4 at 8/100), the largest wins; one L1 gas is
 *       step_gas_cost (100) / (25/10000) = 40,000 L2 gas;
 *   archival data: 5120 per calldata and signature felt.
 */
function handL2Gas(r: TransactionExecutionInfo, calldataLen: number, revertedSteps: number): bigint {
  const [num, den] = VC.vm_resource_fee_cost.n_steps;
  const steps = 4348 + Math.ceil((11 * calldataLen) / 2) + 113 * 4 + 21 + 2 * 18 + revertedSteps;
  const l1 = Math.max(
    Math.ceil((steps * num) / den),
    Math.ceil(((90 + 17 * 4) * 4) / 100),
    Math.ceil(((12 + Math.ceil(calldataLen / 2) + 3) * 8) / 100),
    Math.ceil((4 * 8) / 100),
  );
  const l2PerL1 = (VC.os_constants.step_gas_cost * den) / num;
  return (
    (r.validateCallInfo?.gasConsumed ?? 0n) +
    (r.executeCallInfo?.gasConsumed ?? 0n) +
    BigInt(l1 * l2PerL1) +
    5120n * BigInt(calldataLen + 2)
  );
}

/** VM steps the frame itself ran: its resources less the OS steps of its syscalls (no inner calls). */
function vmSteps(c: CallInfo): number {
  assert.equal(c.innerCalls.length, 0);
  let os = 0;
  for (const s of c.syscalls) {
    const p = VC.os_resources.execute_syscalls[s.selector];
    assert.ok(p !== undefined, s.selector);
    os += p.n_steps;
  }
  return c.resources.n_steps - os;
}

/** VM steps a frame ran itself: its resources less its syscalls' OS steps and its inner calls. */
function ownSteps(c: CallInfo): number {
  let steps = c.resources.n_steps;
  for (const s of c.syscalls) steps -= VC.os_resources.execute_syscalls[s.selector]?.n_steps ?? Number.NaN;
  for (const inner of c.innerCalls) steps -= inner.resources.n_steps;
  return steps;
}

describe('INVOKE v3 revert: reverted Cairo steps are charged', () => {
  let chain: Chain;
  const argent = 0xa26e7n;
  const forwarder = 0xf02a2dn;
  before(async () => {
    chain = await makeChain(2);
    for (const [address, sierra] of [
      [argent, argentSierra()],
      [forwarder, sierraFixture('forwarder').sierra],
    ] as const) {
      const casm = compileSierraClass(sierra);
      const h = calculateClassHash(sierra);
      chain.state.declareClass(h, calculateCompiledClassHash(casm), { kind: 'SIERRA', sierra }, casm);
      chain.state.setClassHashAt(address, h);
    }
  });

  it('a Sierra 1.4 class (Cairo steps) that panics after hashing: its VM steps join the fee', () => {
    assert.equal(VC.min_sierra_version_for_sierra_gas, '1.7.0');
    const [a] = pair(chain);
    // execute_from_outside(OutsideExecution{ANY_CALLER, nonce 7, after 0, before 10^12, calls []},
    // signature [123, 456]): checks time and nonce, hashes the message (Pedersen), then rejects the
    // owner signature.
    const call = {
      to: argent,
      selector: sel('execute_from_outside'),
      calldata: [ANY_CALLER, 7n, 0n, 10n ** 12n, 0n, 2n, 123n, 456n],
    };
    const tx = signedInvoke(chain, a, [call], 0n);
    const r = executeTransaction(chain.state, chain.block, tx);
    assert.match(r.revertReason ?? '', /argent\/invalid-owner-sig/);
    const top = r.executeCallInfo as CallInfo;
    const inner = top.innerCalls[0] as CallInfo;
    assert.equal(top.trackedResource, 'SierraGas');
    assert.equal(inner.trackedResource, 'CairoSteps');
    assert.equal(inner.failed, true);
    assert.equal(inner.gasConsumed, 0n);
    assert.ok((inner.resources.builtin_instance_counter.pedersen ?? 0) > 0, 'it did hash before failing');
    // n_reverted_steps: the VM steps of the Cairo-steps frame only (the account's own frame is
    // charged in Sierra gas, included in its gasConsumed); syscall OS steps and builtins are not
    // part of the reverted steps.
    const reverted = vmSteps(inner);
    assert.ok(reverted > 500);
    assert.deepEqual(r.gas, {
      l1Gas: 0n,
      l1DataGas: 32n * 4n,
      l2Gas: handL2Gas(r, tx.calldata.length, reverted),
    });
    // Without the reverted steps, the charge would be lower.
    assert.ok(r.gas.l2Gas > handL2Gas(r, tx.calldata.length, 0));
    const p = chain.block.gasPrices;
    assert.equal(r.actualFee, r.gas.l1DataGas * p.l1DataGas.priceInFri + r.gas.l2Gas * p.l2Gas.priceInFri);
  });

  it('a post-execution failure charges the Cairo steps that __execute__ ran', () => {
    const [a] = pair(chain);
    // get_outside_execution_message_hash: succeeds after Pedersen hashing (Cairo-steps frame).
    const call = {
      to: argent,
      selector: sel('get_outside_execution_message_hash'),
      calldata: [ANY_CALLER, 7n, 0n, 10n ** 12n, 0n],
    };
    const ok = executeTransaction(chain.state, chain.block, signedInvoke(chain, a, [call], 1n));
    assert.equal(ok.revertReason, undefined);
    const ran = vmSteps(ok.executeCallInfo?.innerCalls[0] as CallInfo);
    assert.ok(ran > 100);
    // Same call with an L2 bound one below what it needs: execution completes, the bound check
    // fails, execution is reverted and charged as reverted work (its Cairo steps, not its builtins
    // or memory holes).
    const l2Gas = { maxAmount: ok.gas.l2Gas - 1n, maxPricePerUnit: BOUNDS.l2Gas.maxPricePerUnit };
    const tx = signedInvoke(chain, a, [call], 2n, { resourceBounds: { ...BOUNDS, l2Gas } });
    const r = executeTransaction(chain.state, chain.block, tx);
    assert.match(r.revertReason ?? '', /^Insufficient max L2Gas/);
    assert.deepEqual(r.gas, { l1Gas: 0n, l1DataGas: 32n * 4n, l2Gas: handL2Gas(r, tx.calldata.length, ran) });
  });

  it('running out of the allotted steps reverts and charges the whole allotment', () => {
    const [a] = pair(chain);
    const call = {
      to: argent,
      selector: sel('execute_from_outside'),
      calldata: [ANY_CALLER, 7n, 0n, 10n ** 12n, 0n, 2n, 123n, 456n],
    };
    // Allotment (blockifier max_steps for execution): L2 bound / step_gas_cost, less the validate
    // call's steps (0: the account is Sierra-gas) and the InvokeFunction OS steps
    // (4348 + ⌈11·12/2⌉ for 12 calldata felts): 5300 − 4414 = 886 steps, fewer than the ~990 the
    // Argent frame needs (first test), so it stops short of its signature check.
    const l2Gas = { maxAmount: 530_000n, maxPricePerUnit: BOUNDS.l2Gas.maxPricePerUnit };
    const tx = signedInvoke(chain, a, [call], 3n, { resourceBounds: { ...BOUNDS, l2Gas } });
    assert.equal(tx.calldata.length, 12);
    const allotted = 530_000 / VC.os_constants.step_gas_cost - (4348 + Math.ceil((11 * 12) / 2));
    assert.equal(allotted, 886);
    const r = executeTransaction(chain.state, chain.block, tx);
    assert.doesNotMatch(r.revertReason ?? '', /invalid-owner-sig/);
    assert.match(r.revertReason ?? '', /step/i);
    // All 886 steps are charged on top of the OS steps (plus whatever Sierra gas the account's own
    // frame had used), so the charge is at least the hand formula with 886 reverted steps.
    // The VM error leaves no CallInfo: the account frame's Sierra gas is charged up to the last
    // syscall of a Sierra-gas frame (blockifier's revert tracker ignores Cairo-steps frames, whose
    // default initial gas would otherwise make the charge negative).
    assert.equal(r.executeCallInfo, undefined);
    const sierra = r.gas.l2Gas - handL2Gas(r, 12, allotted);
    assert.ok(sierra > 0n && sierra < l2Gas.maxAmount, String(sierra));
  });

  it('mirror: a Sierra-gas class that reverts is charged its Sierra gas and no steps', () => {
    const [a, b] = pair(chain);
    const call = {
      to: STRK_FEE_TOKEN_ADDRESS,
      selector: sel('transfer'),
      calldata: [b.address, 10n ** 30n, 0n],
    };
    const tx = signedInvoke(chain, a, [call], 4n);
    const r = executeTransaction(chain.state, chain.block, tx);
    assert.match(r.revertReason ?? '', /u256_sub Overflow|insufficient balance/);
    const inner = r.executeCallInfo?.innerCalls[0] as CallInfo;
    assert.equal(inner.trackedResource, 'SierraGas');
    assert.ok(inner.gasConsumed > 0n);
    assert.deepEqual(r.gas, { l1Gas: 0n, l1DataGas: 32n * 4n, l2Gas: handL2Gas(r, tx.calldata.length, 0) });
  });

  it('a Cairo-steps frame aborted by a failure outside Cairo is charged the steps it ran', () => {
    const [, b] = pair(chain);
    // hash_then_call(rounds, to, selector): `rounds` Pedersen hashes, then a call. The forwarder is
    // compiled by wasm-cairo (Sierra 1.6), so its frame is tracked in Cairo steps.
    const call = (rounds: bigint, to: bigint, selector: bigint) => ({
      to: forwarder,
      selector: sel('hash_then_call'),
      calldata: [rounds, to, selector],
    });
    const run = (rounds: bigint, to: bigint, selector: bigint, nonce: bigint) =>
      executeTransaction(
        chain.state,
        chain.block,
        signedInvoke(chain, b, [call(rounds, to, selector)], nonce),
      );
    // Finished frames give the steps of the hashing rounds: own steps with 400 rounds less with 0.
    const frame = (r: TransactionExecutionInfo) => r.executeCallInfo?.innerCalls[0] as CallInfo;
    const ok0 = run(0n, forwarder, sel('noop'), 0n);
    const ok400 = run(400n, forwarder, sel('noop'), 1n);
    assert.equal(ok0.revertReason, undefined);
    assert.equal(frame(ok0).trackedResource, 'CairoSteps');
    const hashingSteps = ownSteps(frame(ok400)) - ownSteps(frame(ok0));
    assert.ok(hashingSteps > 4000, String(hashingSteps));
    // The same calls to an undeployed address abort the forwarder's frame after its hashing: a
    // failure the contract cannot catch, so __execute__ reverts with no CallInfo.
    const undeployed = 0x7e57dead5n;
    const bad0 = run(0n, undeployed, sel('noop'), 2n);
    const bad400 = run(400n, undeployed, sel('noop'), 3n);
    for (const r of [bad0, bad400]) {
      assert.match(r.revertReason ?? '', /is not deployed/);
      assert.equal(r.executeCallInfo, undefined);
    }
    // The aborted frames' steps are reverted steps: the two charges differ by the hashing steps at
    // step_gas_cost L2 gas each, give or take one rounding quantum of the VM-resource L1 gas.
    const [num, den] = VC.vm_resource_fee_cost.n_steps;
    const quantum = BigInt((VC.os_constants.step_gas_cost * den) / num);
    const expected = BigInt(hashingSteps * VC.os_constants.step_gas_cost);
    const diff = bad400.gas.l2Gas - bad0.gas.l2Gas;
    assert.ok(diff >= expected - quantum && diff <= expected + quantum, `${diff} vs ${expected}`);
    assert.equal(bad400.gas.l1DataGas, bad0.gas.l1DataGas);
  });
});
