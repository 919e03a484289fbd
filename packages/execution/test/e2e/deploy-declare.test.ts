// DEPLOY_ACCOUNT v3 and DECLARE v3 on real classes; hashes and addresses from starknet.js.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  calculateClassHash,
  calculateCompiledClassHash,
  type DeclareV3,
  type DeployAccountV3,
} from '@starling/protocol';
import { ec, hash } from 'starknet';
import {
  compileSierraClass,
  ExecutionError,
  executeTransaction,
  feeTokenBalance,
  rpcReceipt,
  STRK_FEE_TOKEN_ADDRESS,
  transactionTrace,
} from '../../src/index.ts';
import { sierraFixture, testClass } from '../helpers/artifacts.ts';
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
} from '../helpers/chain.ts';
import { checkSchema } from '../helpers/spec-schemas.ts';

const STRK = STRK_FEE_TOKEN_ADDRESS;
const isCode = (code: string) => (e: unknown) => e instanceof ExecutionError && e.code === code;

describe('DEPLOY_ACCOUNT v3', () => {
  let chain: Chain;
  const priv = 0x5eed1234abcdn;
  const pub = BigInt(ec.starkCurve.getStarkKey(hex(priv)));
  const salt = 0x7n;
  let address: bigint;
  let tx: DeployAccountV3;

  before(async () => {
    chain = await makeChain(2);
    const classHash = chain.genesis.classHashes.account;
    address = BigInt(hash.calculateContractAddressFromHash(hex(salt), hex(classHash), [hex(pub)], 0));
    const [a] = pair(chain);
    const fund = signedInvoke(
      chain,
      a,
      [{ to: STRK, selector: sel('transfer'), calldata: [address, 10n ** 18n, 0n] }],
      0n,
    );
    assert.equal(executeTransaction(chain.state, chain.block, fund).revertReason, undefined);
    const unsigned: DeployAccountV3 = deployAccountTx(classHash, salt, [pub], []);
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
    tx = { ...unsigned, signature: [sig.r, sig.s] };
  });

  it('deploys the account at the starknet.js address, validates, charges the fee', () => {
    const r = executeTransaction(chain.state, chain.block, tx);
    assert.equal(r.revertReason, undefined);
    assert.equal(r.contractAddress, address);
    assert.equal(chain.state.getClassHashAt(address), chain.genesis.classHashes.account);
    assert.equal(chain.state.getNonceAt(address), 1n);
    assert.equal(feeTokenBalance(chain.state, STRK, address), 10n ** 18n - r.actualFee);
    assert.equal(r.executeCallInfo?.call.entryPointType, 'CONSTRUCTOR');
    assert.equal(r.validateCallInfo?.call.selector, sel('__validate_deploy__'));
    assert.deepEqual(r.stateDiff.deployedContracts, [
      { address, classHash: chain.genesis.classHashes.account },
    ]);
    const receipt = rpcReceipt(r);
    assert.equal(receipt.contract_address, hex(address));
    assert.equal(checkSchema('TXN_RECEIPT', receipt), null);
    const trace = transactionTrace(r);
    assert.ok('constructor_invocation' in trace);
    assert.equal(checkSchema('TRANSACTION_TRACE', trace, 'trace'), null);
  });

  it('the deployed account can then send an INVOKE', () => {
    const r = executeTransaction(
      chain.state,
      chain.block,
      signedInvoke(
        chain,
        { address, privateKey: priv },
        [{ to: STRK, selector: sel('transfer'), calldata: [1n, 1n, 0n] }],
        1n,
      ),
    );
    assert.equal(r.revertReason, undefined);
  });

  it('a second deployment is rejected (nonce) and changes nothing', () => {
    const before = feeTokenBalance(chain.state, STRK, address);
    assert.throws(
      () => executeTransaction(chain.state, chain.block, tx),
      isCode('INVALID_TRANSACTION_NONCE'),
    );
    assert.equal(feeTokenBalance(chain.state, STRK, address), before);
  });
});

describe('DEPLOY_ACCOUNT v3 whose constructor fails', () => {
  // The blockifier runs a DEPLOY_ACCOUNT non-revertibly: its constructor is executed before
  // __validate_deploy__ (in validation mode), and an error there rejects the transaction (no
  // receipt, no nonce, no fee); the gateway reports it as a validation failure.
  it('is rejected (VALIDATION_FAILURE naming the constructor) and changes nothing', async () => {
    const chain = await makeChain(2);
    const classHash = chain.genesis.classHashes.account;
    const salt = 0x99n;
    // No public key: the constructor's argument deserialization panics.
    const address = BigInt(hash.calculateContractAddressFromHash(hex(salt), hex(classHash), [], 0));
    const [a] = pair(chain);
    const fund = signedInvoke(
      chain,
      a,
      [{ to: STRK, selector: sel('transfer'), calldata: [address, 10n ** 18n, 0n] }],
      0n,
    );
    assert.equal(executeTransaction(chain.state, chain.block, fund).revertReason, undefined);
    const tx: DeployAccountV3 = deployAccountTx(classHash, salt, [], [1n, 2n]);
    const balance = feeTokenBalance(chain.state, STRK, address);
    const seq = feeTokenBalance(chain.state, STRK, chain.block.sequencerAddress);
    assert.throws(
      () => executeTransaction(chain.state, chain.block, tx),
      (e: unknown) =>
        isCode('VALIDATION_FAILURE')(e) &&
        /Contract constructor execution has failed/.test((e as Error).message) &&
        /Failed to deserialize param #1/.test((e as Error).message),
    );
    assert.equal(chain.state.getClassHashAt(address), 0n);
    assert.equal(chain.state.getNonceAt(address), 0n);
    assert.equal(feeTokenBalance(chain.state, STRK, address), balance);
    assert.equal(feeTokenBalance(chain.state, STRK, chain.block.sequencerAddress), seq);
  });
});

describe('DECLARE v3', () => {
  let chain: Chain;
  let cls: Awaited<ReturnType<typeof testClass>>;
  let classHash: bigint;
  let cch: bigint;
  // Declaring ~300 KB of code costs about 4·10^8 L2 gas (1280 per byte).
  const DECLARE_BOUNDS = {
    ...BOUNDS,
    l2Gas: { maxAmount: 600_000_000n, maxPricePerUnit: BOUNDS.l2Gas.maxPricePerUnit },
  };

  const declareTx = (c: Chain, compiledClassHash: bigint, nonce: bigint, ch = classHash): DeclareV3 => {
    const [a] = pair(c);
    const h = hash.calculateDeclareTransactionHash({
      classHash: hex(ch),
      compiledClassHash: hex(compiledClassHash),
      senderAddress: hex(a.address),
      version: '0x3' as never,
      chainId: hex(c.block.chainId) as never,
      nonce: hex(nonce),
      accountDeploymentData: [],
      nonceDataAvailabilityMode: 0 as never,
      feeDataAvailabilityMode: 0 as never,
      resourceBounds: jsBounds(DECLARE_BOUNDS),
      tip: 0,
      paymasterData: [],
    });
    const sig = ec.starkCurve.sign(h, hex(a.privateKey));
    return {
      type: 'DECLARE',
      version: 3,
      senderAddress: a.address,
      classHash: ch,
      compiledClassHash,
      signature: [sig.r, sig.s],
      nonce,
      resourceBounds: DECLARE_BOUNDS,
      tip: 0n,
      paymasterData: [],
      accountDeploymentData: [],
      nonceDataAvailabilityMode: 'L1',
      feeDataAvailabilityMode: 'L1',
    };
  };

  before(async () => {
    chain = await makeChain(2);
    cls = await testClass('contracts_TestERC20');
    classHash = BigInt(hash.computeContractClassHash(cls.rawSierra as never));
    cch = BigInt(hash.computeCompiledClassHashBlake(cls.rawCasm as never));
  });

  it('class hash and compiled class hash (v2) agree with starknet.js', () => {
    assert.equal(calculateClassHash(cls.sierra), classHash);
    assert.equal(calculateCompiledClassHash(cls.casm, 'v2'), cch);
  });

  it('a compiler failure comes back as COMPILATION_FAILED and changes nothing', () => {
    const [a] = pair(chain);
    assert.throws(
      () =>
        executeTransaction(chain.state, chain.block, declareTx(chain, cch, 0n), {
          contractClass: cls.sierra,
          compileClass: () => {
            throw new Error('unsupported libfunc');
          },
        }),
      isCode('COMPILATION_FAILED'),
    );
    assert.equal(chain.state.getNonceAt(a.address), 0n);
  });

  it('the default compiler (sierra package) yields CASM with the compiled class hash of the shipped CASM', () => {
    assert.equal(calculateCompiledClassHash(compileSierraClass(cls.sierra), 'v2'), cch);
  });

  it('a v1 (Poseidon) compiled class hash is rejected from 0.14.1', () => {
    const v1 = calculateCompiledClassHash(cls.casm, 'v1');
    assert.throws(
      () =>
        executeTransaction(chain.state, chain.block, declareTx(chain, v1, 0n), {
          contractClass: cls.sierra,
          compileClass: () => cls.casm,
        }),
      isCode('COMPILED_CLASS_HASH_MISMATCH'),
    );
  });

  it('declares the class (validate_declare, code-size fee) and rejects a second declaration', () => {
    const [a] = pair(chain);
    // The sierra package compiles the class; its CASM must hash to the CCH of the shipped CASM.
    const r = executeTransaction(chain.state, chain.block, declareTx(chain, cch, 0n), {
      contractClass: cls.sierra,
    });
    assert.equal(r.revertReason, undefined);
    assert.equal(chain.state.getCompiledClassHash(classHash), cch);
    assert.deepEqual(r.stateDiff.declaredClasses, [{ classHash, compiledClassHash: cch }]);
    assert.equal(r.validateCallInfo?.call.selector, sel('__validate_declare__'));
    // Code is charged 1280 L2 gas per byte: (bytecode + sierra felts)·32 + ABI bytes.
    const code =
      (cls.casm.bytecode.length + cls.sierra.sierraProgram.length) * 32 +
      new TextEncoder().encode(cls.sierra.abi).length;
    assert.ok(r.gas.l2Gas > 1280n * BigInt(code));
    assert.equal(checkSchema('TXN_RECEIPT', rpcReceipt(r)), null);
    assert.equal(checkSchema('TRANSACTION_TRACE', transactionTrace(r), 'trace'), null);
    assert.equal(chain.state.getNonceAt(a.address), 1n);
    assert.throws(
      () =>
        executeTransaction(chain.state, chain.block, declareTx(chain, cch, 1n), {
          contractClass: cls.sierra,
          compileClass: () => cls.casm,
        }),
      isCode('CLASS_ALREADY_DECLARED'),
    );
  });

  it('our UDC (wasm-cairo Sierra fixture) hashes as starknet.js does; a wrong CASM hash is rejected', () => {
    const udc = sierraFixture('udc');
    const h = BigInt(hash.computeContractClassHash(udc.raw as never));
    assert.equal(calculateClassHash(udc.sierra), h);
    assert.throws(
      () =>
        executeTransaction(
          chain.state,
          chain.block,
          declareTx(chain, 1n, chain.state.getNonceAt(pair(chain)[0].address), h),
          {
            contractClass: udc.sierra,
          },
        ),
      (e: unknown) =>
        e instanceof ExecutionError &&
        (e.code === 'COMPILATION_FAILED' || e.code === 'COMPILED_CLASS_HASH_MISMATCH'),
    );
  });
});
