import { vmError } from '../errors.js';
import type { Segment, SegmentHooks } from '../memory/segment.js';
import type { BuiltinName, MaybeRelocatable } from '../types.js';
import type { VirtualMachine } from '../vm/vm.js';

/** Private-input record of one builtin instance (fields as hex strings / numbers). */
export type PrivateInputEntry = Record<string, unknown>;

/** A builtin: owns one memory segment, validates writes into it and deduces its outputs. */
export abstract class BuiltinRunner implements SegmentHooks {
  abstract readonly name: BuiltinName;
  abstract readonly cellsPerInstance: number;
  abstract readonly nInputCells: number;
  /** Steps per instance in the layouts (for proof-mode allocation); 0 = not in the AIR. */
  ratio = 1;
  segment: Segment | undefined;
  vm: VirtualMachine | undefined;
  /** Stop pointer (offset) read back from the program's return values. */
  stopPtr: number | undefined;

  /** Creates the builtin's segment and hooks it. */
  initialize(vm: VirtualMachine): void {
    this.vm = vm;
    const s = vm.memory.addSegment();
    s.hooks = this;
    this.segment = s;
  }

  get base(): number {
    if (this.segment === undefined) throw vmError('INVALID_PROGRAM', `builtin ${this.name} not initialized`);
    return this.segment.index;
  }

  /** Values passed to the program for this builtin. */
  initialStack(): MaybeRelocatable[] {
    return [{ segment: this.base, offset: 0 }];
  }

  usedCells(): number {
    return this.segment?.size ?? 0;
  }

  usedInstances(): number {
    return Math.ceil(this.usedCells() / this.cellsPerInstance);
  }

  /** Reads a felt input cell of the segment, or undefined when missing / a pointer. */
  protected input(offset: number): bigint | undefined {
    const s = this.segment as Segment;
    const v = (this.vm as VirtualMachine).memory.decode(s, offset);
    if (v === undefined) return undefined;
    if (typeof v !== 'bigint') {
      throw vmError('BUILTIN_DEDUCTION', `${this.name}: input at ${s.index}:${offset} is a pointer`);
    }
    return v;
  }

  /** Writes a deduced output cell. */
  protected output(offset: number, value: bigint): void {
    (this.vm as VirtualMachine).memory.write({ segment: this.base, offset }, value);
  }

  /** Reads all inputs of an instance; undefined when any is missing. */
  protected instanceInputs(instance: number): bigint[] | undefined {
    const out: bigint[] = [];
    const start = instance * this.cellsPerInstance;
    for (let i = 0; i < this.nInputCells; i++) {
      const v = this.input(start + i);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  }

  deduce?(segment: Segment, offset: number): boolean;
  validate?(segment: Segment, offset: number): void;

  /** Entries for air_private_input.json. */
  airPrivateInput(): PrivateInputEntry[] {
    return [];
  }

  /** Final checks after the run (e.g. mod builtin relations). */
  finalCheck(): void {}
}

export function hex(v: bigint): string {
  return `0x${v.toString(16)}`;
}

/** A builtin whose outputs are a function of its inputs (hash-like builtins). */
export abstract class DeducingBuiltin extends BuiltinRunner {
  /** Instances whose outputs this runner computed (no need to re-check them after the run). */
  readonly deducedInstances = new Set<number>();

  /** Computes the output cells of one instance from its inputs. */
  abstract compute(inputs: bigint[]): bigint[];

  override deduce(_segment: Segment, offset: number): boolean {
    const idx = offset % this.cellsPerInstance;
    if (idx < this.nInputCells) return false;
    const instance = Math.floor(offset / this.cellsPerInstance);
    const inputs = this.instanceInputs(instance);
    if (inputs === undefined) return false;
    const outs = this.compute(inputs);
    this.deducedInstances.add(instance);
    const start = instance * this.cellsPerInstance + this.nInputCells;
    // Writing every output also checks the ones the program wrote itself (write-once memory).
    for (let i = 0; i < outs.length; i++) this.output(start + i, outs[i] as bigint);
    return true;
  }

  override airPrivateInput(): PrivateInputEntry[] {
    const out: PrivateInputEntry[] = [];
    const n = this.usedInstances();
    for (let i = 0; i < n; i++) {
      const inputs = this.instanceInputs(i);
      if (inputs !== undefined) out.push({ index: i, ...this.privateFields(inputs) });
    }
    return out;
  }

  protected abstract privateFields(inputs: bigint[]): Record<string, string>;
}
