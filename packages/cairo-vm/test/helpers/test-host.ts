// A minimal in-test Starknet host: answers SystemCall hints from an in-memory storage map.
// It is test scaffolding for the VM's syscall extension point, not the execution layer.
import { decodeShortString, encodeShortString } from '@starling/felt';
import {
  CairoRunner,
  type CompiledClass,
  type EntryPointResult,
  type EntryPointType,
  findEntryPoint,
  type Relocatable,
  runEntryPoint,
  type SyscallHandler,
  type VirtualMachine,
} from '../../src/index.ts';

/** Syscall names by selector (decoded once: benchmarks run this host thousands of times). */
const NAMES = new Map<bigint, string>();

const SEL = (s: string): bigint => encodeShortString(s);

export interface TxInfo {
  version: bigint;
  account: bigint;
  signature: bigint[];
  hash: bigint;
  chainId: bigint;
  nonce: bigint;
}

export class TestHost implements SyscallHandler {
  readonly storage = new Map<bigint, bigint>();
  readonly events: { keys: bigint[]; data: bigint[] }[] = [];
  readonly syscalls: string[] = [];
  caller = 0n;
  contract = 0x1234n;
  selector = 0n;
  tx: TxInfo = { version: 3n, account: 0n, signature: [], hash: 0n, chainId: SEL('SN_SEPOLIA'), nonce: 0n };
  /** Extra gas charged per syscall beyond the compiler's pre-charge. */
  extraCost = 0n;

  systemCall(vm: VirtualMachine, ptr: Relocatable): void {
    const m = vm.memory;
    const at = (i: number): Relocatable => ({ segment: ptr.segment, offset: ptr.offset + i });
    const selector = m.getFelt(at(0));
    let name = NAMES.get(selector);
    if (name === undefined) {
      name = decodeShortString(selector);
      NAMES.set(selector, name);
    }
    this.syscalls.push(name);
    const gas = m.getFelt(at(1));
    const respond = (reqLen: number, out: (bigint | Relocatable)[]): void => {
      if (gas < this.extraCost) {
        const err = this.array(vm, [SEL('Out of gas')]);
        m.load(at(reqLen), [gas, 1n, err.start, err.end]);
        return;
      }
      m.load(at(reqLen), [gas - this.extraCost, 0n, ...out]);
    };
    switch (name) {
      case 'StorageRead': {
        const key = m.getFelt(at(3));
        respond(4, [this.storage.get(key) ?? 0n]);
        return;
      }
      case 'StorageWrite':
        this.storage.set(m.getFelt(at(3)), m.getFelt(at(4)));
        respond(5, []);
        return;
      case 'EmitEvent': {
        const span = (i: number): bigint[] => {
          const s = m.getRel(at(i));
          const e = m.getRel(at(i + 1));
          return m.getFelts(s, e.offset - s.offset);
        };
        this.events.push({ keys: span(2), data: span(4) });
        respond(6, []);
        return;
      }
      case 'GetExecutionInfo':
        respond(2, [this.executionInfo(vm)]);
        return;
      default:
        throw new Error(`test host: unsupported syscall ${name}`);
    }
  }

  private array(
    vm: VirtualMachine,
    values: (bigint | Relocatable)[],
  ): { start: Relocatable; end: Relocatable } {
    const s = vm.memory.addSegment();
    vm.memory.load({ segment: s.index, offset: 0 }, values);
    return { start: { segment: s.index, offset: 0 }, end: { segment: s.index, offset: values.length } };
  }

  private executionInfo(vm: VirtualMachine): Relocatable {
    const block = this.array(vm, [100n, 1_700_000_000n, 0x5en]).start;
    const sig = this.array(vm, this.tx.signature);
    const empty = this.array(vm, []);
    const tx = this.array(vm, [
      this.tx.version,
      this.tx.account,
      0n,
      sig.start,
      sig.end,
      this.tx.hash,
      this.tx.chainId,
      this.tx.nonce,
      empty.start,
      empty.end,
      0n,
      empty.start,
      empty.end,
      0n,
      0n,
      empty.start,
      empty.end,
    ]).start;
    return this.array(vm, [block, tx, this.caller, this.contract, this.selector]).start;
  }
}

/** Calls an entry point of a class by selector through the test host. */
export function call(
  cls: CompiledClass,
  host: TestHost,
  selector: bigint,
  calldata: bigint[],
  type: EntryPointType = 'EXTERNAL',
  extra: { trace?: boolean; initialGas?: bigint; maxSteps?: number } = {},
): EntryPointResult {
  const ep = findEntryPoint(cls, type, selector);
  host.selector = selector;
  return runEntryPoint(cls.program, ep, calldata, { syscallHandler: host, ...extra });
}

export { CairoRunner };
