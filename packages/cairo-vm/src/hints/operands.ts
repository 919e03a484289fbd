import { P } from '@starling/felt';
import { vmError } from '../errors.js';
import type { MaybeRelocatable, Relocatable } from '../types.js';
import type { VirtualMachine } from '../vm/vm.js';
import type { CellRef, CompiledHint, Operand } from './hint-types.js';

const SMALL_N = 1n << 52n;
const TAG_INT_CELL = 1;

/** Address of a cell reference under the current registers. */
export function cellAddr(vm: VirtualMachine, c: CellRef): Relocatable {
  return { segment: vm.execSegment, offset: (c.fp ? vm.fp : vm.ap) + c.offset };
}

export function argCell(h: CompiledHint, name: string): CellRef {
  const v = h.args[name];
  if (v === undefined || typeof v === 'bigint' || !('fp' in v)) {
    throw vmError('HINT_FAILED', `hint ${h.name}: missing cell argument ${name}`);
  }
  return v;
}

export function argOp(h: CompiledHint, name: string): Operand {
  const v = h.args[name];
  if (v === undefined || typeof v === 'bigint' || !('k' in v)) {
    throw vmError('HINT_FAILED', `hint ${h.name}: missing operand argument ${name}`);
  }
  return v;
}

function addOffset(r: Relocatable, n: bigint): Relocatable {
  const off = BigInt(r.offset) + (n > P / 2n ? n - P : n);
  if (off < 0n) throw vmError('INVALID_ARITHMETIC', 'pointer offset became negative');
  return { segment: r.segment, offset: Number(off) };
}

/** Evaluates an operand to a felt. */
export function getVal(vm: VirtualMachine, op: Operand): bigint {
  const m = vm.memory;
  switch (op.k) {
    case 'deref':
      return m.getFelt(cellAddr(vm, op.cell));
    case 'dderef':
      return m.getFelt(addOffset(m.getRel(cellAddr(vm, op.cell)), BigInt(op.offset)));
    case 'imm':
      return op.value;
    case 'binop': {
      const a = m.getFelt(cellAddr(vm, op.a));
      const b = getVal(vm, op.b);
      return op.mul ? (a * b) % P : (a + b) % P;
    }
  }
}

// Module-level rather than a closure per call: hints read operands on the hot path.
function need(v: MaybeRelocatable | undefined, where: string): MaybeRelocatable {
  if (v === undefined) throw vmError('UNKNOWN_MEMORY', `hint reads unknown memory at ${where}`);
  return v;
}

/** Evaluates an operand to a felt or a pointer. */
export function getMaybe(vm: VirtualMachine, op: Operand): MaybeRelocatable {
  const m = vm.memory;
  switch (op.k) {
    case 'deref': {
      const a = cellAddr(vm, op.cell);
      return need(m.get(a), `${a.segment}:${a.offset}`);
    }
    case 'dderef': {
      const a = addOffset(m.getRel(cellAddr(vm, op.cell)), BigInt(op.offset));
      return need(m.get(a), `${a.segment}:${a.offset}`);
    }
    case 'imm':
      return op.value;
    case 'binop': {
      const ca = cellAddr(vm, op.a);
      const a = need(m.get(ca), `${ca.segment}:${ca.offset}`);
      const b = getVal(vm, op.b);
      if (typeof a === 'bigint') return op.mul ? (a * b) % P : (a + b) % P;
      if (op.mul) throw vmError('INVALID_ARITHMETIC', 'cannot multiply a pointer');
      return addOffset(a, b);
    }
  }
}

/** Evaluates a buffer operand ([cell] or [cell] + imm) to a pointer. */
export function getPtr(vm: VirtualMachine, op: Operand): Relocatable {
  const v = getMaybe(vm, op);
  if (typeof v === 'bigint') throw vmError('MEMORY_TYPE_MISMATCH', 'hint expected a pointer operand');
  return v;
}

/** Writes a value into a cell reference. */
export function setCell(vm: VirtualMachine, c: CellRef, v: MaybeRelocatable): void {
  vm.memory.write(cellAddr(vm, c), v);
}

export function ptrAdd(r: Relocatable, n: number): Relocatable {
  if (r.offset + n < 0) throw vmError('INVALID_ARITHMETIC', 'pointer offset became negative');
  return { segment: r.segment, offset: r.offset + n };
}

/**
 * Fast path for hot hints: the small-integer encoding (n, or n < 0 for P + n) of a deref or immediate
 * operand holding a small felt; undefined otherwise (the caller takes the general path).
 */
export function smallVal(vm: VirtualMachine, op: Operand): number | undefined {
  if (op.k === 'deref') {
    const s = vm.memory.segment(vm.execSegment);
    const off = (op.cell.fp ? vm.fp : vm.ap) + op.cell.offset;
    return off >= 0 && s.tags[off] === TAG_INT_CELL ? (s.vals[off] as number) : undefined;
  }
  if (op.k === 'imm' && op.value < SMALL_N) return Number(op.value);
  return undefined;
}

/** Writes a small non-negative integer into a cell reference (no bigint on the way). */
export function setSmall(vm: VirtualMachine, c: CellRef, n: number): void {
  vm.memory.writeCell(
    vm.memory.segment(vm.execSegment),
    (c.fp ? vm.fp : vm.ap) + c.offset,
    TAG_INT_CELL,
    n,
    0n,
  );
}

/** Orders two small-integer encodings as felts (negative n stands for P + n, above every n ≥ 0). */
export function compareSmall(a: number, b: number): number {
  if (a < 0 === b < 0) return a - b;
  return a < 0 ? 1 : -1;
}
