import {
  keccakF1600,
  type MaybeRelocatable,
  type Relocatable,
  type SyscallHandler,
  type VirtualMachine,
  VmError,
} from '@starling/cairo-vm';
import { decodeShortString, encodeShortString } from '@starling/felt';

/**
 * Gas each syscall charges beyond the base the compiler pre-charges, as the upstream runner
 * (cairo-lang-runner `casm_run::gas_costs`) charges plain programs.
 */
const STEP = 100;
const ENTRY_POINT = 100 * STEP + 500 * STEP;
export const PROGRAM_SYSCALL_GAS = {
  StorageRead: 50 * STEP,
  StorageWrite: 50 * STEP,
  EmitEvent: 10 * STEP,
  SendMessageToL1: 50 * STEP,
  GetExecutionInfo: 10 * STEP,
  GetBlockHash: 50 * STEP,
  Keccak: 0,
  KeccakRound: 180_000,
  Deploy: 200 * STEP + ENTRY_POINT,
  CallContract: 10 * STEP + ENTRY_POINT,
  LibraryCall: 10 * STEP + ENTRY_POINT,
  ReplaceClass: 50 * STEP,
} as const;

type Outcome = { ok: MaybeRelocatable[] } | { fail: bigint[] };

const U64 = (1n << 64n) - 1n;

/**
 * The in-memory Starknet state a plain program sees when run alone, as the upstream runner gives it:
 * one contract (address 0) with storage in memory, events and L2→L1 messages collected, a zeroed
 * execution info, Keccak; there are no other contracts, so deploys and calls fail the way upstream
 * fails them (a failed syscall, not a crashed run).
 */
export class ProgramSyscallHandler implements SyscallHandler {
  readonly storage = new Map<bigint, bigint>();
  readonly events: { keys: bigint[]; data: bigint[] }[] = [];
  readonly messages: { to: bigint; payload: bigint[] }[] = [];
  readonly calls = new Map<string, number>();

  systemCall(vm: VirtualMachine, ptr: Relocatable): void {
    const m = vm.memory;
    let at = ptr.offset;
    const next = (): Relocatable => ({ segment: ptr.segment, offset: at++ });
    const felt = () => m.getFelt(next());
    const arr = (): bigint[] => {
      const start = m.getRel(next());
      const end = m.getRel(next());
      if (end.segment !== start.segment || end.offset < start.offset) {
        throw new VmError('HINT_FAILED', 'syscall: malformed array pointers');
      }
      return m.getFelts(start, end.offset - start.offset);
    };
    const skip = (..._inputs: unknown[]) => undefined;
    const name = decodeShortString(felt());
    const gasStart = felt();
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
    let gas = gasStart;
    const charge = (n: number): boolean => {
      if (gas < BigInt(n)) return false;
      gas -= BigInt(n);
      return true;
    };
    const outOfGas: Outcome = { fail: [encodeShortString('Syscall out of gas')] };
    const run = (): Outcome => {
      switch (name) {
        case 'StorageRead': {
          const [domain, key] = [felt(), felt()];
          if (!charge(PROGRAM_SYSCALL_GAS.StorageRead)) return outOfGas;
          if (domain !== 0n) return { fail: [encodeShortString('Unsupported address domain')] };
          return { ok: [this.storage.get(key) ?? 0n] };
        }
        case 'StorageWrite': {
          const [domain, key, value] = [felt(), felt(), felt()];
          if (!charge(PROGRAM_SYSCALL_GAS.StorageWrite)) return outOfGas;
          if (domain !== 0n) return { fail: [encodeShortString('Unsupported address domain')] };
          this.storage.set(key, value);
          return { ok: [] };
        }
        case 'EmitEvent': {
          const [keys, data] = [arr(), arr()];
          if (!charge(PROGRAM_SYSCALL_GAS.EmitEvent)) return outOfGas;
          this.events.push({ keys, data });
          return { ok: [] };
        }
        case 'SendMessageToL1': {
          const [to, payload] = [felt(), arr()];
          if (!charge(PROGRAM_SYSCALL_GAS.SendMessageToL1)) return outOfGas;
          this.messages.push({ to, payload });
          return { ok: [] };
        }
        case 'GetBlockHash':
          felt();
          if (!charge(PROGRAM_SYSCALL_GAS.GetBlockHash)) return outOfGas;
          return { fail: [encodeShortString('GET_BLOCK_HASH_NOT_SET')] };
        case 'GetExecutionInfo':
          if (!charge(PROGRAM_SYSCALL_GAS.GetExecutionInfo)) return outOfGas;
          return { ok: [executionInfo(vm)] };
        case 'Keccak':
          return keccak(arr(), charge);
        case 'Deploy':
          skip(felt(), felt(), arr(), felt());
          if (!charge(PROGRAM_SYSCALL_GAS.Deploy)) return outOfGas;
          return { fail: [encodeShortString('CLASS_HASH_NOT_FOUND')] };
        case 'CallContract':
          skip(felt(), felt(), arr());
          if (!charge(PROGRAM_SYSCALL_GAS.CallContract)) return outOfGas;
          return { fail: [encodeShortString('CONTRACT_NOT_DEPLOYED')] };
        case 'LibraryCall':
          skip(felt(), felt(), arr());
          if (!charge(PROGRAM_SYSCALL_GAS.LibraryCall)) return outOfGas;
          return { fail: [encodeShortString('CLASS_HASH_NOT_DECLARED')] };
        case 'ReplaceClass':
          felt();
          if (!charge(PROGRAM_SYSCALL_GAS.ReplaceClass)) return outOfGas;
          return { fail: [encodeShortString('CLASS_HASH_NOT_FOUND')] };
        default:
          throw new VmError('HINT_FAILED', `starling run: syscall ${name} is not available to programs`);
      }
    };
    const out = run();
    // The response follows the request: [gas, 0, values…] or [gas, 1, reason start, reason end].
    const response: MaybeRelocatable[] =
      'ok' in out ? [gas, 0n, ...out.ok] : [gas, 1n, ...newArray(vm, out.fail)];
    m.load({ segment: ptr.segment, offset: at }, response);
  }
}

/** Writes `values` to a fresh segment; returns its (start, end). */
function newArray(vm: VirtualMachine, values: MaybeRelocatable[]): [Relocatable, Relocatable] {
  const seg = vm.memory.addSegment().index;
  vm.memory.load({ segment: seg, offset: 0 }, values);
  return [
    { segment: seg, offset: 0 },
    { segment: seg, offset: values.length },
  ];
}

/** Keccak over 17-word blocks, each charged one round; returns the low and high u128 of the state. */
function keccak(data: bigint[], charge: (n: number) => boolean): Outcome {
  if (!charge(PROGRAM_SYSCALL_GAS.Keccak)) return { fail: [encodeShortString('Syscall out of gas')] };
  if (data.length % 17 !== 0) return { fail: [encodeShortString('Invalid keccak input size')] };
  const state = new Array<bigint>(25).fill(0n);
  for (let b = 0; b < data.length; b += 17) {
    if (!charge(PROGRAM_SYSCALL_GAS.KeccakRound)) return { fail: [encodeShortString('Syscall out of gas')] };
    for (let i = 0; i < 17; i++) {
      const w = data[b + i]!;
      if (w > U64) return { fail: [encodeShortString('Invalid input')] };
      state[i] = state[i]! ^ w;
    }
    keccakF1600(state);
  }
  return { ok: [(state[1]! << 64n) | state[0]!, (state[3]! << 64n) | state[2]!] };
}

/** A zeroed ExecutionInfo (block info, v3 tx info with empty arrays), laid out as the runner does. */
function executionInfo(vm: VirtualMachine): Relocatable {
  const seg = vm.memory.addSegment().index;
  const p = (offset: number): Relocatable => ({ segment: seg, offset });
  // Signature, resource bounds, paymaster data and deployment data are all empty, at offset 0.
  const empty = p(0);
  const tx = [0n, 0n, 0n, empty, empty, 0n, 0n, 0n, empty, empty, 0n, empty, empty, 0n, 0n, empty, empty];
  const block = [0n, 0n, 0n];
  // [tx info (17)][block info (3)][execution info: block, tx, caller, contract, selector]
  vm.memory.load(p(0), [...tx, ...block, p(tx.length), p(0), 0n, 0n, 0n]);
  return p(tx.length + block.length);
}
