import { P } from '@starling/felt';
import { ProverError } from '../errors.js';
import type { ConstraintSpec } from '../stark/air.js';
import type { BuiltinComponent } from './builtin-component.js';
import type { SegmentBounds } from './public-input.js';

/**
 * The range_check (8 limbs: value < 2^128) and range_check96 (6 limbs: value < 2^96) builtins: one
 * instance per trace row. Columns: address, selector (1 for used instances, a prefix of the rows),
 * masked address (selector·address; unused rows access (0, 0)), value, and 16-bit limbs that join
 * the range-check pool.
 */
export class RangeCheckComponent implements BuiltinComponent {
  readonly periodicColumns: bigint[][] = [];
  readonly width: number;
  readonly addr: number;
  readonly sel: number;
  readonly maddr: number;
  readonly val: number;
  readonly limb0: number;
  readonly group: string;

  constructor(
    readonly name: 'range_check' | 'range_check96',
    readonly segment: SegmentBounds,
    readonly base: number,
  ) {
    this.width = 4 + this.limbs;
    this.addr = base;
    this.sel = base + 1;
    this.maddr = base + 2;
    this.val = base + 3;
    this.limb0 = base + 4;
    this.group = `builtin/${name}`;
  }

  get limbs(): number {
    return this.name === 'range_check' ? 8 : 6;
  }

  get used(): number {
    return this.segment.stop - this.segment.begin;
  }

  minRows(): number {
    return this.used + 1;
  }

  freeRcRows(n: number): number {
    return Math.max(0, n - this.used);
  }

  cellAddresses(): number[] {
    return Array.from({ length: this.used }, (_, k) => this.segment.begin + k);
  }

  /** Memory accesses [addressColumn, valueColumn] this component adds to each row. */
  get memAccesses(): [number, number][] {
    return [[this.maddr, this.val]];
  }

  /** Columns that join the 16-bit range-check pool. */
  get rcCells(): number[] {
    return Array.from({ length: this.limbs }, (_, k) => this.limb0 + k);
  }

  constraints(n: number): ConstraintSpec[] {
    const g = this.group;
    return [
      { group: g, name: 'addr-start', domain: { row: 0 } },
      { group: g, name: 'addr-step', domain: 'transition' },
      { group: g, name: 'sel-bit', domain: 'all' },
      { group: g, name: 'sel-prefix', domain: 'transition' },
      { group: g, name: 'sel-start', domain: { row: 0 } },
      { group: g, name: 'sel-end', domain: { row: n - 1 } },
      { group: g, name: 'stop', domain: 'transition' },
      { group: g, name: 'masked-addr', domain: 'all' },
      { group: g, name: 'unused-zero', domain: 'all' },
      { group: g, name: 'limbs', domain: 'all' },
    ];
  }

  /** Writes the numerators (unreduced) from index i; returns the next index. */
  evaluate(
    c: readonly bigint[],
    nx: readonly bigint[],
    _p: readonly bigint[],
    out: bigint[],
    i: number,
  ): number {
    const addr = c[this.addr]!;
    const sel = c[this.sel]!;
    const selN = nx[this.sel]!;
    const val = c[this.val]!;
    out[i++] = addr - BigInt(this.segment.begin);
    out[i++] = nx[this.addr]! - addr - 1n;
    out[i++] = sel * (sel - 1n);
    out[i++] = selN * (1n - sel);
    out[i++] = sel - (this.used > 0 ? 1n : 0n);
    out[i++] = sel;
    out[i++] = (sel - selN) * (nx[this.addr]! - BigInt(this.segment.stop));
    out[i++] = c[this.maddr]! - sel * addr;
    out[i++] = (1n - sel) * val;
    let acc = 0n;
    for (let k = 0; k < this.limbs; k++) acc = (acc << 16n) + c[this.limb0 + k]!;
    out[i++] = sel * (val - acc);
    return i;
  }

  /** Fills this component's columns of every row from the memory. */
  fill(rows: bigint[][], memory: ReadonlyMap<number, bigint>, rcMin: number): void {
    const n = rows.length;
    if (this.used < 0 || this.used >= n) {
      throw new ProverError('INVALID_TRACE', `${this.name}: ${this.used} instances need more than ${n} rows`);
    }
    const bound = 1n << BigInt(16 * this.limbs);
    for (let r = 0; r < n; r++) {
      const row = rows[r]!;
      const address = this.segment.begin + r;
      row[this.addr] = BigInt(address);
      if (r < this.used) {
        const v = memory.get(address);
        if (v === undefined || v >= bound || v >= P) {
          throw new ProverError(
            'INVALID_TRACE',
            `${this.name} instance ${r} at ${address} is unset or out of range`,
            {
              address,
            },
          );
        }
        row[this.sel] = 1n;
        row[this.maddr] = BigInt(address);
        row[this.val] = v;
        for (let k = 0; k < this.limbs; k++) {
          row[this.limb0 + k] = (v >> BigInt(16 * (this.limbs - 1 - k))) & 0xffffn;
        }
      } else {
        row[this.sel] = 0n;
        row[this.maddr] = 0n;
        row[this.val] = 0n;
        for (let k = 0; k < this.limbs; k++) row[this.limb0 + k] = BigInt(rcMin);
      }
    }
  }
}
