import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  getSelectorFromName,
  getVersionedConstants,
  ProtocolError,
  readVersionedConstants,
  VERSIONED_CONSTANTS_VERSIONS,
  versionedConstantsFor,
} from '@starling/protocol';
import { vectorsDir } from '../helpers/vectors.ts';

const file = (v: string) => `blockifier_versioned_constants_${v.replaceAll('.', '_')}.json`;

describe('versioned constants: every shipped file', () => {
  for (const v of VERSIONED_CONSTANTS_VERSIONS) {
    it(v, () => {
      const vc = getVersionedConstants(v);
      // The shipped data file is the official one, byte for byte.
      const official = readFileSync(join(vectorsDir, 'sequencer', 'versioned_constants', file(v)), 'utf8');
      assert.deepEqual(vc.raw, JSON.parse(official));
      assert.equal(vc.version, v);
      assert.equal(vc.os.constructorEntryPointSelector, getSelectorFromName('constructor'));
      assert.equal(vc.os.executeEntryPointSelector, getSelectorFromName('__execute__'));
      assert.equal(vc.os.validateEntryPointSelector, getSelectorFromName('__validate__'));
      assert.equal(vc.os.transferEntryPointSelector, getSelectorFromName('transfer'));
      assert.equal(vc.os.storedBlockHashBuffer, 10);
      assert.equal(vc.os.blockHashContractAddress, 1n);
      assert.equal(vc.os.aliasContractAddress, 2n);
      assert.equal(vc.os.syscallBaseGasCost, 100 * vc.os.stepGasCost);
      assert.ok(Object.keys(vc.osResources.executeSyscalls).includes('CallContract'));
      assert.ok(vc.osResources.executeTxsInner.InvokeFunction);
    });
  }
});

describe('versioned constants: values stated in the protocol reference (§4.3, §8.5, §11)', () => {
  it('0.14.1', () => {
    const vc = getVersionedConstants('0.14.1');
    assert.equal(vc.os.executeMaxSierraGas, 1_000_000_000);
    assert.equal(vc.os.validateMaxSierraGas, 100_000_000);
    assert.equal(vc.os.builtinGasCosts.pedersen, 4050);
    assert.equal(vc.os.builtinGasCosts.poseidon, 491);
    assert.equal(vc.os.builtinGasCosts.blake, 0);
    assert.equal(vc.os.stepGasCost, 100);
    assert.equal(vc.os.memoryHoleGasCost, 10);
    assert.deepEqual(vc.os.l1HandlerMaxAmountBounds, { l1Gas: 40000, l1DataGas: 20000, l2Gas: 100_000_000 });
    assert.equal(vc.flags.enableCasmHashMigration, true);
    assert.equal(vc.flags.blockCasmHashV1Declares, true);
    assert.deepEqual(vc.archivalDataGasCosts.gasPerDataFelt, { numerator: 5120, denominator: 1 });
    assert.deepEqual(vc.txEventLimits, { maxDataLength: 300, maxKeysLength: 50, maxNEmittedEvents: 1000 });
    const invoke = vc.osResources.executeTxsInner.InvokeFunction!;
    assert.equal(invoke.calldataScalingFactor, 2);
    assert.equal(invoke.calldataFactor.nSteps, 11);
  });
  it('0.14.2 and 0.14.3 deltas', () => {
    const v2 = getVersionedConstants('0.14.2');
    assert.equal(v2.os.builtinGasCosts.blake, 3334);
    assert.equal(v2.os.executeMaxSierraGas, 1_100_000_000);
    assert.equal(v2.flags.enableCasmHashMigration, false);
    const v3 = getVersionedConstants('0.14.3');
    assert.equal(v3.os.executeMaxSierraGas, 1_110_000_000);
    assert.equal(v3.flags.enableCasmHashMigration, true);
  });
  it('0.13.2 syscall gas formulas resolve', () => {
    const vc = getVersionedConstants('0.13.2');
    assert.ok(vc.os.syscallGasCosts);
    // CallContract = 510 steps · 100 + 1 · syscall base (100 steps · 100).
    assert.equal(vc.os.syscallGasCosts.CallContract, 510 * 100 + 10_000);
    assert.equal(vc.osResources.executeTxsInner.InvokeFunction!.calldataFactor.nSteps >= 0, true);
  });
  it('version lookup', () => {
    assert.equal(getVersionedConstants('0.13.2.1').version, '0.13.2');
    assert.equal(versionedConstantsFor('0.14.9').version, '0.14.4');
    assert.equal(versionedConstantsFor('0.13.3.5').version, '0.13.3');
    assert.throws(
      () => getVersionedConstants('0.12.0'),
      (e) => e instanceof ProtocolError && e.code === 'UNKNOWN_VERSIONED_CONSTANTS',
    );
    assert.throws(() => getVersionedConstants('latest'), ProtocolError);
    assert.throws(() => versionedConstantsFor('0.13.1'), ProtocolError);
  });
  it('malformed constants give a typed error', () => {
    const raw = JSON.parse(
      readFileSync(join(vectorsDir, 'sequencer', 'versioned_constants', file('0.14.1')), 'utf8'),
    ) as Record<string, unknown>;
    const isBad = (e: unknown) => e instanceof ProtocolError && e.code === 'INVALID_VERSIONED_CONSTANTS';
    assert.throws(() => readVersionedConstants('x', { ...raw, max_recursion_depth: '50' }), isBad);
    assert.throws(() => readVersionedConstants('x', { ...raw, os_constants: undefined }), isBad);
    assert.throws(
      () => readVersionedConstants('x', { ...raw, vm_resource_fee_cost: { n_steps: [1, 0], builtins: {} } }),
      isBad,
    );
    assert.throws(() => readVersionedConstants('x', []), isBad);
  });
});
