/** Column indices of the Starling Cairo layout (one trace row per Cairo step; see README). */
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
  /** Free memory access: public-memory dummies (0,0), address holes, padding. */
  X_ADDR: 32,
  X_VAL: 33,
  /** Free range-check slot: fills holes of the 16-bit pool. */
  RC_X: 34,
  /** Sorted memory: (address, value) pairs k = 0..4 at 35 + 2k, 36 + 2k. */
  SORTED_MEM: 35,
  /** Sorted range-check values k = 0..3. */
  SORTED_RC: 45,
} as const;

export const MAIN_WIDTH = 49;
export const MEM_SLOTS = 5;
export const RC_SLOTS = 4;
/** Interaction columns: memory running products (5), then range-check running products (4). */
export const AUX_MEM = MAIN_WIDTH;
export const AUX_RC = MAIN_WIDTH + MEM_SLOTS;
export const AUX_WIDTH = MEM_SLOTS + RC_SLOTS;

/** Unsorted memory accesses of a row: [addressColumn, valueColumn]. */
export const MEM_ACCESSES: readonly (readonly [number, number])[] = [
  [COL.PC, COL.INST],
  [COL.DST_ADDR, COL.DST],
  [COL.OP0_ADDR, COL.OP0],
  [COL.OP1_ADDR, COL.OP1],
  [COL.X_ADDR, COL.X_VAL],
];

/** Unsorted range-checked cells of a row. */
export const RC_CELLS: readonly number[] = [COL.OFF_DST, COL.OFF_OP0, COL.OFF_OP1, COL.RC_X];
