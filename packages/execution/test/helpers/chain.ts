// A local chain for tests: genesis on an empty base, signing with starknet.js.

import type { DeployAccountV3, InvokeV3, ResourceBounds } from '@starling/protocol';
import { ec, hash } from 'starknet';
import {
  type AccountTransactionV3,
  applyGenesis,
  DictStateReader,
  defaultBlockContext,
  ExecutionState,
  type GenesisClass,
  type GenesisResult,
} from '../../src/index.ts';
import type { BlockContext } from '../../src/types.ts';
import { testClass } from './artifacts.ts';

export const ACCOUNT = 'contracts_MockAccount';
export const ERC20 = 'contracts_mock_fee_token';
export const hex = (v: bigint): string => `0x${v.toString(16)}`;
export const sel = (name: string): bigint => BigInt(hash.getSelectorFromName(name));

export interface Chain {
  state: ExecutionState;
  block: BlockContext;
  genesis: GenesisResult;
}

/** Genesis with `n` accounts of 10^21 fri each. */
export async function makeChain(
  n = 2,
  block: Partial<BlockContext> = {},
  udcClass?: GenesisClass,
): Promise<Chain> {
  const state = new ExecutionState(new DictStateReader());
  const ctx = defaultBlockContext({ blockNumber: 20n, timestamp: 1_700_000_000n, ...block });
  const acc = await testClass(ACCOUNT);
  const erc = await testClass(ERC20);
  const genesis = applyGenesis(state, ctx, {
    feeTokenClass: { sierra: erc.sierra, casm: erc.casm },
    accountClass: { sierra: acc.sierra, casm: acc.casm },
    seed: 42n,
    accountCount: n,
    initialBalance: 10n ** 21n,
    ...(udcClass !== undefined ? { udcClass } : {}),
  });
  return { state, block: ctx, genesis };
}

export const BOUNDS: ResourceBounds = {
  l1Gas: { maxAmount: 0n, maxPricePerUnit: 60_000_000_000n },
  l2Gas: { maxAmount: 20_000_000n, maxPricePerUnit: 10_000_000_000n },
  l1DataGas: { maxAmount: 2_000n, maxPricePerUnit: 60_000n },
};

/** __execute__ calldata of a Cairo 1 account for one call. */
export function executeCalldata(calls: { to: bigint; selector: bigint; calldata: bigint[] }[]): bigint[] {
  const out: bigint[] = [BigInt(calls.length)];
  for (const c of calls) out.push(c.to, c.selector, BigInt(c.calldata.length), ...c.calldata);
  return out;
}

/** starknet.js's hash of an INVOKE v3 (the oracle). */
export function starknetJsInvokeHash(tx: InvokeV3, chainId: bigint, version = '0x3'): bigint {
  const rb = {
    l1_gas: {
      max_amount: tx.resourceBounds.l1Gas.maxAmount,
      max_price_per_unit: tx.resourceBounds.l1Gas.maxPricePerUnit,
    },
    l2_gas: {
      max_amount: tx.resourceBounds.l2Gas.maxAmount,
      max_price_per_unit: tx.resourceBounds.l2Gas.maxPricePerUnit,
    },
    l1_data_gas: {
      max_amount: tx.resourceBounds.l1DataGas?.maxAmount ?? 0n,
      max_price_per_unit: tx.resourceBounds.l1DataGas?.maxPricePerUnit ?? 0n,
    },
  };
  return BigInt(
    hash.calculateInvokeTransactionHash({
      senderAddress: hex(tx.senderAddress),
      version: version as never,
      compiledCalldata: tx.calldata.map(hex),
      chainId: hex(chainId) as never,
      nonce: hex(tx.nonce),
      accountDeploymentData: [],
      nonceDataAvailabilityMode: 0 as never,
      feeDataAvailabilityMode: 0 as never,
      resourceBounds: rb as never,
      tip: hex(tx.tip),
      paymasterData: [],
    }),
  );
}

/** Signs an INVOKE v3 with starknet.js over the starknet.js-computed hash. */
export function signedInvoke(
  chain: Chain,
  account: { address: bigint; privateKey: bigint },
  calls: { to: bigint; selector: bigint; calldata: bigint[] }[],
  nonce: bigint,
  over: Partial<InvokeV3> = {},
): InvokeV3 {
  const tx: InvokeV3 = {
    type: 'INVOKE',
    version: 3,
    senderAddress: account.address,
    calldata: executeCalldata(calls),
    signature: [],
    nonce,
    resourceBounds: BOUNDS,
    tip: 0n,
    paymasterData: [],
    accountDeploymentData: [],
    nonceDataAvailabilityMode: 'L1',
    feeDataAvailabilityMode: 'L1',
    ...over,
  };
  const h = starknetJsInvokeHash(tx, chain.block.chainId);
  const sig = ec.starkCurve.sign(hex(h), hex(account.privateKey));
  return { ...tx, signature: over.signature ?? [sig.r, sig.s] };
}

export type { AccountTransactionV3 };

/** The first two genesis accounts. */
export function pair(c: Chain): [GenesisResult['accounts'][number], GenesisResult['accounts'][number]] {
  const [a, b] = c.genesis.accounts;
  if (a === undefined || b === undefined) throw new Error('the chain needs two accounts');
  return [a, b];
}

/** starknet.js resource bounds object of our bounds. */
export function jsBounds(rb: ResourceBounds) {
  return {
    l1_gas: { max_amount: rb.l1Gas.maxAmount, max_price_per_unit: rb.l1Gas.maxPricePerUnit },
    l2_gas: { max_amount: rb.l2Gas.maxAmount, max_price_per_unit: rb.l2Gas.maxPricePerUnit },
    l1_data_gas: {
      max_amount: rb.l1DataGas?.maxAmount ?? 0n,
      max_price_per_unit: rb.l1DataGas?.maxPricePerUnit ?? 0n,
    },
  } as never;
}

/** A DEPLOY_ACCOUNT v3 with our bounds, nonce 0, no tip and L1 data availability. */
export function deployAccountTx(
  classHash: bigint,
  salt: bigint,
  constructorCalldata: bigint[],
  signature: bigint[] = [],
): DeployAccountV3 {
  return {
    type: 'DEPLOY_ACCOUNT',
    version: 3,
    classHash,
    contractAddressSalt: salt,
    constructorCalldata,
    signature,
    nonce: 0n,
    resourceBounds: BOUNDS,
    tip: 0n,
    paymasterData: [],
    nonceDataAvailabilityMode: 'L1',
    feeDataAvailabilityMode: 'L1',
  };
}
