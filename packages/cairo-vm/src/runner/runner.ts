import type { BuiltinRunner } from '../builtins/builtin-runner.js';
import { DeducingBuiltin } from '../builtins/builtin-runner.js';
import { createBuiltin } from '../builtins/create-builtin.js';
import { vmError } from '../errors.js';
import { Cairo1HintProcessor } from '../hints/hint-processor.js';
import type { SyscallHandler } from '../hints/syscall-handler.js';
import type { Segment } from '../memory/segment.js';
import type { VmMetrics } from '../metrics.js';
import { DEFAULT_BUILTIN_GAS_COSTS, DEFAULT_MAX_STEPS } from '../options.js';
import type { BuiltinName, ExecutionResources, MaybeRelocatable, Relocatable } from '../types.js';
import { VirtualMachine } from '../vm/vm.js';
import type { Program } from './program.js';
import { programImage, sharedProgramCells } from './program-image.js';

export interface RunnerOptions {
  /** Answers SystemCall hints (the execution layer plugs in here). */
  syscallHandler?: SyscallHandler;
  /** Record the (pc, ap, fp) trace. */
  trace?: boolean;
  /** Step limit (OUT_OF_STEPS beyond it). */
  maxSteps?: number;
  /** Gas prices put after the bytecode: pedersen, bitwise, ec_op, poseidon, add_mod, mul_mod, blake. */
  builtinGasCosts?: readonly bigint[];
  /** Count segment_arena usage in cells instead of instances (versioned constant). */
  segmentArenaCells?: boolean;
  /**
   * Allocate real segments for every dictionary (Starknet mode; default true). When false, every
   * dictionary after the first lives in a temporary segment, relocated at the end of the run to
   * follow the previous one (cairo1-run's proof-mode layout, one dictionary segment in all).
   */
  noTemporarySegments?: boolean;
  /** Accept the Stwo-only opcode extensions (Blake2s, QM31); off for Starknet execution. */
  stwoOpcodes?: boolean;
  /** Receives per-run step counts and durations. */
  metrics?: VmMetrics;
}

/**
 * A function argument: a felt, an array passed as (start, end) of a fresh segment, or a box
 * (a pointer to fresh cells holding the values).
 */
export type FunctionArg = bigint | readonly bigint[] | { readonly box: readonly bigint[] };

/** Loads a program into a segment and runs functions / entry points of it. */
export class CairoRunner {
  readonly vm = new VirtualMachine();
  readonly program: Program;
  readonly options: RunnerOptions;
  readonly hints: Cairo1HintProcessor;
  readonly builtins: BuiltinRunner[] = [];
  readonly programSegment: Segment;
  readonly execSegment: Segment;
  /** Segments that must not change after setup (builtin costs, calldata). */
  readonly readOnly: Segment[] = [];
  /** Length of the program segment: bytecode + `ret` + builtin-cost pointer. */
  programSize = 0;
  initialFp = 0;
  nArgs = 0;
  endPc: Relocatable = { segment: 0, offset: 0 };
  private started = false;

  constructor(program: Program, options: RunnerOptions = {}) {
    this.program = program;
    this.options = options;
    this.hints = new Cairo1HintProcessor(options.syscallHandler, options.noTemporarySegments ?? true);
    this.vm.hintExecutor = this.hints;
    this.programSegment = this.vm.memory.addSegment();
    this.execSegment = this.vm.memory.addSegment(1024);
    this.vm.execSegment = this.execSegment.index;
    if (options.trace === true) this.vm.enableTrace();
    this.vm.stwoOpcodes = options.stwoOpcodes === true;
  }

  /** Creates the builtin runners (segments in the given order); gas_builtin / system are skipped. */
  initBuiltins(names: readonly BuiltinName[]): void {
    for (const name of names) {
      if (name === 'gas_builtin' || name === 'system') continue;
      if (this.builtins.some((b) => b.name === name)) {
        throw vmError('INVALID_PROGRAM', `builtin ${name} listed twice`);
      }
      const b = createBuiltin(name);
      b.initialize(this.vm);
      this.builtins.push(b);
    }
  }

  builtin(name: BuiltinName): BuiltinRunner | undefined {
    return this.builtins.find((b) => b.name === name);
  }

  /** Writes the bytecode, the extra `ret` and the builtin-cost pointer; installs hints. */
  loadProgram(extraData = true): void {
    const seg = this.programSegment;
    const img = programImage(this.program);
    const n = this.program.bytecode.length;
    seg.decoded = img.decoded;
    seg.hints = img.hints;
    if (extraData) {
      const costs = this.allocReadOnly([...(this.options.builtinGasCosts ?? DEFAULT_BUILTIN_GAS_COSTS)]);
      // Bytecode, `ret`, the cost pointer: cells shared by every run (the OS marks them accessed).
      seg.adopt(sharedProgramCells(img, costs.segment));
      this.programSize = n + 2;
      return;
    }
    if (n > seg.tags.length) seg.grow(n);
    seg.tags.set(img.tags);
    seg.vals.set(img.vals);
    seg.bigs = img.bigs.slice();
    seg.accessed.fill(1, 0, n);
    seg.size = n;
    this.programSize = n;
    seg.readOnly = true;
  }

  /** Allocates a read-only segment holding `values`. */
  allocReadOnly(values: readonly MaybeRelocatable[]): Relocatable {
    const s = this.vm.memory.addSegment();
    this.vm.memory.load({ segment: s.index, offset: 0 }, values);
    // Read-only segments count as fully accessed (the blockifier marks them after the run).
    s.accessed.fill(1, 0, values.length);
    s.readOnly = true;
    this.readOnly.push(s);
    return { segment: s.index, offset: 0 };
  }

  /** Pushes the stack + (return_fp = 0, end_pc) and points pc at `entry`. */
  start(entry: Relocatable, stack: readonly MaybeRelocatable[], endPc?: Relocatable): void {
    if (this.started) throw vmError('INVALID_ARGUMENT', 'runner already started');
    this.started = true;
    const m = this.vm.memory;
    // Function calls return into a fresh end segment; proof-mode runs stop at the program's end label.
    this.endPc = endPc ?? { segment: m.addSegment().index, offset: 0 };
    const full = endPc === undefined ? [...stack, 0n, this.endPc] : [...stack];
    m.load({ segment: this.execSegment.index, offset: 0 }, full);
    this.nArgs = stack.length;
    this.initialFp = endPc === undefined ? full.length : 2;
    this.vm.ap = this.initialFp;
    this.vm.fp = this.initialFp;
    this.vm.initialFp = this.initialFp;
    this.vm.pcSegment = entry.segment;
    this.vm.pc = entry.offset;
  }

  /** Runs to the end pc under the step limit. */
  run(): void {
    const metrics = this.options.metrics;
    const t0 = metrics === undefined ? 0 : performance.now();
    let failed = true;
    try {
      this.vm.runUntilPc(this.endPc, this.options.maxSteps ?? DEFAULT_MAX_STEPS);
      // Dictionaries in temporary segments follow the first one (unless the cheatcode already did it).
      if (!this.hints.state.noTemporarySegments) this.hints.state.dicts.relocateAll(this.vm);
      this.vm.memory.relocateTemporary();
      failed = false;
    } finally {
      metrics?.run(this.vm.steps, performance.now() - t0, failed);
    }
  }

  /** Builds the stack for a function taking `builtins` (gas_builtin → gas, system → new segment). */
  builtinStack(names: readonly BuiltinName[], gas: bigint): MaybeRelocatable[] {
    const out: MaybeRelocatable[] = [];
    for (const name of names) {
      if (name === 'gas_builtin') out.push(gas);
      else if (name === 'system') out.push({ segment: this.vm.memory.addSegment().index, offset: 0 });
      else {
        const b = this.builtin(name);
        if (b === undefined) throw vmError('INVALID_PROGRAM', `builtin ${name} not initialized`);
        out.push(...b.initialStack());
      }
    }
    return out;
  }

  /** Values in [ap - n, ap). */
  returnValues(n: number): MaybeRelocatable[] {
    const out: MaybeRelocatable[] = [];
    for (let i = this.vm.ap - n; i < this.vm.ap; i++) {
      const v = this.vm.memory.get({ segment: this.execSegment.index, offset: i });
      if (v === undefined) throw vmError('UNKNOWN_MEMORY', `return value at ap-${this.vm.ap - i} is unknown`);
      out.push(v);
    }
    return out;
  }

  /** Checks builtin deductions and relations after the run (the reference VM's end-of-run checks). */
  verify(): void {
    this.verifyReturnFp();
    this.verifyNoTemporaryPointers();
    for (const b of this.builtins) {
      b.finalCheck();
      if (!(b instanceof DeducingBuiltin)) continue;
      const s = b.segment as Segment;
      for (let inst = 0; inst < b.usedInstances(); inst++) {
        if (b.deducedInstances.has(inst)) continue;
        const base = inst * b.cellsPerInstance;
        let inputs: bigint[] | undefined;
        for (let k = b.nInputCells; k < b.cellsPerInstance; k++) {
          const v = this.vm.memory.decode(s, base + k);
          if (v === undefined) continue;
          inputs ??= collectInputs(this.vm, s, base, b.nInputCells);
          if (inputs === undefined) {
            throw vmError('SECURITY_CHECK', `${b.name}: output written without inputs (instance ${inst})`);
          }
          const expected = b.compute(inputs)[k - b.nInputCells];
          if (v !== expected) throw vmError('SECURITY_CHECK', `${b.name}: wrong output in instance ${inst}`);
        }
      }
    }
  }

  /** The run must end with fp back at the value the entry frame saved (verify_secure_runner). */
  private verifyReturnFp(): void {
    if (this.initialFp < 2) return;
    const saved = this.vm.memory.get({ segment: this.execSegment.index, offset: this.initialFp - 2 });
    const ok = typeof saved === 'bigint' ? saved === BigInt(this.vm.fp) : saved?.offset === this.vm.fp;
    if (!ok) throw vmError('SECURITY_CHECK', `final fp ${this.vm.fp} does not match the saved return fp`);
  }

  /** After relocation no cell may still point into a temporary segment. */
  private verifyNoTemporaryPointers(): void {
    const m = this.vm.memory;
    if (m.temp.length === 0) return;
    for (const s of m.segments) {
      for (let i = 0; i < s.size; i++) {
        const v = m.decode(s, i);
        if (v !== undefined && typeof v !== 'bigint' && v.segment < 0) {
          throw vmError('SECURITY_CHECK', `${s.index}:${i} still points into temporary segment ${v.segment}`);
        }
      }
    }
  }

  /** Execution resources as the blockifier counts them. */
  resources(): ExecutionResources {
    const builtinSegs = new Set(this.builtins.filter((b) => b.name !== 'output').map((b) => b.base));
    let holes = 0;
    for (const s of this.vm.memory.segments) {
      if (builtinSegs.has(s.index)) continue;
      const acc = s.countAccessed();
      if (acc === 0) continue;
      holes += s.size - acc;
    }
    const counter: Partial<Record<BuiltinName, number>> = {};
    for (const b of this.builtins) {
      let n = b.usedInstances();
      if (b.name === 'segment_arena' && this.options.segmentArenaCells === true) n *= 3;
      if (n > 0) counter[b.name] = n;
    }
    return { n_steps: this.vm.steps, n_memory_holes: holes, builtin_instance_counter: counter };
  }

  /** Marks cells the OS would touch (args, extra program data, read-only segments) as accessed. */
  markOsAccesses(): void {
    const m = this.vm.memory;
    const n = this.program.bytecode.length;
    for (let i = n; i < this.programSize; i++)
      m.markAccessed({ segment: this.programSegment.index, offset: i });
    const argsStart = this.initialFp - (this.nArgs + 2);
    for (let i = 0; i < this.nArgs; i++)
      m.markAccessed({ segment: this.execSegment.index, offset: argsStart + i });
    for (const s of this.readOnly)
      for (let i = 0; i < s.size; i++) m.markAccessed({ segment: s.index, offset: i });
  }
}

function collectInputs(vm: VirtualMachine, s: Segment, base: number, n: number): bigint[] | undefined {
  const out: bigint[] = [];
  for (let i = 0; i < n; i++) {
    const v = vm.memory.decode(s, base + i);
    if (typeof v !== 'bigint') return undefined;
    out.push(v);
  }
  return out;
}

/** Attaches a program's hints to the segment that holds its code. */
export function installHints(seg: Segment, program: Program, at = 0): void {
  if (program.hints.size === 0) return;
  const arr: unknown[] = seg.hints ?? [];
  for (const [pc, hs] of program.hints) arr[at + pc] = hs;
  seg.hints = arr;
}
