import type { BuiltinName } from '../types.js';

/**
 * What one Stone layout allocates per step (lambdaclass/cairo-vm vm/src/types/layout.rs and
 * instance_definitions; cairo-lang's layouts). A builtin of ratio r gets one instance every r steps;
 * the diluted pool holds `dilutedUnitsPerStep` units per step.
 */
export interface LayoutCapacity {
  readonly rcUnits: number;
  readonly memoryUnitsPerStep: number;
  readonly publicMemoryFraction: number;
  /** Steps per instance, by builtin (output has none: it uses plain memory). */
  readonly ratios: Readonly<Partial<Record<BuiltinName, number>>>;
  readonly diluted?: { readonly unitsPerStep: number; readonly spacing: number; readonly nBits: number };
}

const DILUTED_DEFAULT = { unitsPerStep: 16, spacing: 4, nBits: 16 };

export const LAYOUT_CAPACITY: Readonly<Record<string, LayoutCapacity>> = {
  plain: { rcUnits: 16, memoryUnitsPerStep: 8, publicMemoryFraction: 4, ratios: {} },
  small: {
    rcUnits: 16,
    memoryUnitsPerStep: 8,
    publicMemoryFraction: 4,
    ratios: { pedersen: 8, range_check: 8, ecdsa: 512 },
  },
  dex: {
    rcUnits: 4,
    memoryUnitsPerStep: 8,
    publicMemoryFraction: 4,
    ratios: { pedersen: 8, range_check: 8, ecdsa: 512 },
  },
  recursive: {
    rcUnits: 4,
    memoryUnitsPerStep: 8,
    publicMemoryFraction: 8,
    ratios: { pedersen: 128, range_check: 8, bitwise: 8 },
    diluted: DILUTED_DEFAULT,
  },
  starknet: {
    rcUnits: 4,
    memoryUnitsPerStep: 8,
    publicMemoryFraction: 8,
    ratios: { pedersen: 32, range_check: 16, ecdsa: 2048, bitwise: 64, ec_op: 1024, poseidon: 32 },
    diluted: { unitsPerStep: 2, spacing: 4, nBits: 16 },
  },
  starknet_with_keccak: {
    rcUnits: 4,
    memoryUnitsPerStep: 8,
    publicMemoryFraction: 8,
    ratios: {
      pedersen: 32,
      range_check: 16,
      ecdsa: 2048,
      bitwise: 64,
      ec_op: 1024,
      keccak: 2048,
      poseidon: 32,
    },
    diluted: DILUTED_DEFAULT,
  },
  recursive_large_output: {
    rcUnits: 4,
    memoryUnitsPerStep: 8,
    publicMemoryFraction: 8,
    ratios: { pedersen: 128, range_check: 8, bitwise: 8, poseidon: 8 },
    diluted: DILUTED_DEFAULT,
  },
  recursive_with_poseidon: {
    rcUnits: 4,
    memoryUnitsPerStep: 8,
    publicMemoryFraction: 8,
    ratios: { pedersen: 256, range_check: 16, bitwise: 16, poseidon: 64 },
    diluted: { unitsPerStep: 8, spacing: 4, nBits: 16 },
  },
  all_cairo: {
    rcUnits: 4,
    memoryUnitsPerStep: 8,
    publicMemoryFraction: 8,
    ratios: {
      pedersen: 256,
      range_check: 8,
      ecdsa: 2048,
      bitwise: 16,
      ec_op: 1024,
      keccak: 2048,
      poseidon: 256,
      range_check96: 8,
      add_mod: 128,
      mul_mod: 256,
    },
    diluted: DILUTED_DEFAULT,
  },
  all_cairo_stwo: {
    rcUnits: 4,
    memoryUnitsPerStep: 8,
    publicMemoryFraction: 8,
    ratios: {
      pedersen: 256,
      range_check: 8,
      bitwise: 16,
      ec_op: 1024,
      poseidon: 256,
      range_check96: 8,
      add_mod: 128,
      mul_mod: 256,
    },
    diluted: DILUTED_DEFAULT,
  },
  stwo_no_ecop: {
    rcUnits: 4,
    memoryUnitsPerStep: 8,
    publicMemoryFraction: 8,
    ratios: {
      pedersen: 256,
      range_check: 8,
      bitwise: 16,
      poseidon: 256,
      range_check96: 8,
      add_mod: 128,
      mul_mod: 256,
    },
    diluted: DILUTED_DEFAULT,
  },
};

/** Keccak instances come in components of 16; every other builtin in components of 1. */
export function instancesPerComponent(name: BuiltinName): number {
  return name === 'keccak' ? 16 : 1;
}

/** Diluted-pool units one bitwise instance uses (251-bit operands split by spacing and n_bits). */
export function bitwiseDilutedUnits(spacing: number, nBits: number): number {
  const totalBits = 251;
  let len = 0;
  let trimmed = 0;
  for (let i = 0; i < totalBits; i += spacing * nBits) {
    for (let j = 0; j < spacing; j++) {
      if (i + j >= totalBits) continue;
      len++;
      if (i + j + spacing * (nBits - 1) + 1 > totalBits) trimmed++;
    }
  }
  return 4 * len + trimmed;
}

/** Diluted-pool units one keccak instance uses (4 virtual columns of 64 × 1024 cells). */
export function keccakDilutedUnits(nBits: number): number {
  return 262144 % nBits === 0 ? 262144 / nBits : 0;
}

/** What the capacity check needs of a run. */
export interface CapacityUsage {
  readonly steps: number;
  /** Builtins of the run: name, used cells, cells per instance, 16-bit parts per cell (range checks). */
  readonly builtins: readonly {
    name: BuiltinName;
    usedCells: number;
    cellsPerInstance: number;
    rcParts: number;
  }[];
  /** [min, max] of the permutation range check (instruction offsets and range-check parts). */
  readonly rcLimits: readonly [number, number] | undefined;
  readonly memoryHoles: number;
}

/** Cells per instance of each layout builtin (for builtins of the layout the program does not use). */
const CELLS: Readonly<Partial<Record<BuiltinName, number>>> = {
  pedersen: 3,
  range_check: 1,
  ecdsa: 2,
  bitwise: 5,
  ec_op: 7,
  keccak: 16,
  poseidon: 6,
  range_check96: 1,
  add_mod: 7,
  mul_mod: 7,
};

/**
 * The first resource the layout's trace cannot hold at this step count (the reference runner's
 * check_used_cells: builtin cells, range-check units, memory units, diluted units), or undefined when
 * everything fits. In proof mode every builtin of the layout has a component, used or not.
 */
export function capacityShortfall(layout: LayoutCapacity, u: CapacityUsage): string | undefined {
  const steps = u.steps;
  let builtinMemoryUnits = 0;
  let rcUnitsUsed = 0;
  let dilutedUsed = 0;
  for (const [name, ratio] of Object.entries(layout.ratios) as [BuiltinName, number][]) {
    const b = u.builtins.find((x) => x.name === name);
    const cells = CELLS[name] ?? 1;
    const minStep = ratio * instancesPerComponent(name);
    if (steps < minStep) return `${name}: the layout needs at least ${minStep} steps`;
    const allocated = Math.floor(steps / ratio);
    const used = b?.usedCells ?? 0;
    if (used > allocated * cells) {
      return `${name}: ${used} cells used, the layout allocates ${allocated * cells} at ${steps} steps`;
    }
    builtinMemoryUnits += allocated * cells;
    rcUnitsUsed += used * (b?.rcParts ?? 0);
    if (layout.diluted !== undefined) {
      const d = layout.diluted;
      const per =
        name === 'bitwise'
          ? bitwiseDilutedUnits(d.spacing, d.nBits)
          : name === 'keccak'
            ? keccakDilutedUnits(d.nBits)
            : 0;
      dilutedUsed += per * allocated;
    }
  }
  if (u.rcLimits !== undefined) {
    const unused = (layout.rcUnits - 3) * steps - rcUnitsUsed;
    const needed = u.rcLimits[1] - u.rcLimits[0];
    if (unused < needed) return `range-check units: ${unused} free, ${needed} needed`;
  }
  const total = layout.memoryUnitsPerStep * steps;
  const unusedMemory = total - (total / layout.publicMemoryFraction + 4 * steps + builtinMemoryUnits);
  if (unusedMemory < u.memoryHoles) {
    return `memory units: ${unusedMemory} free, ${u.memoryHoles} memory holes to fill`;
  }
  if (layout.diluted !== undefined) {
    const unused = Math.max(0, layout.diluted.unitsPerStep * steps - dilutedUsed);
    const needed = 2 ** layout.diluted.nBits;
    if (unused < needed) return `diluted units: ${unused} free, ${needed} needed`;
  }
  return undefined;
}
