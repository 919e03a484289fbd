import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeShortString } from '@starling/felt';
import {
  calculateContractAddress,
  calculateTransactionHash,
  getSelectorFromName,
  type ResourceBounds,
  type V3Fields,
} from '@starling/protocol';
import { hash, v2hash } from 'starknet';
import { hex, Rng } from '../helpers/random.ts';

const N = 25;
const chainIds = [
  encodeShortString('SN_MAIN'),
  encodeShortString('SN_SEPOLIA'),
  encodeShortString('STARLING'),
];

function randomBounds(r: Rng): ResourceBounds {
  const b = () => ({ maxAmount: r.bits(64), maxPricePerUnit: r.bits(128) });
  return { l1Gas: b(), l2Gas: b(), l1DataGas: b() };
}

function v3(r: Rng): V3Fields {
  return {
    version: 3,
    signature: r.felts(3),
    nonce: r.felt(),
    resourceBounds: randomBounds(r),
    tip: r.bits(64),
    paymasterData: r.felts(3),
    nonceDataAvailabilityMode: r.int(2) === 0 ? 'L1' : 'L2',
    feeDataAvailabilityMode: r.int(2) === 0 ? 'L1' : 'L2',
  };
}

function jsBounds(b: ResourceBounds) {
  const conv = (x: { maxAmount: bigint; maxPricePerUnit: bigint }) => ({
    max_amount: x.maxAmount,
    max_price_per_unit: x.maxPricePerUnit,
  });
  return { l1_gas: conv(b.l1Gas), l2_gas: conv(b.l2Gas), l1_data_gas: conv(b.l1DataGas!) };
}

// starknet.js types chain ids as the two public networks only; any short string works at run time.
const jsChain = (c: bigint) => hex(c) as never;
const da = (m: 'L1' | 'L2') => (m === 'L1' ? 0 : 1);
const jsVersion = (query: boolean) => (query ? '0x100000000000000000000000000000003' : '0x3');

describe('selectors and contract addresses vs starknet.js', () => {
  it('selectors of random names', () => {
    const r = new Rng(1);
    for (let i = 0; i < 200; i++) {
      const name = r.name();
      assert.equal(getSelectorFromName(name), BigInt(hash.getSelectorFromName(name)), name);
    }
    assert.equal(getSelectorFromName('__default__'), 0n);
    assert.equal(getSelectorFromName('__l1_default__'), 0n);
  });
  it('contract addresses of random deployments', () => {
    const r = new Rng(2);
    for (let i = 0; i < N; i++) {
      const [salt, classHash, deployer] = [r.felt(), r.felt(), r.int(3) === 0 ? 0n : r.felt()];
      const calldata = r.felts(5);
      const expected = hash.calculateContractAddressFromHash(
        hex(salt),
        hex(classHash),
        calldata.map(hex),
        hex(deployer),
      );
      assert.equal(calculateContractAddress(salt, classHash, calldata, deployer), BigInt(expected));
    }
  });
});

describe('v3 transaction hashes vs starknet.js (random inputs, normal and query versions)', () => {
  it('INVOKE v3', () => {
    const r = new Rng(3);
    for (let i = 0; i < N; i++) {
      const query = r.int(2) === 1;
      const chainId = chainIds[r.int(3)]!;
      const tx = {
        type: 'INVOKE' as const,
        ...v3(r),
        senderAddress: r.felt(),
        calldata: r.felts(8),
        accountDeploymentData: r.felts(2),
      };
      const expected = hash.calculateInvokeTransactionHash({
        senderAddress: hex(tx.senderAddress),
        version: jsVersion(query),
        compiledCalldata: tx.calldata.map(hex),
        chainId: jsChain(chainId),
        nonce: hex(tx.nonce),
        accountDeploymentData: tx.accountDeploymentData.map(hex),
        nonceDataAvailabilityMode: da(tx.nonceDataAvailabilityMode),
        feeDataAvailabilityMode: da(tx.feeDataAvailabilityMode),
        resourceBounds: jsBounds(tx.resourceBounds),
        tip: hex(tx.tip),
        paymasterData: tx.paymasterData.map(hex),
      } as never);
      assert.equal(calculateTransactionHash(tx, chainId, { query }), BigInt(expected));
    }
  });
  it('DECLARE v3', () => {
    const r = new Rng(4);
    for (let i = 0; i < N; i++) {
      const query = r.int(2) === 1;
      const chainId = chainIds[r.int(3)]!;
      const tx = {
        type: 'DECLARE' as const,
        ...v3(r),
        senderAddress: r.felt(),
        classHash: r.felt(),
        compiledClassHash: r.felt(),
        accountDeploymentData: r.felts(2),
      };
      const expected = hash.calculateDeclareTransactionHash({
        classHash: hex(tx.classHash),
        compiledClassHash: hex(tx.compiledClassHash),
        senderAddress: hex(tx.senderAddress),
        version: jsVersion(query),
        chainId: jsChain(chainId),
        nonce: hex(tx.nonce),
        accountDeploymentData: tx.accountDeploymentData.map(hex),
        nonceDataAvailabilityMode: da(tx.nonceDataAvailabilityMode),
        feeDataAvailabilityMode: da(tx.feeDataAvailabilityMode),
        resourceBounds: jsBounds(tx.resourceBounds),
        tip: hex(tx.tip),
        paymasterData: tx.paymasterData.map(hex),
      } as never);
      assert.equal(calculateTransactionHash(tx, chainId, { query }), BigInt(expected));
    }
  });
  it('DEPLOY_ACCOUNT v3', () => {
    const r = new Rng(5);
    for (let i = 0; i < N; i++) {
      const query = r.int(2) === 1;
      const chainId = chainIds[r.int(3)]!;
      const tx = {
        type: 'DEPLOY_ACCOUNT' as const,
        ...v3(r),
        classHash: r.felt(),
        contractAddressSalt: r.felt(),
        constructorCalldata: r.felts(4),
      };
      const address = calculateContractAddress(tx.contractAddressSalt, tx.classHash, tx.constructorCalldata);
      const expected = hash.calculateDeployAccountTransactionHash({
        contractAddress: hex(address),
        classHash: hex(tx.classHash),
        compiledConstructorCalldata: tx.constructorCalldata.map(hex),
        salt: hex(tx.contractAddressSalt),
        version: jsVersion(query),
        chainId: jsChain(chainId),
        nonce: hex(tx.nonce),
        nonceDataAvailabilityMode: da(tx.nonceDataAvailabilityMode),
        feeDataAvailabilityMode: da(tx.feeDataAvailabilityMode),
        resourceBounds: jsBounds(tx.resourceBounds),
        tip: hex(tx.tip),
        paymasterData: tx.paymasterData.map(hex),
      } as never);
      assert.equal(calculateTransactionHash(tx, chainId, { query }), BigInt(expected));
    }
  });
});

describe('legacy transaction hashes vs starknet.js v2hash (random inputs)', () => {
  it('INVOKE v1', () => {
    const r = new Rng(6);
    for (let i = 0; i < N; i++) {
      const chainId = chainIds[r.int(3)]!;
      const tx = {
        type: 'INVOKE' as const,
        version: 1 as const,
        senderAddress: r.felt(),
        calldata: r.felts(6),
        maxFee: r.bits(128),
        nonce: r.felt(),
        signature: [],
      };
      const expected = v2hash.calculateTransactionHash(
        hex(tx.senderAddress),
        1,
        tx.calldata.map(hex),
        hex(tx.maxFee),
        jsChain(chainId),
        hex(tx.nonce),
      );
      assert.equal(calculateTransactionHash(tx, chainId), BigInt(expected));
    }
  });
  it('DECLARE v1 and v2', () => {
    const r = new Rng(7);
    for (let i = 0; i < N; i++) {
      const chainId = chainIds[r.int(3)]!;
      const base = {
        type: 'DECLARE' as const,
        senderAddress: r.felt(),
        classHash: r.felt(),
        maxFee: r.bits(128),
        nonce: r.felt(),
        signature: [],
      };
      const v1 = { ...base, version: 1 as const };
      const v2 = { ...base, version: 2 as const, compiledClassHash: r.felt() };
      const e1 = v2hash.calculateDeclareTransactionHash(
        hex(base.classHash),
        hex(base.senderAddress),
        1,
        hex(base.maxFee),
        jsChain(chainId),
        hex(base.nonce),
      );
      const e2 = v2hash.calculateDeclareTransactionHash(
        hex(base.classHash),
        hex(base.senderAddress),
        2,
        hex(base.maxFee),
        jsChain(chainId),
        hex(base.nonce),
        hex(v2.compiledClassHash),
      );
      assert.equal(calculateTransactionHash(v1, chainId), BigInt(e1));
      assert.equal(calculateTransactionHash(v2, chainId), BigInt(e2));
    }
  });
  it('DEPLOY_ACCOUNT v1', () => {
    const r = new Rng(8);
    for (let i = 0; i < N; i++) {
      const chainId = chainIds[r.int(3)]!;
      const tx = {
        type: 'DEPLOY_ACCOUNT' as const,
        version: 1 as const,
        classHash: r.felt(),
        contractAddressSalt: r.felt(),
        constructorCalldata: r.felts(4),
        maxFee: r.bits(128),
        nonce: r.felt(),
        signature: [],
      };
      const address = calculateContractAddress(tx.contractAddressSalt, tx.classHash, tx.constructorCalldata);
      const expected = v2hash.calculateDeployAccountTransactionHash(
        hex(address),
        hex(tx.classHash),
        tx.constructorCalldata.map(hex),
        hex(tx.contractAddressSalt),
        1,
        hex(tx.maxFee),
        jsChain(chainId),
        hex(tx.nonce),
      );
      assert.equal(calculateTransactionHash(tx, chainId), BigInt(expected));
    }
  });
  it('L1_HANDLER', () => {
    const r = new Rng(9);
    for (let i = 0; i < N; i++) {
      const chainId = chainIds[r.int(3)]!;
      const from = r.bits(160);
      const payload = r.felts(5);
      const tx = {
        type: 'L1_HANDLER' as const,
        version: 0 as const,
        contractAddress: r.felt(),
        entryPointSelector: r.felt(),
        calldata: [from, ...payload],
        nonce: r.bits(64),
      };
      const expected = v2hash.calculateL2MessageTxHash(
        hex(from),
        hex(tx.contractAddress),
        hex(tx.entryPointSelector),
        payload.map(hex),
        jsChain(chainId),
        hex(tx.nonce),
      );
      assert.equal(calculateTransactionHash(tx, chainId), BigInt(expected));
    }
  });
});
