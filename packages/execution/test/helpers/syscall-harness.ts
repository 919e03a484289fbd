// Drives the syscall handler directly: writes a request into VM memory, runs the SystemCall hint's
// handler and reads the response back.
import { type MaybeRelocatable, type Relocatable, VirtualMachine } from '@starling/cairo-vm';
import { encodeShortString } from '@starling/felt';
import { getVersionedConstants } from '@starling/protocol';
import {
  CallSyscallHandler,
  DictStateReader,
  defaultBlockContext,
  ExecutionContext,
  ExecutionState,
  emptyTxInfo,
  type TxInfo,
} from '../../src/index.ts';
import type { BlockContext, ExecutionMode } from '../../src/types.ts';

export interface Harness {
  vm: VirtualMachine;
  state: ExecutionState;
  ctx: ExecutionContext;
  handler: CallSyscallHandler;
  /** Runs a syscall; returns the response cells (gas, flag, …). */
  call(name: string, gas: bigint, inputs: MaybeRelocatable[], responseSize?: number): MaybeRelocatable[];
  array(values: bigint[]): [Relocatable, Relocatable];
  felts(start: MaybeRelocatable | undefined, end: MaybeRelocatable | undefined): bigint[];
}

export function harness(
  opts: {
    mode?: ExecutionMode;
    block?: Partial<BlockContext>;
    tx?: Partial<TxInfo>;
    base?: DictStateReader;
    classHash?: bigint;
  } = {},
): Harness {
  const vm = new VirtualMachine();
  const state = new ExecutionState(opts.base ?? new DictStateReader());
  const vc = getVersionedConstants('0.14.1');
  const ctx = new ExecutionContext(
    state,
    defaultBlockContext({ blockNumber: 100n, timestamp: 1_700_000_123n, ...opts.block }),
    vc,
    emptyTxInfo(opts.tx),
    opts.mode ?? 'execute',
  );
  const handler = new CallSyscallHandler(ctx, {
    classHash: opts.classHash ?? 0xc1a55n,
    entryPointType: 'EXTERNAL',
    selector: 0x5e1n,
    calldata: [],
    storageAddress: 0xabcn,
    callerAddress: 0xca11e5n,
    callType: 'CALL',
    initialGas: 10n ** 9n,
  });
  const m = vm.memory;
  return {
    vm,
    state,
    ctx,
    handler,
    call(name, gas, inputs, responseSize = 6) {
      const seg = m.addSegment();
      const ptr = { segment: seg.index, offset: 0 };
      m.load(ptr, [encodeShortString(name), gas, ...inputs]);
      handler.systemCall(vm, ptr);
      const out: MaybeRelocatable[] = [];
      for (let i = 0; i < responseSize; i++) {
        const v = m.get({ segment: seg.index, offset: 2 + inputs.length + i });
        if (v === undefined) break;
        out.push(v);
      }
      return out;
    },
    array(values) {
      const s = m.addSegment();
      m.load({ segment: s.index, offset: 0 }, values);
      return [
        { segment: s.index, offset: 0 },
        { segment: s.index, offset: values.length },
      ];
    },
    felts(start, end) {
      if (typeof start !== 'object' || typeof end !== 'object') throw new TypeError('expected pointers');
      return m.getFelts(start, end.offset - start.offset);
    },
  };
}
