// The Cairo 1 syscalls: request layout, linear gas factor and semantics of each selector.
import { keccakF1600 } from '@starling/cairo-vm';
import { calculateContractAddress } from '@starling/protocol';
import { executeCall } from '../call/execute-call.js';
import { executionError } from '../errors.js';
import { syscallGasCost } from '../gas/syscall-costs.js';
import type { CallEntryPoint, CallInfo } from '../types.js';
import { writeExecutionInfo } from './execution-info.js';
import { metaTxV0 } from './meta-tx.js';
import {
  BLOCK_NUMBER_OUT_OF_RANGE,
  ENTRYPOINT_FAILED,
  INVALID_ARGUMENT,
  INVALID_INPUT_LENGTH,
  OUT_OF_GAS,
  SyscallRevert,
} from './revert.js';
import { secpSyscalls } from './secp-syscalls.js';
import { sha256ProcessBlock } from './sha256-block.js';
import { sha512ProcessBlock } from './sha512-block.js';
import type { CallSyscallHandler, SyscallIo, SyscallSpec } from './syscall-handler.js';

const STORAGE_KEY_BOUND = 1n << 251n;
const ETH_ADDRESS_BOUND = 1n << 160n;

function reject(h: CallSyscallHandler, what: string): void {
  if (h.ctx.mode === 'validate') {
    throw executionError('SYSCALL_ERROR', `Unauthorized syscall ${what} in execution mode Validate.`);
  }
}

function storageKey(io: SyscallIo, i: number): bigint {
  if (io.felt(i) !== 0n)
    throw executionError('SYSCALL_ERROR', 'Invalid address domain: only 0 is supported.');
  const key = io.felt(i + 1);
  if (key >= STORAGE_KEY_BOUND) throw executionError('SYSCALL_ERROR', `storage key out of range: ${key}`);
  return key;
}

/** Runs an inner call; a failed call becomes a revert with ENTRYPOINT_FAILED appended. */
export function innerCall(h: CallSyscallHandler, io: SyscallIo, call: CallEntryPoint): bigint[] {
  const remaining = { value: io.gas };
  const info: CallInfo = executeCall(h.ctx, { ...call, initialGas: io.gas }, remaining);
  io.gas = remaining.value;
  h.innerCalls.push(info);
  if (info.failed) throw new SyscallRevert([...info.retdata, ENTRYPOINT_FAILED]);
  return info.retdata;
}

function blockDirectExecute(h: CallSyscallHandler, selector: bigint): void {
  if (h.ctx.vc.flags.blockDirectExecuteCall && selector === h.ctx.vc.os.executeEntryPointSelector) {
    throw new SyscallRevert([INVALID_ARGUMENT]);
  }
}

const callContract: SyscallSpec = {
  size: 4,
  run(h, io) {
    const address = io.felt(0);
    const selector = io.felt(1);
    const calldata = io.array(2);
    if (h.ctx.mode === 'validate' && address !== h.call.storageAddress) reject(h, 'call_contract');
    blockDirectExecute(h, selector);
    const retdata = innerCall(h, io, {
      codeAddress: address,
      entryPointType: 'EXTERNAL',
      selector,
      calldata,
      storageAddress: address,
      callerAddress: h.call.storageAddress,
      callType: 'CALL',
      initialGas: io.gas,
    });
    return h.segment(io.vm, retdata);
  },
};

const libraryCall: SyscallSpec = {
  size: 4,
  run(h, io) {
    const classHash = io.felt(0);
    const selector = io.felt(1);
    const calldata = io.array(2);
    blockDirectExecute(h, selector);
    const retdata = innerCall(h, io, {
      classHash,
      entryPointType: 'EXTERNAL',
      selector,
      calldata,
      storageAddress: h.call.storageAddress,
      callerAddress: h.call.callerAddress,
      callType: 'DELEGATE',
      initialGas: io.gas,
    });
    return h.segment(io.vm, retdata);
  },
};

const deploy: SyscallSpec = {
  size: 5,
  linear: (io) => io.arrayLen(2),
  run(h, io) {
    const classHash = io.felt(0);
    const salt = io.felt(1);
    const calldata = io.array(2);
    const fromZero = io.felt(4);
    if (fromZero > 1n) throw executionError('SYSCALL_ERROR', 'deploy_from_zero must be 0 or 1');
    if (h.ctx.vc.flags.disableDeployInValidationMode) reject(h, 'deploy');
    const deployer = h.call.storageAddress;
    const address = calculateContractAddress(salt, classHash, calldata, fromZero === 1n ? 0n : deployer);
    const retdata = deployContract(h, io, classHash, address, calldata, deployer);
    return [address, ...h.segment(io.vm, retdata)];
  },
};

/** Deploys a class at an address and runs its constructor (shared with DEPLOY_ACCOUNT's logic). */
export function deployContract(
  h: CallSyscallHandler,
  io: SyscallIo,
  classHash: bigint,
  address: bigint,
  calldata: bigint[],
  deployer: bigint,
): bigint[] {
  const state = h.ctx.state;
  if (state.getCompiledClass(classHash) === undefined) {
    throw executionError(
      'CLASS_HASH_NOT_FOUND',
      `Class with hash 0x${classHash.toString(16)} is not declared.`,
    );
  }
  if (state.getClassHashAt(address) !== 0n) {
    throw executionError(
      'SYSCALL_ERROR',
      `Requested contract address 0x${address.toString(16)} is unavailable for deployment.`,
    );
  }
  state.checkpoint();
  state.setClassHashAt(address, classHash);
  try {
    const casm = state.getCompiledClass(classHash);
    const hasCtor = (casm?.entryPointsByType.CONSTRUCTOR.length ?? 0) > 0;
    if (!hasCtor) {
      if (calldata.length > 0)
        throw executionError('SYSCALL_ERROR', 'Cannot pass calldata to a contract with no constructor.');
      h.innerCalls.push(emptyConstructorCall(classHash, address, deployer, calldata, io.gas));
      state.commit();
      return [];
    }
    const retdata = innerCall(h, io, {
      classHash,
      codeAddress: address,
      entryPointType: 'CONSTRUCTOR',
      selector: h.ctx.vc.os.constructorEntryPointSelector,
      calldata,
      storageAddress: address,
      callerAddress: deployer,
      callType: 'CALL',
      initialGas: io.gas,
    });
    state.commit();
    return retdata;
  } catch (e) {
    state.rollback();
    throw e;
  }
}

function emptyConstructorCall(
  classHash: bigint,
  address: bigint,
  caller: bigint,
  calldata: bigint[],
  gas: bigint,
): CallInfo {
  return {
    call: {
      classHash,
      codeAddress: address,
      entryPointType: 'CONSTRUCTOR',
      selector: 0x28ffe4ff0f226a9107253e17a904099aa4f63a02a5621de0576e5aa71bc5194n,
      calldata,
      storageAddress: address,
      callerAddress: caller,
      callType: 'CALL',
      initialGas: gas,
    },
    retdata: [],
    failed: false,
    gasConsumed: 0n,
    events: [],
    messages: [],
    innerCalls: [],
    trackedResource: 'SierraGas',
    resources: { n_steps: 0, n_memory_holes: 0, builtin_instance_counter: {} },
    syscalls: [],
    storageReads: [],
  };
}

const keccak: SyscallSpec = {
  size: 2,
  run(h, io) {
    const words = io.array(0);
    if (words.length % 17 !== 0) throw new SyscallRevert([INVALID_INPUT_LENGTH]);
    const rounds = words.length / 17;
    const roundCost = syscallGasCost(h.ctx.vc, 'KeccakRound')?.base ?? 0n;
    const cost = BigInt(rounds) * roundCost;
    if (cost > io.gas) throw new SyscallRevert([OUT_OF_GAS]);
    io.gas -= cost;
    h.countUsage('Keccak', rounds);
    const st: bigint[] = new Array(25).fill(0n);
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < 17; i++) {
        const w = words[r * 17 + i] as bigint;
        if (w >= 1n << 64n) throw executionError('SYSCALL_ERROR', 'Invalid input for the keccak syscall.');
        st[i] = (st[i] as bigint) ^ w;
      }
      keccakF1600(st);
    }
    const [a = 0n, b = 0n, c = 0n, d = 0n] = st;
    return [a + (b << 64n), c + (d << 64n)];
  },
};

const sha256: SyscallSpec = {
  size: 2,
  run(h, io) {
    const m = io.vm.memory;
    const st = m.getFelts(io.ptr(0), 8).map(Number);
    const block = m.getFelts(io.ptr(1), 16).map(Number);
    io.recorded.push(...st.map(BigInt), ...block.map(BigInt));
    const out = sha256ProcessBlock(st, block).map(BigInt);
    return [h.segment(io.vm, out)[0]];
  },
};

const sha512: SyscallSpec = {
  size: 2,
  run(h, io) {
    const m = io.vm.memory;
    const st = m.getFelts(io.ptr(0), 8);
    const block = m.getFelts(io.ptr(1), 16);
    io.recorded.push(...st, ...block);
    return [h.segment(io.vm, sha512ProcessBlock(st, block))[0]];
  },
};

const SYSCALL_TABLE: Record<string, SyscallSpec> = {
  StorageRead: {
    size: 2,
    run(h, io) {
      const key = storageKey(io, 0);
      const value = h.ctx.state.getStorageAt(h.call.storageAddress, key);
      h.storageReads.push({ key, value });
      return [value];
    },
  },
  StorageWrite: {
    size: 3,
    run(h, io) {
      const key = storageKey(io, 0);
      h.ctx.state.setStorageAt(h.call.storageAddress, key, io.felt(2));
      return [];
    },
  },
  CallContract: callContract,
  LibraryCall: libraryCall,
  Deploy: deploy,
  EmitEvent: {
    size: 4,
    run(h, io) {
      const keys = io.array(0);
      const data = io.array(2);
      const lim = h.ctx.vc.txEventLimits;
      if (h.ctx.nEmittedEvents + 1 > lim.maxNEmittedEvents)
        throw executionError(
          'SYSCALL_ERROR',
          `Exceeded the maximum number of events, number events: ${h.ctx.nEmittedEvents + 1}, max number events: ${lim.maxNEmittedEvents}.`,
        );
      if (keys.length > lim.maxKeysLength)
        throw executionError(
          'SYSCALL_ERROR',
          `Exceeded the maximum keys length, keys length: ${keys.length}, max keys length: ${lim.maxKeysLength}.`,
        );
      if (data.length > lim.maxDataLength)
        throw executionError(
          'SYSCALL_ERROR',
          `Exceeded the maximum data length, data length: ${data.length}, max data length: ${lim.maxDataLength}.`,
        );
      h.events.push({ order: h.ctx.nEmittedEvents++, keys, data });
      return [];
    },
  },
  GetExecutionInfo: {
    size: 0,
    run(h, io) {
      h.executionInfoPtr ??= writeExecutionInfo(io.vm, h.ctx, h.call);
      return [h.executionInfoPtr];
    },
  },
  GetBlockHash: {
    size: 1,
    run(h, io) {
      const n = io.felt(0);
      if (n >= 1n << 64n) throw executionError('SYSCALL_ERROR', 'Block number must fit within 64 bits.');
      const current = h.ctx.block.blockNumber;
      const buffer = BigInt(h.ctx.vc.os.storedBlockHashBuffer);
      if (!(current >= buffer && n <= current - buffer)) {
        if (h.ctx.mode === 'execute') throw new SyscallRevert([BLOCK_NUMBER_OUT_OF_RANGE]);
        reject(h, 'get_block_hash on recent blocks');
      }
      return [h.ctx.state.getStorageAt(h.ctx.vc.os.blockHashContractAddress, n)];
    },
  },
  SendMessageToL1: {
    size: 3,
    linear: (io) => io.arrayLen(1),
    run(h, io) {
      const to = io.felt(0);
      const payload = io.array(1);
      if (to >= ETH_ADDRESS_BOUND)
        throw executionError('SYSCALL_ERROR', `Invalid Ethereum address: 0x${to.toString(16)}`);
      h.messages.push({ order: h.ctx.nSentMessages++, toAddress: to, payload });
      return [];
    },
  },
  ReplaceClass: {
    size: 1,
    run(h, io) {
      const classHash = io.felt(0);
      if (h.ctx.state.getCompiledClass(classHash) === undefined)
        throw executionError(
          'CLASS_HASH_NOT_FOUND',
          `Class with hash 0x${classHash.toString(16)} is not declared.`,
        );
      h.ctx.state.setClassHashAt(h.call.storageAddress, classHash);
      return [];
    },
  },
  GetClassHashAt: {
    size: 1,
    run(h, io) {
      reject(h, 'get_class_hash_at');
      return [h.ctx.state.getClassHashAt(io.felt(0))];
    },
  },
  Keccak: keccak,
  Sha256ProcessBlock: sha256,
  Sha512ProcessBlock: sha512,
  MetaTxV0: {
    size: 6,
    linear: (io) => io.arrayLen(2),
    run(h, io) {
      return metaTxV0(h, io);
    },
  },
  ...secpSyscalls(),
};

export const SYSCALLS: Readonly<Record<string, SyscallSpec>> = SYSCALL_TABLE;
