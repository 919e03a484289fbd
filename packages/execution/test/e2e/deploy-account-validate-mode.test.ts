// A DEPLOY_ACCOUNT constructor runs in validation mode (blockifier: execute_validate_deploy path), so
// the validation-mode syscall rules apply to it: the block number and timestamp it reads are rounded
// down, the sequencer address reads 0, and calling another contract is refused.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { calculateClassHash, calculateCompiledClassHash, type DeployAccountV3 } from '@starling/protocol';
import { hash } from 'starknet';
import { vectorsDir } from '../../../../scripts/shared-paths.ts';
import {
  compileSierraClass,
  ExecutionError,
  executeTransaction,
  feeTokenBalance,
  STRK_FEE_TOKEN_ADDRESS,
} from '../../src/index.ts';
import { sierraFixture } from '../helpers/artifacts.ts';
import { type Chain, deployAccountTx, hex, makeChain, pair, sel, signedInvoke } from '../helpers/chain.ts';

// Upstream versioned constants 0.14.1, read raw (not through our parser).
const OS = (
  JSON.parse(
    readFileSync(
      `${vectorsDir}/sequencer/versioned_constants/blockifier_versioned_constants_0_14_1.json`,
      'utf8',
    ),
  ) as { os_constants: { validate_rounding_consts: Record<string, number> } }
).os_constants.validate_rounding_consts;

const STRK = STRK_FEE_TOKEN_ADDRESS;
const storageVar = (name: string) => BigInt(hash.getSelectorFromName(name));

describe('DEPLOY_ACCOUNT: the constructor runs under the validation-mode syscall rules', () => {
  let chain: Chain;
  let classHash: bigint;
  const forwarder = 0xf02a2dn;
  before(async () => {
    // Block 1234 at a timestamp that is not a multiple of the rounding.
    chain = await makeChain(2, { blockNumber: 1234n, timestamp: 1_700_000_000n });
    for (const [name, at] of [
      ['validating_account', undefined],
      ['forwarder', forwarder],
    ] as const) {
      const { sierra } = sierraFixture(name);
      const casm = compileSierraClass(sierra);
      const h = calculateClassHash(sierra);
      chain.state.declareClass(h, calculateCompiledClassHash(casm), { kind: 'SIERRA', sierra }, casm);
      if (at === undefined) classHash = h;
      else chain.state.setClassHashAt(at, h);
    }
  });

  /** A funded DEPLOY_ACCOUNT of the validating account with `callOut` as constructor argument. */
  function deployment(
    salt: bigint,
    callOut: bigint,
    nonce: bigint,
  ): { tx: DeployAccountV3; address: bigint } {
    const address = BigInt(
      hash.calculateContractAddressFromHash(hex(salt), hex(classHash), [hex(callOut)], 0),
    );
    const [a] = pair(chain);
    const fund = signedInvoke(
      chain,
      a,
      [{ to: STRK, selector: sel('transfer'), calldata: [address, 10n ** 18n, 0n] }],
      nonce,
    );
    assert.equal(executeTransaction(chain.state, chain.block, fund).revertReason, undefined);
    const tx: DeployAccountV3 = deployAccountTx(classHash, salt, [callOut], []);
    return { tx, address };
  }

  it('sees the block number and timestamp rounded down and no sequencer', () => {
    const { tx, address } = deployment(0x51n, 0n, 0n);
    const r = executeTransaction(chain.state, chain.block, tx);
    assert.equal(r.revertReason, undefined);
    assert.equal(chain.state.getClassHashAt(address), classHash);
    const nr = BigInt(OS.validate_block_number_rounding ?? Number.NaN);
    const tr = BigInt(OS.validate_timestamp_rounding ?? Number.NaN);
    assert.equal(chain.state.getStorageAt(address, storageVar('seen_block')), (1234n / nr) * nr);
    assert.equal(chain.state.getStorageAt(address, storageVar('seen_time')), (1_700_000_000n / tr) * tr);
    assert.equal(chain.state.getStorageAt(address, storageVar('seen_sequencer')), 0n);
    // The rounding changed what it saw (the test would not notice a constructor run in execute mode otherwise).
    assert.notEqual((1234n / nr) * nr, 1234n);
    assert.notEqual(chain.block.sequencerAddress, 0n);
  });

  it('may not call another contract: the deployment is rejected and changes nothing', () => {
    const { tx, address } = deployment(0x52n, forwarder, 1n);
    const balance = feeTokenBalance(chain.state, STRK, address);
    assert.throws(
      () => executeTransaction(chain.state, chain.block, tx),
      (e: unknown) =>
        e instanceof ExecutionError &&
        e.code === 'VALIDATION_FAILURE' &&
        /Unauthorized syscall call_contract in execution mode Validate/.test(e.message),
    );
    assert.equal(chain.state.getClassHashAt(address), 0n);
    assert.equal(feeTokenBalance(chain.state, STRK, address), balance);
  });
});
