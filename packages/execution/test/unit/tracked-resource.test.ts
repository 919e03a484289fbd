// Classes older than Sierra 1.7.0 are charged in Cairo steps: no Sierra gas, VM resources plus the
// OS resources of their syscalls instead (blockifier's CairoSteps tracking).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calculateCompiledClassHash, getVersionedConstants } from '@starling/protocol';
import { trackedResourceOf, vmResourcesL2Gas } from '../../src/index.ts';
import { testClass } from '../helpers/artifacts.ts';
import { sel } from '../helpers/chain.ts';
import { harness } from '../helpers/syscall-harness.ts';

const vc = getVersionedConstants('0.14.1');

describe('tracked resource', () => {
  it('is chosen by the Sierra version (1.7.0 and later: Sierra gas)', () => {
    const sierra = (v: bigint[]) => ({
      kind: 'SIERRA' as const,
      sierra: {
        sierraProgram: [...v, 0n],
        contractClassVersion: '0.1.0',
        entryPointsByType: { EXTERNAL: [], L1_HANDLER: [], CONSTRUCTOR: [] },
        abi: '',
      },
    });
    assert.equal(trackedResourceOf(sierra([1n, 7n, 0n]), '1.7.0'), 'SierraGas');
    assert.equal(trackedResourceOf(sierra([1n, 6n, 0n]), '1.7.0'), 'CairoSteps');
    assert.equal(trackedResourceOf({ kind: 'CAIRO0', definition: {} }, '1.7.0'), 'CairoSteps');
  });

  it('a Cairo-steps call consumes no Sierra gas and reports VM + syscall OS resources', async () => {
    const erc = await testClass('contracts_mock_fee_token');
    const h = harness();
    const old = { ...erc.sierra, sierraProgram: [1n, 6n, 0n, ...erc.sierra.sierraProgram.slice(3)] };
    h.state.declareClass(
      0x01dn,
      calculateCompiledClassHash(erc.casm),
      { kind: 'SIERRA', sierra: old },
      erc.casm,
    );
    h.state.setClassHashAt(0xabcn, 0x01dn);
    const r = h.call('LibraryCall', 10n ** 8n, [0x01dn, sel('total_supply'), ...h.array([])], 4);
    assert.equal(r[1], 0n);
    const c = h.handler.innerCalls[0];
    assert.equal(c?.trackedResource, 'CairoSteps');
    assert.equal(c?.gasConsumed, 0n);
    // Only the syscall's own cost was charged to the caller.
    assert.equal(r[0], 10n ** 8n - (89_160n - 10_000n));
    // total_supply does one storage_read: its OS resources (execute_syscalls.StorageRead) are included.
    const sr = vc.osResources.executeSyscalls.StorageRead?.constant.nSteps ?? 0;
    assert.ok((c?.resources.n_steps ?? 0) > sr);
    // VM resources are priced in L2 gas through L1 gas: 25/10000 L1 gas per step rounded up, ×40,000.
    const steps = (n: number) => ({ n_steps: n, n_memory_holes: 0, builtin_instance_counter: {} });
    assert.equal(vmResourcesL2Gas(vc, steps(4000), 0), 400_000n);
    assert.equal(vmResourcesL2Gas(vc, steps(1000), 0), 120_000n); // ceil(2.5) = 3 L1 gas
    // Segment arena instances count 10 steps each (blockifier total_n_steps): 1000 + 10·100 steps
    // = 5 L1 gas.
    assert.equal(
      vmResourcesL2Gas(vc, { ...steps(1000), builtin_instance_counter: { segment_arena: 100 } }, 0),
      200_000n,
    );
    // Reverted steps add to the steps: 1000 + 3000 = 4000 steps = 10 L1 gas.
    assert.equal(vmResourcesL2Gas(vc, steps(1000), 3000), 400_000n);
    // The heaviest resource wins: 100 pedersen = 8 L1 gas > 1000 steps = 3 L1 gas.
    assert.equal(
      vmResourcesL2Gas(vc, { ...steps(1000), builtin_instance_counter: { pedersen: 100 } }, 0),
      320_000n,
    );
  });
});

describe('calldata data availability (non-blob blocks)', () => {
  it('charges 551 L1 gas per DA word less the header and balance discounts', async () => {
    const { calldataDaGas } = await import('../../src/fee/gas-vector.ts');
    // 1 contract (2 words) + 2 storage updates (4 words): 6·551 − (1·(512 − 200) + (512 − 272)).
    const s = {
      nStorageUpdates: 2,
      nClassHashUpdates: 0,
      nCompiledClassHashUpdates: 0,
      nModifiedContracts: 1,
      nAllocatedKeys: 0,
    };
    assert.equal(calldataDaGas(s), 6n * 551n - 312n - 240n);
  });
});
