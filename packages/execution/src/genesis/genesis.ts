// Genesis state of a local chain: the STRK fee token at its mainnet address, an account class,
// funded accounts derived from a seed, and the Universal Deployer when its CASM is available.
import { getPublicKey, poseidonArray } from '@starling/crypto';
import {
  type CasmClass,
  calculateClassHash,
  calculateCompiledClassHash,
  calculateContractAddress,
  compiledClassHashVersionFor,
  type SierraClass,
  type StateDiff,
} from '@starling/protocol';
import { ExecutionContext, emptyTxInfo } from '../call/context.js';
import { executeCall } from '../call/execute-call.js';
import { executionError } from '../errors.js';
import { constantsFor } from '../gas/constants-for.js';
import { STRK_FEE_TOKEN_ADDRESS, UDC_ADDRESS } from '../options.js';
import type { ExecutionState } from '../state/execution-state.js';
import { balanceKey } from '../tx/fee.js';
import type { BlockContext } from '../types.js';

/** A class to declare at genesis: Sierra plus CASM (when compiled). */
export interface GenesisClass {
  sierra: SierraClass;
  casm: CasmClass;
}

export interface GenesisOptions {
  /** ERC20 class deployed as STRK; its constructor is (total_supply: u256, recipient). */
  feeTokenClass: GenesisClass;
  /** OpenZeppelin-style account class; constructor (public_key). */
  accountClass: GenesisClass;
  /** Universal Deployer class; deployed at UDC_ADDRESS when given. */
  udcClass?: GenesisClass;
  seed: bigint;
  accountCount: number;
  /** Initial STRK balance of each account (fri). */
  initialBalance: bigint;
}

export interface GenesisAccount {
  address: bigint;
  privateKey: bigint;
  publicKey: bigint;
  initialBalance: bigint;
}

export interface GenesisResult {
  accounts: GenesisAccount[];
  classHashes: { feeToken: bigint; account: bigint; udc?: bigint };
  /** The declared classes with their bodies, for the node to store. */
  classes: (GenesisClass & { classHash: bigint; compiledClassHash: bigint })[];
  stateDiff: StateDiff;
}

/** Private key of account `i` of a seed: a non-zero u128 (as devnet's keys). */
export function accountPrivateKey(seed: bigint, i: number): bigint {
  const k = poseidonArray([seed, BigInt(i)]) & ((1n << 128n) - 1n);
  return k === 0n ? 1n : k;
}

/** Salt of genesis accounts (devnet uses 20). */
export const GENESIS_ACCOUNT_SALT = 20n;

type Declared = GenesisResult['classes'];

function declare(state: ExecutionState, cls: GenesisClass, version: string, out: Declared): bigint {
  const classHash = calculateClassHash(cls.sierra);
  const compiledClassHash = calculateCompiledClassHash(cls.casm, compiledClassHashVersionFor(version));
  state.declareClass(
    classHash,
    compiledClassHash,
    { kind: 'SIERRA', sierra: cls.sierra, casm: cls.casm },
    cls.casm,
  );
  out.push({ ...cls, classHash, compiledClassHash });
  return classHash;
}

function construct(
  state: ExecutionState,
  block: BlockContext,
  address: bigint,
  classHash: bigint,
  calldata: bigint[],
): void {
  const vc = constantsFor(block.starknetVersion);
  state.setClassHashAt(address, classHash);
  const ctx = new ExecutionContext(state, block, vc, emptyTxInfo(), 'execute');
  const gas = BigInt(vc.os.defaultInitialGasCost);
  const info = executeCall(
    ctx,
    {
      entryPointType: 'CONSTRUCTOR',
      selector: vc.os.constructorEntryPointSelector,
      calldata,
      storageAddress: address,
      callerAddress: 0n,
      callType: 'CALL',
      initialGas: gas,
    },
    { value: gas },
  );
  if (info.failed)
    throw executionError('CONTRACT_ERROR', `genesis constructor of 0x${address.toString(16)} failed`);
}

/** Writes the genesis into `state` (normally over an empty base) and returns its accounts and diff. */
export function applyGenesis(state: ExecutionState, block: BlockContext, o: GenesisOptions): GenesisResult {
  const layer = state.depth;
  state.checkpoint();
  const classes: Declared = [];
  const feeToken = declare(state, o.feeTokenClass, block.starknetVersion, classes);
  const account = declare(state, o.accountClass, block.starknetVersion, classes);
  const accounts: GenesisAccount[] = [];
  for (let i = 0; i < o.accountCount; i++) {
    const privateKey = accountPrivateKey(o.seed, i);
    const publicKey = getPublicKey(privateKey);
    const address = calculateContractAddress(GENESIS_ACCOUNT_SALT, account, [publicKey], 0n);
    construct(state, block, address, account, [publicKey]);
    accounts.push({ address, privateKey, publicKey, initialBalance: o.initialBalance });
  }
  // The token's constructor mints the whole supply to the first account; balances are then spread.
  const total = o.initialBalance * BigInt(o.accountCount);
  const mask = (1n << 128n) - 1n;
  const recipient = accounts[0]?.address ?? 0n;
  construct(state, block, STRK_FEE_TOKEN_ADDRESS, feeToken, [total & mask, total >> 128n, recipient]);
  for (const a of accounts) {
    const k = balanceKey(a.address);
    state.setStorageAt(STRK_FEE_TOKEN_ADDRESS, k, a.initialBalance & mask);
    state.setStorageAt(STRK_FEE_TOKEN_ADDRESS, k + 1n, a.initialBalance >> 128n);
  }
  let udc: bigint | undefined;
  if (o.udcClass !== undefined) {
    udc = declare(state, o.udcClass, block.starknetVersion, classes);
    state.setClassHashAt(UDC_ADDRESS, udc);
  }
  const stateDiff = state.layerDiff(layer);
  state.commit();
  return {
    accounts,
    classHashes: { feeToken, account, ...(udc !== undefined ? { udc } : {}) },
    classes,
    stateDiff,
  };
}
