// Genesis (accounts checked against starknet.js) and call-level semantics on real classes:
// failed inner calls, undeployed contracts, replace_class, read-only calls, the UDC.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ec, hash } from 'starknet';
import {
  callContract,
  ExecutionError,
  executeTransaction,
  STRK_FEE_TOKEN_ADDRESS,
  UDC_ADDRESS,
  udcGenesisClass,
} from '../../src/index.ts';
import { testClass } from '../helpers/artifacts.ts';
import { ACCOUNT, type Chain, ERC20, hex, makeChain, pair, sel, signedInvoke } from '../helpers/chain.ts';

const STRK = STRK_FEE_TOKEN_ADDRESS;

describe('genesis', () => {
  let chain: Chain;
  before(async () => {
    chain = await makeChain(3);
  });

  it('derives accounts whose keys and addresses agree with starknet.js', () => {
    for (const a of chain.genesis.accounts) {
      assert.equal(a.publicKey, BigInt(ec.starkCurve.getStarkKey(hex(a.privateKey))));
      const addr = hash.calculateContractAddressFromHash(
        20,
        hex(chain.genesis.classHashes.account),
        [hex(a.publicKey)],
        0,
      );
      assert.equal(a.address, BigInt(addr));
      assert.equal(chain.state.getClassHashAt(a.address), chain.genesis.classHashes.account);
    }
    assert.equal(new Set(chain.genesis.accounts.map((a) => a.privateKey)).size, 3);
  });

  it('funds every account in STRK at the mainnet address (read through the ERC20 itself)', () => {
    assert.equal(chain.state.getClassHashAt(STRK), chain.genesis.classHashes.feeToken);
    for (const a of chain.genesis.accounts) {
      const r = callContract(chain.state, chain.block, {
        contractAddress: STRK,
        selector: sel('balance_of'),
        calldata: [a.address],
      });
      assert.deepEqual(r.retdata, [10n ** 21n, 0n]);
    }
    const total = callContract(chain.state, chain.block, {
      contractAddress: STRK,
      selector: sel('total_supply'),
      calldata: [],
    });
    assert.deepEqual(total.retdata, [3n * 10n ** 21n, 0n]);
    const deployed = chain.genesis.stateDiff.deployedContracts.map((d) => d.address);
    assert.ok(deployed.includes(STRK));
    const declared = chain.genesis.stateDiff.declaredClasses.map((d) => d.classHash).sort();
    assert.deepEqual(declared, chain.genesis.classes.map((c) => c.classHash).sort());
  });

  it('declares the account and ERC20 classes under the hashes starknet.js computes', async () => {
    for (const name of [ACCOUNT, ERC20]) {
      const t = await testClass(name);
      const classHash = BigInt(hash.computeContractClassHash(t.rawSierra as never));
      const c = chain.genesis.classes.find((x) => x.classHash === classHash);
      assert.equal(c?.compiledClassHash, BigInt(hash.computeCompiledClassHashBlake(t.rawCasm as never)));
      assert.equal(chain.state.getCompiledClassHash(classHash), c?.compiledClassHash);
    }
  });

  it('read-only calls leave no trace in state; unknown selectors are CONTRACT_ERROR', () => {
    const depth = chain.state.depth;
    assert.throws(
      () =>
        callContract(chain.state, chain.block, {
          contractAddress: STRK,
          selector: sel('nope'),
          calldata: [],
        }),
      (e: unknown) =>
        e instanceof ExecutionError && e.code === 'CONTRACT_ERROR' && /ENTRYPOINT_NOT_FOUND/.test(e.message),
    );
    assert.throws(
      () =>
        callContract(chain.state, chain.block, { contractAddress: 0x999n, selector: sel('x'), calldata: [] }),
      (e: unknown) => e instanceof ExecutionError && e.code === 'CONTRACT_NOT_FOUND',
    );
    assert.equal(chain.state.depth, depth);
  });
});

describe('inner-call failures and replace_class through the account', () => {
  let chain: Chain;
  before(async () => {
    chain = await makeChain(2);
  });

  it('a missing entry point in an inner call reaches the caller as ENTRYPOINT_NOT_FOUND + ENTRYPOINT_FAILED', () => {
    const [a] = pair(chain);
    const r = executeTransaction(
      chain.state,
      chain.block,
      signedInvoke(chain, a, [{ to: STRK, selector: sel('nope'), calldata: [] }], 0n),
    );
    assert.match(
      r.revertReason ?? '',
      /'ENTRYPOINT_NOT_FOUND'\), 0x454e545259504f494e545f4641494c4544 \('ENTRYPOINT_FAILED'\)/,
    );
    const inner = r.executeCallInfo?.innerCalls[0];
    assert.equal(inner?.failed, true);
    assert.equal(inner?.gasConsumed, 0n);
  });

  it('calling an undeployed address reverts the transaction', () => {
    const [a] = pair(chain);
    const r = executeTransaction(
      chain.state,
      chain.block,
      signedInvoke(chain, a, [{ to: 0x123456n, selector: sel('x'), calldata: [] }], 1n),
    );
    assert.match(r.revertReason ?? '', /0x123456 is not deployed/);
    assert.equal(chain.state.getNonceAt(a.address), 2n);
  });

  it('upgrade → replace_class: to an undeclared class reverts, to a declared class switches the class', () => {
    const [a] = pair(chain);
    const bad = executeTransaction(
      chain.state,
      chain.block,
      signedInvoke(chain, a, [{ to: a.address, selector: sel('upgrade'), calldata: [0xdeadn] }], 2n),
    );
    assert.match(bad.revertReason ?? '', /0xdead is not declared/);
    assert.equal(chain.state.getClassHashAt(a.address), chain.genesis.classHashes.account);
    const target = chain.genesis.classHashes.feeToken;
    const r = executeTransaction(
      chain.state,
      chain.block,
      signedInvoke(chain, a, [{ to: a.address, selector: sel('upgrade'), calldata: [target] }], 3n),
    );
    assert.equal(r.revertReason, undefined);
    assert.equal(chain.state.getClassHashAt(a.address), target);
    assert.deepEqual(r.stateDiff.replacedClasses, [{ address: a.address, classHash: target }]);
    assert.ok(r.executeCallInfo?.innerCalls[0]?.syscalls.some((s) => s.selector === 'ReplaceClass'));
  });
});

describe('Universal Deployer', () => {
  let udc: ReturnType<typeof udcGenesisClass> | undefined;
  let why = '';
  try {
    udc = udcGenesisClass();
  } catch (e) {
    why = e instanceof Error ? e.message : String(e);
  }
  it('compiling our UDC fails only with the typed compilation error', { skip: udc !== undefined }, () => {
    assert.match(why, /^UDC: /);
  });
  it('deploys a contract through deploy_contract (deploy syscall, ContractDeployed event)', {
    skip: udc === undefined ? `UDC CASM unavailable: ${why}` : false,
  }, async () => {
    const chain = await makeChain(2, {}, udc);
    const [a] = pair(chain);
    const classHash = chain.genesis.classHashes.feeToken;
    const ctor = [1000n, 0n, a.address];
    const r = executeTransaction(
      chain.state,
      chain.block,
      signedInvoke(
        chain,
        a,
        [
          {
            to: UDC_ADDRESS,
            selector: sel('deploy_contract'),
            calldata: [classHash, 77n, 1n, BigInt(ctor.length), ...ctor],
          },
        ],
        0n,
      ),
    );
    assert.equal(r.revertReason, undefined);
    // starknet.js's Deployer computes unique UDC deployments with pedersen(deployer, salt).
    const salt = BigInt(hash.computePedersenHash(hex(a.address), hex(77n)));
    const expected = BigInt(
      hash.calculateContractAddressFromHash(hex(salt), hex(classHash), ctor.map(hex), hex(UDC_ADDRESS)),
    );
    assert.equal(chain.state.getClassHashAt(expected), classHash);
  });
});
