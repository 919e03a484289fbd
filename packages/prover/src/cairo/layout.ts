import { ProverError } from '../errors.js';
import { BitwiseComponent } from './builtin-bitwise.js';
import type { BuiltinComponent } from './builtin-component.js';
import { EcOpComponent } from './builtin-ec-op.js';
import { PedersenComponent } from './builtin-pedersen.js';
import { PoseidonComponent } from './builtin-poseidon.js';
import { RangeCheckComponent } from './builtin-range-check.js';
import type { CairoPublicInput } from './public-input.js';

/** Column indices of the CPU part of the Starling Cairo layout (one trace row per Cairo step; see README). */
export const COL = {
  PC: 0,
  AP: 1,
  FP: 2,
  INST: 3,
  OFF_DST: 4,
  OFF_OP0: 5,
  OFF_OP1: 6,
  FLAG0: 7, // 15 flag columns 7..21
  DST_ADDR: 22,
  DST: 23,
  OP0_ADDR: 24,
  OP0: 25,
  OP1_ADDR: 26,
  OP1: 27,
  RES: 28,
  MUL: 29,
  T0: 30,
  T1: 31,
  /** Free memory access: public-memory dummies and padding (0,0), address holes. */
  X_ADDR: 32,
  X_VAL: 33,
  /** Free range-check slot: fills holes of the 16-bit pool. */
  RC_X: 34,
} as const;

export const CPU_WIDTH = 35;

/** Segments that need no AIR of their own. */
const FREE_SEGMENTS = new Set(['program', 'execution', 'output', 'segment_arena', 'gas_builtin', 'system']);

/** The column layout for one public input: CPU, builtin components, sorted memory and range-check pools. */
export class CairoLayout {
  readonly builtins: BuiltinComponent[] = [];
  /** Offset of each builtin's periodic columns in the AIR's list. */
  readonly periodicOffsets: number[] = [];
  readonly periodicColumns: bigint[][] = [];
  /** Unsorted memory accesses of a row: [addressColumn, valueColumn]. */
  readonly memAccesses: [number, number][];
  /** Unsorted range-checked cells of a row. */
  readonly rcCells: number[];
  /** Sorted memory: (address, value) pairs k at sortedMem + 2k, + 2k + 1. */
  readonly sortedMem: number;
  readonly sortedRc: number;
  readonly mainWidth: number;
  /** Interaction columns: memory running products, then range-check running products. */
  readonly auxMem: number;
  readonly auxRc: number;
  readonly auxWidth: number;

  constructor(pub: CairoPublicInput) {
    let col = CPU_WIDTH;
    for (const [name, seg] of Object.entries(pub.segments).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (FREE_SEGMENTS.has(name) || seg.stop <= seg.begin) continue;
      let c: BuiltinComponent;
      if (name === 'range_check' || name === 'range_check96') c = new RangeCheckComponent(name, seg, col);
      else if (name === 'poseidon') c = new PoseidonComponent(seg, col);
      else if (name === 'bitwise') c = new BitwiseComponent(seg, col);
      else if (name === 'ec_op') c = new EcOpComponent(seg, col);
      else if (name === 'pedersen') c = new PedersenComponent(seg, col);
      else {
        throw new ProverError(
          'UNSUPPORTED_BUILTIN',
          `builtin ${name} is used but has no AIR in this layout yet`,
          {
            builtin: name,
          },
        );
      }
      this.builtins.push(c);
      this.periodicOffsets.push(this.periodicColumns.length);
      this.periodicColumns.push(...c.periodicColumns);
      col += c.width;
    }
    this.memAccesses = [
      [COL.PC, COL.INST],
      [COL.DST_ADDR, COL.DST],
      [COL.OP0_ADDR, COL.OP0],
      [COL.OP1_ADDR, COL.OP1],
      [COL.X_ADDR, COL.X_VAL],
      ...this.builtins.flatMap((b) => b.memAccesses),
    ];
    this.rcCells = [
      COL.OFF_DST,
      COL.OFF_OP0,
      COL.OFF_OP1,
      COL.RC_X,
      ...this.builtins.flatMap((b) => b.rcCells),
    ];
    this.sortedMem = col;
    this.sortedRc = col + 2 * this.memAccesses.length;
    this.mainWidth = this.sortedRc + this.rcCells.length;
    this.auxMem = this.mainWidth;
    this.auxRc = this.mainWidth + this.memAccesses.length;
    this.auxWidth = this.memAccesses.length + this.rcCells.length;
  }

  /** Highest constraint degree over the components. */
  get maxDegree(): number {
    return Math.max(2, ...this.builtins.map((b) => b.maxDegree ?? 2));
  }

  get memSlots(): number {
    return this.memAccesses.length;
  }

  get rcSlots(): number {
    return this.rcCells.length;
  }

  /** Layout identifier: bound into the AIR id. */
  get tag(): string {
    return this.builtins.map((b) => b.name).join('+') || 'cpu';
  }
}
