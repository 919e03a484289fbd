// The SystemCall hint handler of one call: reads a request, charges its gas (the compiler already
// pre-charged syscall_base), runs it and writes the response, as the blockifier does.
import type { Relocatable, SyscallHandler, VirtualMachine } from '@starling/cairo-vm';
import { decodeShortString } from '@starling/felt';
import type { ExecutionContext } from '../call/context.js';
import { executionError } from '../errors.js';
import { syscallGasCost } from '../gas/syscall-costs.js';
import type { CallEntryPoint, CallInfo, OrderedEvent, OrderedMessage, SyscallRecord } from '../types.js';
import { OUT_OF_GAS, SyscallRevert } from './revert.js';
import type { SecpPoints } from './secp-points.js';
import { SYSCALLS } from './syscall-table.js';

// Syscall selectors are a few short strings used over and over: decode each once (bounded, since a
// program may pass any felt).
const names = new Map<bigint, string>();

function selectorName(selector: bigint): string {
  let name = names.get(selector);
  if (name === undefined) {
    name = decodeShortString(selector);
    if (names.size >= 256) names.clear();
    names.set(selector, name);
  }
  return name;
}

/** Input of a syscall implementation: the request reader and the gas left after its cost. */
export interface SyscallIo {
  vm: VirtualMachine;
  /** Reads request cell i (after selector and gas). */
  felt(i: number): bigint;
  ptr(i: number): Relocatable;
  /** Reads the felt array between the pointers at cells i and i+1. */
  array(i: number): bigint[];
  /** Length of the array between the pointers at cells i and i+1 (not recorded). */
  arrayLen(i: number): number;
  /** Remaining gas; implementations running inner calls decrease it. */
  gas: bigint;
  /** Resolved request values for the proving record. */
  recorded: bigint[];
}

export type SyscallOutput = (bigint | Relocatable)[];

export interface SyscallSpec {
  /** Request cells after selector and gas. */
  size: number;
  /** Linear-factor length (calldata or payload felts), for the gas cost. */
  linear?(io: SyscallIo): number;
  run(h: CallSyscallHandler, io: SyscallIo): SyscallOutput;
}

// A class rather than closures per syscall: syscalls are on every transaction's hot path.
class RequestReader implements SyscallIo {
  readonly recorded: bigint[] = [];

  constructor(
    readonly vm: VirtualMachine,
    private readonly base: Relocatable,
    private readonly name: string,
    public gas: bigint,
  ) {}

  private at(i: number): Relocatable {
    return { segment: this.base.segment, offset: this.base.offset + i };
  }

  felt(i: number): bigint {
    const v = this.vm.memory.getFelt(this.at(2 + i));
    this.recorded.push(v);
    return v;
  }

  ptr(i: number): Relocatable {
    return this.vm.memory.getRel(this.at(2 + i));
  }

  array(i: number): bigint[] {
    const m = this.vm.memory;
    const s = m.getRel(this.at(2 + i));
    const e = m.getRel(this.at(3 + i));
    if (s.segment !== e.segment || e.offset < s.offset)
      throw executionError('SYSCALL_ERROR', `${this.name}: malformed array pointers`);
    const vals = m.getFelts(s, e.offset - s.offset);
    this.recorded.push(BigInt(vals.length), ...vals);
    return vals;
  }

  arrayLen(i: number): number {
    const m = this.vm.memory;
    return m.getRel(this.at(3 + i)).offset - m.getRel(this.at(2 + i)).offset;
  }
}

/** Answers one call's syscalls and collects what the call produced. */
export class CallSyscallHandler implements SyscallHandler {
  readonly events: OrderedEvent[] = [];
  readonly messages: OrderedMessage[] = [];
  readonly innerCalls: CallInfo[] = [];
  readonly records: SyscallRecord[] = [];
  readonly storageReads: { key: bigint; value: bigint }[] = [];
  /** selector → [call count, linear factor] (OS resources of CairoSteps calls). */
  readonly usage = new Map<string, { count: number; linear: number }>();
  executionInfoPtr: Relocatable | undefined;
  secp: Partial<Record<'k1' | 'r1', SecpPoints>> = {};

  constructor(
    readonly ctx: ExecutionContext,
    readonly call: CallEntryPoint & { classHash: bigint },
  ) {}

  countUsage(name: string, count: number, linear = 0): void {
    const u = this.usage.get(name) ?? { count: 0, linear: 0 };
    u.count += count;
    u.linear += linear;
    this.usage.set(name, u);
  }

  /** Allocates a read-only-by-convention segment holding `values`; returns [start, end]. */
  segment(vm: VirtualMachine, values: readonly bigint[]): [Relocatable, Relocatable] {
    const s = vm.memory.addSegment();
    vm.memory.load({ segment: s.index, offset: 0 }, values);
    return [
      { segment: s.index, offset: 0 },
      { segment: s.index, offset: values.length },
    ];
  }

  systemCall(vm: VirtualMachine, ptr: Relocatable): void {
    const m = vm.memory;
    const name = selectorName(m.getFelt(ptr));
    const spec = SYSCALLS[name];
    if (spec === undefined) throw executionError('SYSCALL_ERROR', `unsupported syscall selector ${name}`);
    const gasCounter = m.getFelt({ segment: ptr.segment, offset: ptr.offset + 1 });
    if (gasCounter >= 1n << 64n) throw executionError('SYSCALL_ERROR', `unexpected gas ${gasCounter}`);
    const io = new RequestReader(vm, ptr, name, gasCounter);
    const recorded = io.recorded;
    if (name !== 'Keccak') this.countUsage(name, 1);
    const cost = syscallGasCost(this.ctx.vc, name);
    if (cost === undefined) throw executionError('SYSCALL_ERROR', `no gas cost for syscall ${name}`);
    const linear = spec.linear?.(io) ?? 0;
    if (linear > 0) this.countUsage(name, 0, linear);
    const required = cost.base + cost.linear * BigInt(linear) - BigInt(this.ctx.vc.os.syscallBaseGasCost);
    const respAt = { segment: ptr.segment, offset: ptr.offset + 2 + spec.size };
    let response: (bigint | Relocatable)[];
    if (gasCounter < required) {
      response = this.failure(vm, gasCounter, [OUT_OF_GAS]);
    } else {
      io.gas = gasCounter - required;
      // Only Sierra-gas frames move the revert tracker (Cairo-steps frames run on a default gas).
      const stack = this.ctx.trackedStack;
      if (stack[stack.length - 1] !== 'CairoSteps') this.ctx.lastSeenGas = io.gas;
      try {
        const out = spec.run(this, io);
        response = [io.gas, 0n, ...out];
      } catch (e) {
        if (!(e instanceof SyscallRevert)) throw e;
        response = this.failure(vm, io.gas, e.data);
      }
    }
    m.load(respAt, response);
    this.records.push({
      selector: name,
      request: recorded,
      response: resolveResponse(vm, name, response),
      gasBefore: gasCounter,
      gasAfter: response[0] as bigint,
    });
  }

  private failure(vm: VirtualMachine, gas: bigint, data: bigint[]): (bigint | Relocatable)[] {
    const [s, e] = this.segment(vm, data);
    return [gas, 1n, s, e];
  }
}

/**
 * Response cells with pointers resolved for the proving record: a (start, end) pair becomes
 * [length, …values]; the SHA-256 state pointer becomes its 8 words; the execution-info pointer
 * (rebuilt from the block and transaction context) is recorded as 0.
 */
function resolveResponse(
  vm: VirtualMachine,
  name: string,
  cells: readonly (bigint | Relocatable)[],
): bigint[] {
  const out: bigint[] = [];
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i] as bigint | Relocatable;
    if (typeof v === 'bigint') {
      out.push(v);
      continue;
    }
    const next = cells[i + 1];
    if (next !== undefined && typeof next !== 'bigint' && next.segment === v.segment) {
      const vals = vm.memory.getFelts(v, next.offset - v.offset);
      out.push(BigInt(vals.length), ...vals);
      i++;
    } else if (name === 'Sha256ProcessBlock' || name === 'Sha512ProcessBlock')
      out.push(...vm.memory.getFelts(v, 8));
    else out.push(0n);
  }
  return out;
}
