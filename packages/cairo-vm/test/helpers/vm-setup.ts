import {
  Cairo1HintProcessor,
  compileHint,
  type HintJson,
  type MaybeRelocatable,
  type Relocatable,
  VirtualMachine,
} from '../../src/index.ts';

/** A VM with program (0) and execution (1) segments, ap = fp = 10, and `cells` at exec offsets. */
export function vmWith(cells: Record<number, MaybeRelocatable> = {}): VirtualMachine {
  const vm = new VirtualMachine();
  vm.memory.addSegment();
  vm.memory.addSegment();
  vm.execSegment = 1;
  vm.ap = 10;
  vm.fp = 10;
  for (const [off, v] of Object.entries(cells)) vm.memory.write({ segment: 1, offset: Number(off) }, v);
  return vm;
}

export const ap = (offset: number) => ({ register: 'AP' as const, offset });
export const deref = (offset: number) => ({ Deref: ap(offset) });
export const imm = (v: bigint) => ({ Immediate: `0x${v.toString(16)}` });

/** Executes hints (JSON form) with a fresh or given processor. */
export function hint(
  vm: VirtualMachine,
  json: HintJson,
  proc = new Cairo1HintProcessor(),
): Cairo1HintProcessor {
  proc.execute(vm, [compileHint(json)]);
  return proc;
}

/** Felt at exec offset ap + k. */
export function at(vm: VirtualMachine, k: number): bigint {
  return vm.memory.getFelt({ segment: 1, offset: vm.ap + k });
}

export function relAt(vm: VirtualMachine, k: number): Relocatable {
  return vm.memory.getRel({ segment: 1, offset: vm.ap + k });
}
