/** Default step limit of a run when none is given (the blockifier's invoke_tx_max_n_steps). */
export const DEFAULT_MAX_STEPS = 10_000_000;
/** Gas reserved by the compiler for entering an entry point (entry_point_initial_budget). */
export const ENTRY_POINT_INITIAL_BUDGET = 10_000n;
/** Default initial gas of a call (default_initial_gas). */
export const DEFAULT_INITIAL_GAS = 10_000_000_000n;
/** The encoding of `ret`, appended after contract bytecode. */
export const RET_INSTRUCTION = 0x208b7fff7fff7ffen;
/** Builtin gas costs (0.14.1): pedersen, bitwise, ec_op, poseidon, add_mod, mul_mod, blake. */
export const DEFAULT_BUILTIN_GAS_COSTS: readonly bigint[] = [4050n, 583n, 4085n, 491n, 230n, 604n, 0n];
/** Builtins a Cairo 1 entry point may take, in their required order. */
export const CAIRO1_BUILTIN_ORDER = [
  'pedersen',
  'range_check',
  'bitwise',
  'ec_op',
  'poseidon',
  'segment_arena',
  'range_check96',
  'add_mod',
  'mul_mod',
] as const;
