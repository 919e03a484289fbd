import type { MaybeRelocatable } from '../types.js';
import type { VirtualMachine } from '../vm/vm.js';
import { BuiltinRunner } from './builtin-runner.js';

/** segment_arena: (infos_ptr, n_constructed, n_destructed); pre-filled, its base is start + 3. */
export class SegmentArenaBuiltin extends BuiltinRunner {
  readonly name = 'segment_arena' as const;
  readonly cellsPerInstance = 3;
  readonly nInputCells = 3;

  override initialize(vm: VirtualMachine): void {
    this.vm = vm;
    const info = vm.memory.addSegment();
    const s = vm.memory.addSegment();
    this.segment = s;
    vm.memory.load({ segment: s.index, offset: 0 }, [{ segment: info.index, offset: 0 }, 0n, 0n]);
  }

  override initialStack(): MaybeRelocatable[] {
    return [{ segment: this.base, offset: 3 }];
  }

  override usedCells(): number {
    return Math.max(0, (this.segment?.size ?? 3) - 3);
  }
}
