import { DeducingBuiltin, type PrivateInputEntry } from '../builtins/builtin-runner.js';
import { RangeCheckBuiltin } from '../builtins/other-builtins.js';
import { vmError } from '../errors.js';
import { DEFAULT_BUILTIN_GAS_COSTS, DEFAULT_MAX_STEPS, RET_INSTRUCTION } from '../options.js';
import { capacityShortfall, LAYOUT_CAPACITY } from '../runner/layout-capacity.js';
import { LAYOUT_BUILTINS } from '../runner/layouts.js';
import type { Program } from '../runner/program.js';
import { CairoRunner, type RunnerOptions } from '../runner/runner.js';
import type { BuiltinName, MaybeRelocatable } from '../types.js';
import { decodeInstruction } from '../vm/instruction.js';
import { encodeMemory, encodeTrace } from './files.js';
import { forEachRelocatedCell, relocatePacked, relocationTable } from './relocate.js';

export interface ProofModeOptions extends RunnerOptions {
  /** Program builtins, in the program's order. */
  builtins: readonly BuiltinName[];
  /** Offset of the start label (where execution begins). */
  start: number;
  /** Offset of the end label (an infinite `jmp rel 0` loop). */
  end: number;
  /** Layout name written into the public input (default all_cairo). */
  layout?: string;
  /** Keep stepping the final loop until the step count is a power of two (default true). */
  padToPowerOfTwo?: boolean;
  /** Pass 0 for program builtins the layout lacks instead of failing (as Stwo runs do). */
  allowMissingBuiltins?: boolean;
  /**
   * Append `ret`, a pointer and the builtin gas costs after the bytecode, inside the program
   * segment (Cairo 1 code that withdraws gas reads its prices from just past its bytecode).
   */
  appendBuiltinCosts?: boolean;
  /**
   * What to do when the layout's trace cannot hold the run (builtin cells, range-check, memory or
   * diluted units at the layout's ratios): 'pad' keeps doubling the trace until it fits, as the
   * reference runner does for Stone (failing with INSUFFICIENT_ALLOCATED_CELLS past maxSteps);
   * 'check' fails at once; 'none' (default) only pads to a power of two — for provers whose trace
   * has one row per step and no fixed builtin ratios.
   */
  layoutCapacity?: 'pad' | 'check' | 'none';
}

export interface MemorySegmentAddresses {
  begin_addr: number;
  stop_ptr: number;
}

export interface AirPublicInput {
  layout: string;
  rc_min: number;
  rc_max: number;
  n_steps: number;
  memory_segments: Record<string, MemorySegmentAddresses>;
  public_memory: { address: number; value: string; page: number }[];
  dynamic_params: null;
}

/** A finished proof-mode run: relocated trace/memory files and AIR inputs. */
export class ProofModeRun {
  readonly runner: CairoRunner;
  readonly layout: string;
  /** Execution-segment offsets that are public (the stack prefix and the return values). */
  readonly executionPublicMemory: number[];
  readonly table: number[];

  constructor(runner: CairoRunner, layout: string, execPublic: number[]) {
    this.runner = runner;
    this.layout = layout;
    this.executionPublicMemory = execPublic;
    this.table = relocationTable(runner.vm.memory);
  }

  trace(): Uint8Array {
    return encodeTrace(this.runner.vm, this.table);
  }

  memory(): Uint8Array {
    return encodeMemory(this.runner.vm.memory, this.table);
  }

  /** air_public_input.json content. */
  publicInput(): AirPublicInput {
    const vm = this.runner.vm;
    const tr = vm.trace as Float64Array;
    const n = vm.traceLen / 3;
    if (n === 0) throw vmError('RELOCATION', 'empty trace');
    const exec = this.table[vm.execSegment] as number;
    const segs: Record<string, MemorySegmentAddresses> = {
      program: {
        begin_addr: relocatePacked(tr[0] as number, this.table),
        stop_ptr: relocatePacked(tr[3 * (n - 1)] as number, this.table),
      },
      execution: { begin_addr: exec + (tr[1] as number), stop_ptr: exec + (tr[3 * (n - 1) + 1] as number) },
    };
    for (const b of this.runner.builtins) {
      const base = this.table[b.base] as number;
      segs[b.name] = { begin_addr: base, stop_ptr: base + (b.stopPtr ?? b.usedCells()) };
    }
    const values = new Map<number, bigint>();
    forEachRelocatedCell(vm.memory, this.table, (a, v) => values.set(a, v));
    const pub: AirPublicInput['public_memory'] = [];
    const add = (addr: number): void => {
      const v = values.get(addr);
      if (v === undefined) throw vmError('RELOCATION', `public memory address ${addr} is empty`);
      pub.push({ address: addr, value: `0x${v.toString(16)}`, page: 0 });
    };
    const progBase = this.table[this.runner.programSegment.index] as number;
    for (let i = 0; i < this.runner.programSize; i++) add(progBase + i);
    for (const off of this.executionPublicMemory) add(exec + off);
    const out = this.runner.builtin('output');
    if (out !== undefined)
      for (let i = 0; i < out.usedCells(); i++) add((this.table[out.base] as number) + i);
    const [rcMin, rcMax] = this.rcLimits();
    return {
      layout: this.layout,
      rc_min: rcMin,
      rc_max: rcMax,
      n_steps: n,
      memory_segments: segs,
      public_memory: pub,
      dynamic_params: null,
    };
  }

  /** Range of the 16-bit values checked by the permutation range check (offsets and rc parts). */
  rcLimits(): [number, number] {
    const vm = this.runner.vm;
    const tr = vm.trace as Float64Array;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    const seen = new Set<number>();
    for (let i = 0; i < vm.traceLen; i += 3) {
      const pc = tr[i] as number;
      if (seen.has(pc)) continue;
      seen.add(pc);
      const seg = vm.memory.segment(Math.floor(pc / 2 ** 32));
      const word = vm.memory.decode(seg, pc - seg.index * 2 ** 32) as bigint;
      const ins = decodeInstruction(word, vm.stwoOpcodes);
      for (const o of [ins.off0, ins.off1, ins.off2]) {
        const biased = o + 0x8000;
        if (biased < min) min = biased;
        if (biased > max) max = biased;
      }
    }
    for (const b of this.runner.builtins) {
      if (!(b instanceof RangeCheckBuiltin)) continue;
      const bounds = b.partBounds();
      if (bounds === undefined) continue;
      if (bounds[0] < min) min = bounds[0];
      if (bounds[1] > max) max = bounds[1];
    }
    return [min, max];
  }

  /** air_private_input.json content. */
  privateInput(tracePath: string, memoryPath: string): Record<string, unknown> {
    const out: Record<string, unknown> = { trace_path: tracePath, memory_path: memoryPath };
    for (const b of this.runner.builtins) {
      if (b.name === 'output' || b.name === 'segment_arena') continue;
      const entries: PrivateInputEntry[] = b.airPrivateInput();
      out[b.name] =
        b.name === 'add_mod' || b.name === 'mul_mod'
          ? (entries[0] ?? { instances: [], zero_value_address: 0 })
          : entries;
    }
    return out;
  }
}

/** Prepares a proof-mode run: stack [exec + 2, 0, builtin bases…], ap = fp = exec + 2, pc = start. */
export function setupProofMode(
  program: Program,
  options: ProofModeOptions,
): { runner: CairoRunner; stackSize: number } {
  const runner = new CairoRunner(program, { ...options, trace: true });
  const available = LAYOUT_BUILTINS[options.layout ?? 'all_cairo'];
  if (available === undefined) throw vmError('INVALID_ARGUMENT', `unknown layout ${options.layout}`);
  const missing = options.builtins.filter((b) => !available.includes(b));
  if (missing.length > 0 && options.allowMissingBuiltins !== true) {
    throw vmError(
      'INVALID_PROGRAM',
      `layout ${options.layout ?? 'all_cairo'} lacks builtins ${missing.join(', ')}`,
    );
  }
  // Runners (and segments) follow the layout's builtin order, like the reference runner.
  runner.initBuiltins(available.filter((b) => options.builtins.includes(b)));
  runner.loadProgram(false);
  if (options.appendBuiltinCosts === true) {
    const prog = runner.programSegment;
    const n = program.bytecode.length;
    const costs = options.builtinGasCosts ?? DEFAULT_BUILTIN_GAS_COSTS;
    prog.readOnly = false;
    runner.vm.memory.load({ segment: prog.index, offset: n }, [
      RET_INSTRUCTION,
      { segment: prog.index, offset: n + 2 },
      ...costs,
    ]);
    prog.accessed.fill(1, n, n + 2 + costs.length);
    prog.readOnly = true;
    runner.programSize = n + 2 + costs.length;
  }
  const exec = runner.execSegment.index;
  const stack: MaybeRelocatable[] = [{ segment: exec, offset: 2 }, 0n];
  for (const name of options.builtins) {
    if (missing.includes(name)) stack.push(0n);
    else stack.push(...runner.builtinStack([name], 0n));
  }
  runner.start({ segment: runner.programSegment.index, offset: options.start }, stack, {
    segment: runner.programSegment.index,
    offset: options.end,
  });
  return { runner, stackSize: stack.length };
}

/**
 * Proof mode fills every builtin instance's outputs and rounds builtin segments up to whole
 * instances (the reference runner's complete_builtin_auto_deductions).
 */
function completeAutoDeductions(runner: CairoRunner): void {
  for (const b of runner.builtins) {
    if (!(b instanceof DeducingBuiltin) || b.segment === undefined) continue;
    const n = b.usedInstances();
    for (let inst = 0; inst < n; inst++) {
      for (let k = b.nInputCells; k < b.cellsPerInstance; k++)
        b.deduce(b.segment, inst * b.cellsPerInstance + k);
    }
    b.segment.size = Math.max(b.segment.size, n * b.cellsPerInstance);
  }
}

/** Pads (or fails) until the layout's trace holds every builtin instance and memory / rc / diluted unit. */
function fitLayout(runner: CairoRunner, options: ProofModeOptions): void {
  const mode = options.layoutCapacity ?? 'none';
  if (mode === 'none') return;
  const name = options.layout ?? 'all_cairo';
  const layout = LAYOUT_CAPACITY[name];
  if (layout === undefined) throw vmError('INVALID_ARGUMENT', `no capacity table for layout ${name}`);
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const holes = proofMemoryHoles(runner);
  const rcLimits = new ProofModeRun(runner, name, []).rcLimits();
  const builtins = runner.builtins.map((b) => ({
    name: b.name,
    usedCells: b.usedCells(),
    cellsPerInstance: b.cellsPerInstance,
    rcParts: b.name === 'range_check' ? 8 : b.name === 'range_check96' ? 6 : 0,
  }));
  for (;;) {
    const steps = runner.vm.steps;
    const short = capacityShortfall(layout, {
      steps,
      builtins,
      rcLimits: Number.isFinite(rcLimits[0]) ? rcLimits : undefined,
      memoryHoles: holes,
    });
    if (short === undefined) return;
    if (mode === 'check' || 2 * steps > maxSteps) {
      throw vmError(
        'INSUFFICIENT_ALLOCATED_CELLS',
        `layout ${name} cannot hold the run at ${steps} steps: ${short}` +
          (mode === 'pad' ? ` (padding past the step limit ${maxSteps})` : ''),
        { layout: name, steps, shortfall: short },
      );
    }
    // The reference runner: one more step, then up to the next power of two (the trace doubles).
    runner.vm.runSteps(steps);
  }
}

/** Memory holes as the prover sees them: unaccessed cells below each non-builtin segment's size. */
function proofMemoryHoles(runner: CairoRunner): number {
  const builtinSegs = new Set(runner.builtins.filter((b) => b.name !== 'output').map((b) => b.base));
  let holes = 0;
  for (const s of runner.vm.memory.segments) {
    if (builtinSegs.has(s.index)) continue;
    const acc = s.countAccessed();
    if (acc > 0) holes += s.size - acc;
  }
  return holes;
}

/** Runs a program in proof mode: start label to end label, trace on, padded, public memory tracked. */
export function runProofMode(program: Program, options: ProofModeOptions): ProofModeRun {
  const { runner, stackSize } = setupProofMode(program, options);
  const exec = runner.execSegment.index;
  runner.run();
  if (options.padToPowerOfTwo ?? true) {
    // At least one step at the end label, so the trace's last pc is the end pc (the AIR's final pc).
    const steps = runner.vm.steps;
    let target = 1;
    while (target < steps + 1) target *= 2;
    runner.vm.runSteps(target - steps);
  }
  fitLayout(runner, options);
  completeAutoDeductions(runner);
  // Builtin stop pointers are the program's last return values (one per program builtin).
  let pointer = runner.vm.ap;
  for (const name of [...options.builtins].reverse()) {
    const b = runner.builtin(name);
    if (b === undefined) {
      pointer--;
      continue;
    }
    const stop = runner.vm.memory.get({ segment: exec, offset: pointer - 1 });
    if (stop === undefined || typeof stop === 'bigint' || stop.segment !== b.base) {
      throw vmError('SECURITY_CHECK', `${b.name}: invalid stop pointer`);
    }
    if (stop.offset > (b.segment?.size ?? 0)) {
      throw vmError('SECURITY_CHECK', `${b.name}: stop pointer beyond the used cells`);
    }
    b.stopPtr = stop.offset;
    pointer--;
  }
  runner.verify();
  const execPublic: number[] = [];
  for (let i = 0; i < stackSize; i++) execPublic.push(i);
  for (let i = pointer; i < runner.vm.ap; i++) execPublic.push(i);
  return new ProofModeRun(runner, options.layout ?? 'all_cairo', execPublic);
}
