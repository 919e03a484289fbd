import { vmError } from '../errors.js';
import { CAIRO1_BUILTIN_ORDER, DEFAULT_INITIAL_GAS, ENTRY_POINT_INITIAL_BUDGET } from '../options.js';
import type { BuiltinName, ExecutionResources, MaybeRelocatable, Relocatable } from '../types.js';
import type { EntryPoint, Program } from './program.js';
import { CairoRunner, type RunnerOptions } from './runner.js';

export interface EntryPointOptions extends RunnerOptions {
  /** Gas given to the call (before the entry-point budget is reserved). */
  initialGas?: bigint;
  /** Called with the steps run so far when the run throws, so that a caller can still charge them. */
  onAbort?: (steps: number) => void;
}

export interface EntryPointResult {
  /** True when the entry point panicked; retdata is then the panic data. */
  failed: boolean;
  retdata: bigint[];
  gasConsumed: bigint;
  remainingGas: bigint;
  resources: ExecutionResources;
  /** Syscall pointer at the end of the run. */
  syscallPtrEnd: Relocatable;
  runner: CairoRunner;
}

/** Checks that the entry point's builtins are an ordered subsequence of the Cairo 1 builtins. */
export function validateEntryPointBuiltins(builtins: readonly BuiltinName[]): void {
  let j = 0;
  for (const b of builtins) {
    while (j < CAIRO1_BUILTIN_ORDER.length && CAIRO1_BUILTIN_ORDER[j] !== b) j++;
    if (j === CAIRO1_BUILTIN_ORDER.length) {
      throw vmError('INVALID_PROGRAM', `unsupported or misordered Cairo 1 builtins: ${builtins.join(', ')}`);
    }
    j++;
  }
}

/** Runs a contract entry point with the Starknet calling convention (as the blockifier does). */
export function runEntryPoint(
  program: Program,
  entryPoint: EntryPoint,
  calldata: readonly bigint[],
  options: EntryPointOptions = {},
): EntryPointResult {
  validateEntryPointBuiltins(entryPoint.builtins);
  const initialGas = options.initialGas ?? DEFAULT_INITIAL_GAS;
  if (initialGas < ENTRY_POINT_INITIAL_BUDGET) {
    throw vmError('OUT_OF_GAS', `initial gas ${initialGas} is below the entry-point budget`);
  }
  const runner = new CairoRunner(program, options);
  runner.initBuiltins(entryPoint.builtins);
  runner.loadProgram();
  const m = runner.vm.memory;
  const syscallSeg = m.addSegment();
  const stack: MaybeRelocatable[] = [];
  for (const name of entryPoint.builtins) stack.push(...runner.builtinStack([name], 0n));
  stack.push(initialGas - ENTRY_POINT_INITIAL_BUDGET);
  stack.push({ segment: syscallSeg.index, offset: 0 });
  const cd = runner.allocReadOnly(calldata);
  stack.push(cd, { segment: cd.segment, offset: calldata.length });
  if (entryPoint.offset < 0 || entryPoint.offset >= program.bytecode.length) {
    throw vmError('ENTRY_POINT_NOT_FOUND', `entry point offset ${entryPoint.offset} is outside the bytecode`);
  }
  runner.start({ segment: runner.programSegment.index, offset: entryPoint.offset }, stack);
  try {
    runner.run();
  } catch (e) {
    options.onAbort?.(runner.vm.steps);
    throw e;
  }
  fillRangeCheck96Holes(runner, entryPoint.builtins);
  runner.verify();
  runner.markOsAccesses();

  const [gas, sysEnd, flag, start, end] = runner.returnValues(5);
  if (typeof gas !== 'bigint' || gas > initialGas) {
    throw vmError('INVALID_PROGRAM', `malformed return data: remaining gas ${String(gas)}`);
  }
  if (flag !== 0n && flag !== 1n) throw vmError('INVALID_PROGRAM', 'malformed return data: failure flag');
  if (
    typeof start !== 'object' ||
    typeof end !== 'object' ||
    typeof sysEnd !== 'object' ||
    start.segment !== end.segment
  ) {
    throw vmError('INVALID_PROGRAM', 'malformed return data: retdata pointers');
  }
  const retdata = m.getFelts(start, end.offset - start.offset);
  return {
    failed: flag === 1n,
    retdata,
    gasConsumed: initialGas - gas,
    remainingGas: gas,
    resources: runner.resources(),
    syscallPtrEnd: sysEnd,
    runner,
  };
}

/** Fills the holes of the range_check96 segment up to its stop pointer (blockifier's maybe_fill_holes). */
function fillRangeCheck96Holes(runner: CairoRunner, builtins: readonly BuiltinName[]): void {
  const pos = [...builtins].reverse().indexOf('range_check96');
  if (pos < 0) return;
  const b = runner.builtin('range_check96');
  if (b?.segment === undefined) return;
  const stop = runner.vm.memory.getRel({
    segment: runner.execSegment.index,
    offset: runner.vm.ap - (6 + pos),
  });
  if (stop.segment !== b.segment.index)
    throw vmError('SECURITY_CHECK', 'range_check96 stop pointer mismatch');
  for (let i = 0; i < stop.offset; i++) {
    if (b.segment.isEmpty(i)) runner.vm.memory.write({ segment: stop.segment, offset: i }, 0n);
  }
  if (b.segment.size < stop.offset) b.segment.size = stop.offset;
}
