/** A pointer into a memory segment. Negative segment indexes are temporary segments. */
export interface Relocatable {
  readonly segment: number;
  readonly offset: number;
}

/** A memory value at API boundaries: a field element (bigint in [0, P)) or a pointer. */
export type MaybeRelocatable = bigint | Relocatable;

/** Builtins known to the VM, by their Cairo names. */
export type BuiltinName =
  | 'output'
  | 'pedersen'
  | 'range_check'
  | 'ecdsa'
  | 'bitwise'
  | 'ec_op'
  | 'keccak'
  | 'poseidon'
  | 'range_check96'
  | 'add_mod'
  | 'mul_mod'
  | 'segment_arena'
  | 'gas_builtin'
  | 'system';

/** Execution resources, counted as the blockifier counts them. */
export interface ExecutionResources {
  n_steps: number;
  n_memory_holes: number;
  builtin_instance_counter: Partial<Record<BuiltinName, number>>;
}

export function isRelocatable(v: MaybeRelocatable): v is Relocatable {
  return typeof v !== 'bigint';
}

export function reloc(segment: number, offset: number): Relocatable {
  return { segment, offset };
}

export function formatRelocatable(r: Relocatable): string {
  return `${r.segment}:${r.offset}`;
}
