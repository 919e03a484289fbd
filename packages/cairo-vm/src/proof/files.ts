import type { Memory } from '../memory/memory.js';
import type { VirtualMachine } from '../vm/vm.js';
import { forEachRelocatedCell, relocatePacked } from './relocate.js';

/** Trace file: per step ap, fp, pc as u64 little-endian (24 bytes), relocated. */
export function encodeTrace(vm: VirtualMachine, table: readonly number[]): Uint8Array {
  const tr = vm.trace;
  if (tr === undefined) return new Uint8Array(0);
  const n = vm.traceLen / 3;
  const out = new Uint8Array(24 * n);
  const dv = new DataView(out.buffer);
  const execBase = table[vm.execSegment] as number;
  for (let i = 0; i < n; i++) {
    const pc = relocatePacked(tr[3 * i] as number, table);
    dv.setBigUint64(24 * i, BigInt(execBase + (tr[3 * i + 1] as number)), true);
    dv.setBigUint64(24 * i + 8, BigInt(execBase + (tr[3 * i + 2] as number)), true);
    dv.setBigUint64(24 * i + 16, BigInt(pc), true);
  }
  return out;
}

/** Memory file: per non-empty cell, the address as u64 LE then the value as 32 bytes LE. */
export function encodeMemory(mem: Memory, table: readonly number[]): Uint8Array {
  let count = 0;
  forEachRelocatedCell(mem, table, () => {
    count++;
  });
  const out = new Uint8Array(40 * count);
  const dv = new DataView(out.buffer);
  let i = 0;
  forEachRelocatedCell(mem, table, (addr, value) => {
    const o = 40 * i++;
    dv.setBigUint64(o, BigInt(addr), true);
    let v = value;
    for (let k = 0; k < 4; k++) {
      dv.setBigUint64(o + 8 + 8 * k, v & 0xffffffffffffffffn, true);
      v >>= 64n;
    }
  });
  return out;
}

/** Decodes a trace file back into (ap, fp, pc) triples (for tests and tools). */
export function decodeTrace(bytes: Uint8Array): { ap: number; fp: number; pc: number }[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = [];
  for (let o = 0; o + 24 <= bytes.length; o += 24) {
    out.push({
      ap: Number(dv.getBigUint64(o, true)),
      fp: Number(dv.getBigUint64(o + 8, true)),
      pc: Number(dv.getBigUint64(o + 16, true)),
    });
  }
  return out;
}

/** Decodes a memory file into address → value. */
export function decodeMemory(bytes: Uint8Array): Map<number, bigint> {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<number, bigint>();
  for (let o = 0; o + 40 <= bytes.length; o += 40) {
    let v = 0n;
    for (let k = 3; k >= 0; k--) v = (v << 64n) | dv.getBigUint64(o + 8 + 8 * k, true);
    out.set(Number(dv.getBigUint64(o, true)), v);
  }
  return out;
}
