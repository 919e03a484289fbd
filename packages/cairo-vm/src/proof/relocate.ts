import { vmError } from '../errors.js';
import type { Memory } from '../memory/memory.js';
import { relOffset, relSegment, smallToBig, TAG_BIG, TAG_INT, TAG_REL } from '../memory/value.js';

/** First flat address of each segment: 1, then each base is the previous base + its size. */
export function relocationTable(mem: Memory): number[] {
  const table: number[] = [];
  let addr = 1;
  for (const s of mem.segments) {
    table.push(addr);
    addr += s.size;
  }
  return table;
}

/** Relocates a packed pointer. */
export function relocatePacked(packed: number, table: readonly number[]): number {
  const base = table[relSegment(packed)];
  if (base === undefined) throw vmError('RELOCATION', `no relocation for segment ${relSegment(packed)}`);
  return base + relOffset(packed);
}

/** Calls `fn(address, value)` for every non-empty cell, in increasing address order. */
export function forEachRelocatedCell(
  mem: Memory,
  table: readonly number[],
  fn: (address: number, value: bigint) => void,
): void {
  for (const s of mem.segments) {
    const base = table[s.index] as number;
    for (let i = 0; i < s.size; i++) {
      const t = s.tags[i];
      if (t === TAG_INT) fn(base + i, smallToBig(s.vals[i] as number));
      else if (t === TAG_BIG) fn(base + i, s.bigs[i] as bigint);
      else if (t === TAG_REL) fn(base + i, BigInt(relocatePacked(s.vals[i] as number, table)));
    }
  }
}
