// Validate-only mode (the gateway's admission check): stateless rules with apollo_gateway's default
// limits, the nonce window, the L2 price threshold, __validate__ without __execute__, the
// pending-deployment skip, full runs for DEPLOY_ACCOUNT; the given state is never written.
// Oracles: starknet.js hashes and signatures, the OpenZeppelin account's own validation.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { DeployAccountV3, InvokeV3 } from '@starling/protocol';
import { casmClassToJson, compileContractClass } from '@starling/sierra';
import { ec, hash } from 'starknet';
import {
  ExecutionError,
  ExecutionState,
  executeTransaction,
  feeTokenBalance,
  STRK_FEE_TOKEN_ADDRESS,
  sierraClassJson,
  validateTransaction,
} from '../../src/index.ts';
import { sierraFixture } from '../helpers/artifacts.ts';
import {
  BOUNDS,
  type Chain,
  deployAccountTx,
  hex,
  jsBounds,
  makeChain,
  pair,
  sel,
  signedInvoke,
  starknetJsInvokeHash,
} from '../helpers/chain.ts';

const STRK = STRK_FEE_TOKEN_ADDRESS;
const isCode = (code: string, re?: RegExp) => (e: unknown) =>
  e instanceof ExecutionError && e.code === code && (re === undefined || re.test(e.message));
const transfer = (to: bigint, amount: bigint) => ({
  to: STRK,
  selector: sel('transfer'),
  calldata: [to, amount, 0n],
});

describe('validateTransaction (gateway validate-only mode)', () => {
  let chain: Chain;
  let snapshot: () => unknown[];
  before(async () => {
    chain = await makeChain(2);
    const [a, b] = pair(chain);
    snapshot = () => [
      chain.state.getNonceAt(a.address),
      feeTokenBalance(chain.state, STRK, a.address),
      feeTokenBalance(chain.state, STRK, b.address),
      feeTokenBalance(chain.state, STRK, chain.block.sequencerAddress),
      chain.state.depth,
    ];
  });

  it('runs __validate__ only: a transfer beyond the balance validates; nothing is written', () => {
    const [a, b] = pair(chain);
    const before = snapshot();
    // __execute__ would fail (u256 underflow), but validation does not run it.
    const tx = signedInvoke(chain, a, [transfer(b.address, 10n ** 30n)], 0n);
    const r = validateTransaction(chain.state, chain.block, tx);
    assert.equal(r.transactionHash, starknetJsInvokeHash(tx, chain.block.chainId));
    assert.equal(r.sender, a.address);
    assert.equal(r.accountNonce, 0n);
    assert.equal(r.validateSkipped, false);
    assert.equal(r.validateCallInfo?.call.selector, sel('__validate__'));
    assert.deepEqual(snapshot(), before);
    // The same validation as the full execution's, which then reverts in __execute__.
    const full = executeTransaction(chain.state, chain.block, tx);
    assert.match(full.revertReason ?? '', /u256_sub Overflow|ERC20: insufficient balance/);
    assert.equal(r.validateCallInfo?.gasConsumed, full.validateCallInfo?.gasConsumed);
  });

  it('rejects a bad signature with VALIDATION_FAILURE', () => {
    const [a, b] = pair(chain);
    const nonce = chain.state.getNonceAt(a.address);
    const tx = signedInvoke(chain, a, [transfer(b.address, 1n)], nonce);
    const wrong = ec.starkCurve.sign(hex(starknetJsInvokeHash(tx, chain.block.chainId)), hex(0xbadn));
    const before = snapshot();
    assert.throws(
      () => validateTransaction(chain.state, chain.block, { ...tx, signature: [wrong.r, wrong.s] }),
      isCode('VALIDATION_FAILURE'),
    );
    assert.deepEqual(snapshot(), before);
  });

  it('uses a hash the caller computed already: the signature is checked against it', () => {
    const [a, b] = pair(chain);
    const nonce = chain.state.getNonceAt(a.address);
    const tx = signedInvoke(chain, a, [transfer(b.address, 1n)], nonce);
    const known = starknetJsInvokeHash(tx, chain.block.chainId);
    const r = validateTransaction(chain.state, chain.block, tx, { transactionHash: known });
    assert.equal(r.transactionHash, known);
    // A different hash given by the caller is the one __validate__ sees: the signature fails.
    assert.throws(
      () => validateTransaction(chain.state, chain.block, tx, { transactionHash: known + 1n }),
      isCode('VALIDATION_FAILURE'),
    );
    const before = snapshot();
    const info = executeTransaction(new ExecutionState(chain.state), chain.block, tx, {
      transactionHash: known,
    });
    assert.equal(info.transactionHash, known);
    assert.equal(info.revertReason, undefined);
    // A query ignores it: its hash carries the query version.
    const q = executeTransaction(new ExecutionState(chain.state), chain.block, tx, {
      transactionHash: known,
      query: true,
      skipValidate: true,
    });
    assert.notEqual(q.transactionHash, known);
    assert.deepEqual(snapshot(), before);
  });

  it('accepts nonces in [account, account + 200]; rejects others with INVALID_TRANSACTION_NONCE', () => {
    const [a, b] = pair(chain);
    const n = chain.state.getNonceAt(a.address);
    for (const ok of [n, n + 1n, n + 200n]) {
      const r = validateTransaction(
        chain.state,
        chain.block,
        signedInvoke(chain, a, [transfer(b.address, 1n)], ok),
      );
      assert.equal(r.accountNonce, n);
    }
    for (const bad of [n + 201n, ...(n > 0n ? [n - 1n] : [])]) {
      assert.throws(
        () =>
          validateTransaction(
            chain.state,
            chain.block,
            signedInvoke(chain, a, [transfer(b.address, 1n)], bad),
          ),
        isCode('INVALID_TRANSACTION_NONCE', /Expected: \d+ <= nonce <= \d+/),
      );
    }
    // A narrower window by option.
    assert.throws(
      () =>
        validateTransaction(
          chain.state,
          chain.block,
          signedInvoke(chain, a, [transfer(b.address, 1n)], n + 3n),
          {
            limits: { maxNonceGap: 2n },
          },
        ),
      isCode('INVALID_TRANSACTION_NONCE'),
    );
  });

  it('applies the stateless rules with the gateway defaults and their RPC error names', () => {
    const [a, b] = pair(chain);
    const n = chain.state.getNonceAt(a.address);
    const base = signedInvoke(chain, a, [transfer(b.address, 1n)], n);
    const cases: [string, Partial<InvokeV3>, string][] = [
      ['paymaster data', { paymasterData: [1n] }, 'VALIDATION_FAILURE'],
      ['account deployment data', { accountDeploymentData: [1n] }, 'VALIDATION_FAILURE'],
      ['nonce DA mode L2', { nonceDataAvailabilityMode: 'L2' }, 'VALIDATION_FAILURE'],
      ['fee DA mode L2', { feeDataAvailabilityMode: 'L2' }, 'VALIDATION_FAILURE'],
      ['5001 calldata felts', { calldata: new Array(5001).fill(0n) }, 'VALIDATION_FAILURE'],
      ['4001 signature felts', { signature: new Array(4001).fill(1n) }, 'VALIDATION_FAILURE'],
      [
        'L2 price below 8e9 fri',
        { resourceBounds: { ...BOUNDS, l2Gas: { maxAmount: 10n ** 7n, maxPricePerUnit: 7_999_999_999n } } },
        'FEE_BELOW_MINIMUM',
      ],
      [
        'L2 amount above 1.21e9',
        { resourceBounds: { ...BOUNDS, l2Gas: { maxAmount: 1_210_000_001n, maxPricePerUnit: 10n ** 10n } } },
        'VALIDATION_FAILURE',
      ],
      [
        'no L1 data gas bound',
        { resourceBounds: { l1Gas: BOUNDS.l1Gas, l2Gas: BOUNDS.l2Gas } },
        'VALIDATION_FAILURE',
      ],
      ['version 1', { version: 1 as 3 }, 'UNSUPPORTED_TX_VERSION'],
    ];
    for (const [what, over, code] of cases) {
      assert.throws(
        () => validateTransaction(chain.state, chain.block, { ...base, ...over }),
        isCode(code),
        what,
      );
    }
  });

  it("rejects an L2 price below the previous block's price (threshold 100%)", () => {
    const [a, b] = pair(chain);
    const tx = signedInvoke(chain, a, [transfer(b.address, 1n)], chain.state.getNonceAt(a.address));
    assert.throws(
      () =>
        validateTransaction(chain.state, chain.block, tx, {
          previousL2GasPrice: BOUNDS.l2Gas.maxPricePerUnit + 1n,
        }),
      isCode('FEE_BELOW_MINIMUM', /below the required threshold/),
    );
    // At 50% of that price the same transaction passes.
    validateTransaction(chain.state, chain.block, tx, {
      previousL2GasPrice: BOUNDS.l2Gas.maxPricePerUnit + 1n,
      limits: { minGasPricePercentage: 50n },
    });
  });

  it('bounds that cover validation but not its cost with the OS overhead fail post-validation', () => {
    const [a, b] = pair(chain);
    const n = chain.state.getNonceAt(a.address);
    const ok = validateTransaction(
      chain.state,
      chain.block,
      signedInvoke(chain, a, [transfer(b.address, 1n)], n),
    );
    const need = ok.gas.l2Gas;
    assert.ok((ok.validateCallInfo?.gasConsumed ?? 0n) < need);
    const at = (amount: bigint) =>
      signedInvoke(chain, a, [transfer(b.address, 1n)], n, {
        resourceBounds: {
          ...BOUNDS,
          l2Gas: { maxAmount: amount, maxPricePerUnit: BOUNDS.l2Gas.maxPricePerUnit },
        },
      });
    validateTransaction(chain.state, chain.block, at(need));
    assert.throws(
      () => validateTransaction(chain.state, chain.block, at(need - 1n)),
      isCode('INSUFFICIENT_RESOURCES_FOR_VALIDATE', /Insufficient max L2Gas/),
    );
  });

  describe('accounts not deployed yet', () => {
    const priv = 0xfeedbeefn;
    const pub = BigInt(ec.starkCurve.getStarkKey(hex(priv)));
    const salt = 0x99n;
    let address: bigint;
    let deploy: DeployAccountV3;
    before(() => {
      const classHash = chain.genesis.classHashes.account;
      address = BigInt(hash.calculateContractAddressFromHash(hex(salt), hex(classHash), [hex(pub)], 0));
      // Fund the counterfactual address so the fee checks pass.
      const [a] = pair(chain);
      const fund = executeTransaction(
        chain.state,
        chain.block,
        signedInvoke(chain, a, [transfer(address, 10n ** 19n)], chain.state.getNonceAt(a.address)),
      );
      assert.equal(fund.revertReason, undefined);
      const h = hash.calculateDeployAccountTransactionHash({
        contractAddress: hex(address),
        classHash: hex(classHash),
        compiledConstructorCalldata: [hex(pub)],
        salt: hex(salt),
        version: '0x3' as never,
        chainId: hex(chain.block.chainId) as never,
        nonce: 0,
        nonceDataAvailabilityMode: 0 as never,
        feeDataAvailabilityMode: 0 as never,
        resourceBounds: jsBounds(BOUNDS),
        tip: 0,
        paymasterData: [],
      });
      const sig = ec.starkCurve.sign(h, hex(priv));
      deploy = deployAccountTx(classHash, salt, [pub], [sig.r, sig.s]);
    });

    it('DEPLOY_ACCOUNT runs in full (constructor, __validate_deploy__) on a throwaway layer', () => {
      const r = validateTransaction(chain.state, chain.block, deploy);
      assert.equal(r.sender, address);
      assert.equal(r.validateCallInfo?.call.selector, sel('__validate_deploy__'));
      assert.equal(chain.state.getClassHashAt(address), 0n);
      assert.equal(chain.state.getNonceAt(address), 0n);
      assert.throws(
        () => validateTransaction(chain.state, chain.block, { ...deploy, nonce: 1n }),
        isCode('INVALID_TRANSACTION_NONCE', /Expected: nonce = 0/),
      );
    });

    it('an INVOKE with nonce 1 skips __validate__ only while its deployment is pending', () => {
      const tx = signedInvoke(chain, { address, privateKey: priv }, [transfer(address, 1n)], 1n);
      const r = validateTransaction(chain.state, chain.block, tx, {
        pendingNonce: (x) => (x === address ? 1n : undefined),
      });
      assert.equal(r.validateSkipped, true);
      assert.equal(r.validateCallInfo, undefined);
      // Without a pending deployment the account's code does not exist: validation fails.
      assert.throws(
        () => validateTransaction(chain.state, chain.block, tx, { pendingNonce: () => undefined }),
        isCode('VALIDATION_FAILURE', /is not deployed/),
      );
    });
  });

  describe('DECLARE class rules', () => {
    it('checks the Sierra version range, the class size and sorted entry points', () => {
      const [a] = pair(chain);
      const fixture = sierraFixture('messaging');
      const declare = {
        type: 'DECLARE' as const,
        version: 3 as const,
        senderAddress: a.address,
        classHash: 1n,
        compiledClassHash: 2n,
        signature: [],
        nonce: chain.state.getNonceAt(a.address),
        resourceBounds: BOUNDS,
        tip: 0n,
        paymasterData: [],
        accountDeploymentData: [],
        nonceDataAvailabilityMode: 'L1' as const,
        feeDataAvailabilityMode: 'L1' as const,
      };
      const program = [...fixture.sierra.sierraProgram];
      program[1] = 10n; // Sierra 1.10.0: above 1.9.x
      assert.throws(
        () =>
          validateTransaction(chain.state, chain.block, declare, {
            contractClass: { ...fixture.sierra, sierraProgram: program },
          }),
        isCode('UNSUPPORTED_CONTRACT_CLASS_VERSION'),
      );
      assert.throws(
        () =>
          validateTransaction(chain.state, chain.block, declare, {
            contractClass: fixture.sierra,
            limits: { maxContractBytecodeSize: 100 },
          }),
        isCode('CONTRACT_CLASS_SIZE_IS_TOO_LARGE'),
      );
      const ext = fixture.sierra.entryPointsByType.EXTERNAL;
      assert.throws(
        () =>
          validateTransaction(chain.state, chain.block, declare, {
            contractClass: {
              ...fixture.sierra,
              entryPointsByType: { ...fixture.sierra.entryPointsByType, EXTERNAL: [...ext].reverse() },
            },
          }),
        isCode('VALIDATION_FAILURE', /sorted/),
      );
      // Future nonces are refused for DECLARE.
      assert.throws(
        () =>
          validateTransaction(
            chain.state,
            chain.block,
            { ...declare, nonce: declare.nonce + 1n },
            {
              contractClass: fixture.sierra,
            },
          ),
        isCode('INVALID_TRANSACTION_NONCE'),
      );
    });

    it('a signed DECLARE runs in full (__validate_declare__, compilation) without declaring anything', () => {
      const [a] = pair(chain);
      const fixture = sierraFixture('messaging');
      const classHash = BigInt(hash.computeContractClassHash(fixture.raw as never));
      const casmJson = casmClassToJson(compileContractClass(sierraClassJson(fixture.sierra)));
      const compiledClassHash = BigInt(hash.computeCompiledClassHashBlake(casmJson as never));
      const bounds = {
        ...BOUNDS,
        l2Gas: { maxAmount: 600_000_000n, maxPricePerUnit: BOUNDS.l2Gas.maxPricePerUnit },
      };
      const nonce = chain.state.getNonceAt(a.address);
      const h = hash.calculateDeclareTransactionHash({
        classHash: hex(classHash),
        compiledClassHash: hex(compiledClassHash),
        senderAddress: hex(a.address),
        version: '0x3' as never,
        chainId: hex(chain.block.chainId) as never,
        nonce: hex(nonce),
        accountDeploymentData: [],
        nonceDataAvailabilityMode: 0 as never,
        feeDataAvailabilityMode: 0 as never,
        resourceBounds: jsBounds(bounds),
        tip: 0,
        paymasterData: [],
      });
      const sig = ec.starkCurve.sign(h, hex(a.privateKey));
      const tx = {
        type: 'DECLARE' as const,
        version: 3 as const,
        senderAddress: a.address,
        classHash,
        compiledClassHash,
        signature: [sig.r, sig.s],
        nonce,
        resourceBounds: bounds,
        tip: 0n,
        paymasterData: [],
        accountDeploymentData: [],
        nonceDataAvailabilityMode: 'L1' as const,
        feeDataAvailabilityMode: 'L1' as const,
      };
      const r = validateTransaction(chain.state, chain.block, tx, { contractClass: fixture.sierra });
      assert.equal(r.transactionHash, BigInt(h));
      assert.equal(r.validateCallInfo?.call.selector, sel('__validate_declare__'));
      assert.equal(chain.state.getCompiledClassHash(classHash), 0n);
      assert.equal(chain.state.getNonceAt(a.address), nonce);
      // A wrong compiled class hash is caught by the full run.
      assert.throws(
        () =>
          validateTransaction(
            chain.state,
            chain.block,
            { ...tx, compiledClassHash: 1n },
            {
              contractClass: fixture.sierra,
            },
          ),
        isCode('COMPILED_CLASS_HASH_MISMATCH'),
      );
    });
  });
});
