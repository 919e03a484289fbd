import { P } from '@starling/felt';
import { ProverError } from '../errors.js';
import type { ConstraintSpec } from '../stark/air.js';
import type { BuiltinComponent } from './builtin-component.js';
import type { SegmentBounds } from './public-input.js';

/** Where a memory slot is active inside a block: row → cell offset. */
export type SlotSchedule = Map<number, number>;

/**
 * Shared machinery of builtins that take a block of `period` rows per instance (Poseidon, bitwise):
 * the instance address A (constant in a block, +cells at each block end), the used flag U (a prefix
 * of the blocks; the first unused block starts at the segment's stop pointer), and memory slots whose
 * accesses are (U·(A + offset), U·value) on scheduled rows and (0, 0) elsewhere.
 * Columns: A, U, UA = U·A, then per slot MA, MV, MVM = U·MV, then the builtin's own columns.
 * Periodic: isLast, then per slot act and off, then the builtin's own.
 */
export abstract class BlockComponent implements BuiltinComponent {
  readonly group: string;
  readonly memAccesses: [number, number][] = [];
  readonly rcCells: number[] = [];
  readonly periodicColumns: bigint[][];
  readonly width: number;
  /** First column of the builtin's own state. */
  readonly own: number;
  private readonly nSlots: number;

  constructor(
    readonly name: string,
    readonly segment: SegmentBounds,
    readonly base: number,
    readonly period: number,
    readonly cells: number,
    readonly slots: SlotSchedule[],
    ownWidth: number,
    ownPeriodic: bigint[][],
  ) {
    this.group = `builtin/${name}`;
    this.nSlots = slots.length;
    for (let j = 0; j < slots.length; j++) this.memAccesses.push([base + 3 + 3 * j, base + 5 + 3 * j]);
    this.own = base + 3 + 3 * slots.length;
    this.width = 3 + 3 * slots.length + ownWidth;
    const isLast = Array.from({ length: period }, (_, r) => (r === period - 1 ? 1n : 0n));
    const slotCols = slots.flatMap((s) => [
      Array.from({ length: period }, (_, r) => (s.has(r) ? 1n : 0n)),
      Array.from({ length: period }, (_, r) => BigInt(s.get(r) ?? 0)),
    ]);
    this.periodicColumns = [isLast, ...slotCols, ...ownPeriodic];
    if (segment.stop < segment.begin || (segment.stop - segment.begin) % cells !== 0) {
      throw new ProverError('INVALID_TRACE', `${name} segment size is not a multiple of ${cells}`);
    }
  }

  get used(): number {
    return (this.segment.stop - this.segment.begin) / this.cells;
  }

  minRows(): number {
    return this.period * (this.used + 1);
  }

  freeRcRows(): number {
    return 0;
  }

  cellAddresses(): number[] {
    return Array.from({ length: this.used * this.cells }, (_, k) => this.segment.begin + k);
  }

  /** The builtin's own constraints (names), evaluated by evaluateOwn. */
  protected abstract ownConstraints(): string[];
  /** Own numerators; `mv(j)` is slot j's value column, `p` the builtin's own periodic values. */
  protected abstract evaluateOwn(
    c: readonly bigint[],
    nx: readonly bigint[],
    p: readonly bigint[],
    act: (j: number) => bigint,
    out: bigint[],
    i: number,
  ): number;
  /** Fills the builtin's own columns of one block and returns the cell values the slots expose per row. */
  protected abstract fillBlock(
    rows: bigint[][],
    start: number,
    inputs: bigint[] | null,
  ): (row: number, slot: number) => bigint;

  constraints(n: number): ConstraintSpec[] {
    const g = this.group;
    const names: [string, ConstraintSpec['domain']][] = [
      ['addr-start', { row: 0 }],
      ['addr-step', 'transition'],
      ['used-bit', 'all'],
      ['used-constant', 'transition'],
      ['used-prefix', 'transition'],
      ['used-start', { row: 0 }],
      ['used-end', { row: n - 1 }],
      ['stop', 'transition'],
      ['used-addr', 'all'],
    ];
    for (let j = 0; j < this.nSlots; j++) {
      names.push([`slot${j}-addr`, 'all'], [`slot${j}-idle`, 'all'], [`slot${j}-masked`, 'all']);
    }
    return [
      ...names.map(([name, domain]) => ({ group: g, name, domain })),
      ...this.ownConstraints().map((name) => ({ group: g, name, domain: 'all' as const })),
    ];
  }

  evaluate(
    c: readonly bigint[],
    nx: readonly bigint[],
    per: readonly bigint[],
    out: bigint[],
    i: number,
  ): number {
    const b = this.base;
    const A = c[b]!;
    const U = c[b + 1]!;
    const An = nx[b]!;
    const Un = nx[b + 1]!;
    const isLast = per[0]!;
    out[i++] = A - BigInt(this.segment.begin);
    out[i++] = An - A - BigInt(this.cells) * isLast;
    out[i++] = U * (U - 1n);
    out[i++] = (Un - U) * (1n - isLast);
    out[i++] = Un * (1n - U);
    out[i++] = U - (this.used > 0 ? 1n : 0n);
    out[i++] = U;
    out[i++] = (U - Un) * (An - BigInt(this.segment.stop));
    out[i++] = c[b + 2]! - U * A;
    for (let j = 0; j < this.nSlots; j++) {
      const act = per[1 + 2 * j]!;
      const off = per[2 + 2 * j]!;
      const col = b + 3 + 3 * j;
      out[i++] = c[col]! - (act * c[b + 2]! + off * U);
      out[i++] = (1n - act) * c[col + 1]!;
      out[i++] = c[col + 2]! - U * c[col + 1]!;
    }
    const act = (j: number) => per[1 + 2 * j]!;
    return this.evaluateOwn(c, nx, per.slice(1 + 2 * this.nSlots), act, out, i);
  }

  fill(rows: bigint[][], memory: ReadonlyMap<number, bigint>): void {
    const n = rows.length;
    if (this.minRows() > n)
      throw new ProverError('INVALID_TRACE', `${this.name}: trace too short for its instances`);
    for (let blk = 0; blk * this.period < n; blk++) {
      const start = blk * this.period;
      const used = blk < this.used;
      const addr = this.segment.begin + this.cells * blk;
      let inputs: bigint[] | null = null;
      if (used) {
        inputs = [];
        for (let k = 0; k < this.cells; k++) {
          const v = memory.get(addr + k);
          if (v === undefined && k < this.inputCells()) {
            throw new ProverError(
              'INVALID_TRACE',
              `${this.name} instance ${blk}: input cell ${addr + k} unset`,
            );
          }
          inputs.push(v ?? 0n);
        }
      }
      const exposed = this.fillBlock(rows, start, inputs);
      for (let r = 0; r < this.period; r++) {
        const row = rows[start + r]!;
        row[this.base] = BigInt(addr);
        row[this.base + 1] = used ? 1n : 0n;
        row[this.base + 2] = used ? BigInt(addr) : 0n;
        for (let j = 0; j < this.nSlots; j++) {
          const col = this.base + 3 + 3 * j;
          const off = this.slots[j]!.get(r);
          const v = off === undefined ? 0n : exposed(r, j) % P;
          if (used && off !== undefined && inputs && v !== inputs[off]! % P && memory.has(addr + off)) {
            throw new ProverError(
              'INVALID_TRACE',
              `${this.name} instance ${blk}: cell ${addr + off} disagrees`,
            );
          }
          row[col] = used && off !== undefined ? BigInt(addr + off) : 0n;
          row[col + 1] = v;
          row[col + 2] = used ? v : 0n;
        }
      }
    }
  }

  /** Number of leading cells that are inputs (must be set in memory). */
  protected abstract inputCells(): number;
}
