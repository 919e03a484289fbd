import type { BuiltinName, MaybeRelocatable } from '../types.js';
import type { Program } from './program.js';
import { CairoRunner, type FunctionArg, type RunnerOptions } from './runner.js';

export interface FunctionRunOptions extends RunnerOptions {
  /** Implicit parameters in signature order: builtins, 'gas_builtin', 'system'. */
  builtins?: readonly BuiltinName[];
  /** Explicit arguments: felts, or arrays passed as (start, end). */
  args?: readonly FunctionArg[];
  /** Gas for a 'gas_builtin' parameter. */
  gas?: bigint;
  /** Offset of the function in the bytecode (default 0). */
  offset?: number;
}

/** Runs a CASM function with the given implicits and arguments; read results with returnValues(n). */
export function runFunction(program: Program, options: FunctionRunOptions = {}): CairoRunner {
  const builtins = options.builtins ?? [];
  const runner = new CairoRunner(program, options);
  runner.initBuiltins(builtins);
  runner.loadProgram();
  const stack: MaybeRelocatable[] = runner.builtinStack(builtins, options.gas ?? 0n);
  for (const a of options.args ?? []) {
    if (typeof a === 'bigint') stack.push(a);
    else if ('box' in a) {
      const s = runner.vm.memory.addSegment();
      runner.vm.memory.load({ segment: s.index, offset: 0 }, a.box);
      stack.push({ segment: s.index, offset: 0 });
    } else {
      const s = runner.vm.memory.addSegment();
      runner.vm.memory.load({ segment: s.index, offset: 0 }, a);
      stack.push({ segment: s.index, offset: 0 }, { segment: s.index, offset: a.length });
    }
  }
  runner.start({ segment: runner.programSegment.index, offset: options.offset ?? 0 }, stack);
  runner.run();
  runner.verify();
  return runner;
}
