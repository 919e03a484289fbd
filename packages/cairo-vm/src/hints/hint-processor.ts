import { StarlingError } from '@starling/felt';
import { VmError, vmError } from '../errors.js';
import type { HintExecutor, VirtualMachine } from '../vm/vm.js';
import { CORE_HINT_FNS, DEPRECATED_HINT_FNS } from './core-hints.js';
import { HintState } from './hint-state.js';
import type { CompiledHint } from './hint-types.js';
import { argCell, argOp, cellAddr, getPtr } from './operands.js';
import type { SyscallHandler } from './syscall-handler.js';

/** Cheatcode selector 'RelocateAllDictionaries' (the ASCII bytes as a big-endian integer). */
const RELOCATE_ALL_DICTIONARIES = BigInt(`0x${Buffer.from('RelocateAllDictionaries').toString('hex')}`);

/** Runs Cairo 1 hints: core and deprecated ones here, SystemCall through the host's handler. */
export class Cairo1HintProcessor implements HintExecutor {
  readonly state: HintState;
  syscallHandler: SyscallHandler | undefined;

  constructor(syscallHandler?: SyscallHandler, noTemporarySegments = true) {
    this.syscallHandler = syscallHandler;
    this.state = new HintState(noTemporarySegments);
  }

  execute(vm: VirtualMachine, hints: readonly unknown[]): void {
    for (const raw of hints) {
      const h = raw as CompiledHint;
      try {
        this.run(vm, h);
      } catch (e) {
        // Typed errors (the VM's, or a syscall host's own) pass through; others are wrapped.
        if (e instanceof StarlingError) throw e;
        throw new VmError(
          'HINT_FAILED',
          `hint ${h.name} failed: ${(e as Error).message}`,
          { hint: h.name },
          { cause: e },
        );
      }
    }
  }

  private run(vm: VirtualMachine, h: CompiledHint): void {
    switch (h.family) {
      case 'core': {
        const fn = CORE_HINT_FNS[h.name];
        if (fn === undefined) throw vmError('UNKNOWN_HINT', `unknown core hint ${h.name}`);
        fn(vm, h, this.state);
        return;
      }
      case 'deprecated': {
        const fn = DEPRECATED_HINT_FNS[h.name];
        if (fn === undefined) throw vmError('UNKNOWN_HINT', `unknown deprecated hint ${h.name}`);
        fn(vm, h, this.state);
        return;
      }
      case 'starknet':
        this.runStarknet(vm, h);
        return;
      case 'external':
        throw vmError('EXTERNAL_HINT', `external hint ${h.name} is not allowed`, { hint: h.name });
    }
  }

  private runStarknet(vm: VirtualMachine, h: CompiledHint): void {
    const handler = this.syscallHandler;
    if (h.name === 'SystemCall') {
      if (handler === undefined)
        throw vmError('NO_SYSCALL_HANDLER', 'SystemCall hint without a syscall handler');
      handler.systemCall(vm, getPtr(vm, argOp(h, 'system')));
      return;
    }
    if (h.args.selector === RELOCATE_ALL_DICTIONARIES) {
      // cairo1-run's proof-mode epilogue: dictionaries in temporary segments go after the first one.
      if (!this.state.noTemporarySegments) this.state.dicts.relocateAll(vm);
      return;
    }
    if (handler?.cheatcode === undefined) throw vmError('UNKNOWN_HINT', 'Cheatcode hints are not supported');
    const start = getPtr(vm, argOp(h, 'input_start'));
    const end = getPtr(vm, argOp(h, 'input_end'));
    const input = vm.memory.getFelts(start, end.offset - start.offset);
    const out = handler.cheatcode(vm, h.args.selector as bigint, input);
    const seg = vm.memory.addSegment();
    vm.memory.load({ segment: seg.index, offset: 0 }, out);
    vm.memory.write(cellAddr(vm, argCell(h, 'output_start')), { segment: seg.index, offset: 0 });
    vm.memory.write(cellAddr(vm, argCell(h, 'output_end')), { segment: seg.index, offset: out.length });
  }
}
