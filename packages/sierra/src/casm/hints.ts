import { SierraError } from '../errors.js';
import type { CellRef, DerefOrImmediate, ResOperand } from './operand.js';

/** A CASM hint: its variant name and fields (CellRef or ResOperand, by the variant's schema). */
export interface Hint {
  name: string;
  args: Record<string, CellRef | ResOperand>;
}

type FieldKind = 'cell' | 'res';
const c: FieldKind = 'cell';
const r: FieldKind = 'res';

/** Field order of every hint variant, as serialized in compiled class JSON. */
export const HINT_SCHEMAS: Record<string, [string, FieldKind][]> = {
  AllocSegment: [['dst', c]],
  TestLessThan: [
    ['lhs', r],
    ['rhs', r],
    ['dst', c],
  ],
  TestLessThanOrEqual: [
    ['lhs', r],
    ['rhs', r],
    ['dst', c],
  ],
  TestLessThanOrEqualAddress: [
    ['lhs', r],
    ['rhs', r],
    ['dst', c],
  ],
  WideMul128: [
    ['lhs', r],
    ['rhs', r],
    ['high', c],
    ['low', c],
  ],
  DivMod: [
    ['lhs', r],
    ['rhs', r],
    ['quotient', c],
    ['remainder', c],
  ],
  Uint256DivMod: [
    ['dividend0', r],
    ['dividend1', r],
    ['divisor0', r],
    ['divisor1', r],
    ['quotient0', c],
    ['quotient1', c],
    ['remainder0', c],
    ['remainder1', c],
  ],
  Uint512DivModByUint256: [
    ['dividend0', r],
    ['dividend1', r],
    ['dividend2', r],
    ['dividend3', r],
    ['divisor0', r],
    ['divisor1', r],
    ['quotient0', c],
    ['quotient1', c],
    ['quotient2', c],
    ['quotient3', c],
    ['remainder0', c],
    ['remainder1', c],
  ],
  SquareRoot: [
    ['value', r],
    ['dst', c],
  ],
  Uint256SquareRoot: [
    ['value_low', r],
    ['value_high', r],
    ['sqrt0', c],
    ['sqrt1', c],
    ['remainder_low', c],
    ['remainder_high', c],
    ['sqrt_mul_2_minus_remainder_ge_u128', c],
  ],
  LinearSplit: [
    ['value', r],
    ['scalar', r],
    ['max_x', r],
    ['x', c],
    ['y', c],
  ],
  AllocFelt252Dict: [['segment_arena_ptr', r]],
  Felt252DictEntryInit: [
    ['dict_ptr', r],
    ['key', r],
  ],
  Felt252DictEntryUpdate: [
    ['dict_ptr', r],
    ['value', r],
  ],
  GetSegmentArenaIndex: [
    ['dict_end_ptr', r],
    ['dict_index', c],
  ],
  InitSquashData: [
    ['dict_accesses', r],
    ['ptr_diff', r],
    ['n_accesses', r],
    ['big_keys', c],
    ['first_key', c],
  ],
  GetCurrentAccessIndex: [['range_check_ptr', r]],
  ShouldSkipSquashLoop: [['should_skip_loop', c]],
  GetCurrentAccessDelta: [['index_delta_minus1', c]],
  ShouldContinueSquashLoop: [['should_continue', c]],
  GetNextDictKey: [['next_key', c]],
  AssertLeFindSmallArcs: [
    ['range_check_ptr', r],
    ['a', r],
    ['b', r],
  ],
  AssertLeIsFirstArcExcluded: [['skip_exclude_a_flag', c]],
  AssertLeIsSecondArcExcluded: [['skip_exclude_b_minus_a', c]],
  RandomEcPoint: [
    ['x', c],
    ['y', c],
  ],
  FieldSqrt: [
    ['val', r],
    ['sqrt', c],
  ],
  DebugPrint: [
    ['start', r],
    ['end', r],
  ],
  AllocConstantSize: [
    ['size', r],
    ['dst', c],
  ],
  U256InvModN: [
    ['b0', r],
    ['b1', r],
    ['n0', r],
    ['n1', r],
    ['g0_or_no_inv', c],
    ['g1_option', c],
    ['s_or_r0', c],
    ['s_or_r1', c],
    ['t_or_k0', c],
    ['t_or_k1', c],
  ],
  EvalCircuit: [
    ['n_add_mods', r],
    ['add_mod_builtin', r],
    ['n_mul_mods', r],
    ['mul_mod_builtin', r],
  ],
  SystemCall: [['system', r]],
  AddRelocationRule: [
    ['src', r],
    ['dst', r],
  ],
  WriteRunParam: [
    ['index', r],
    ['dst', c],
  ],
  AddMarker: [
    ['start', r],
    ['end', r],
  ],
  AddTrace: [['flag', r]],
};

/** Builds a hint, checking its fields against the schema. */
export function hint(name: string, args: Record<string, CellRef | ResOperand>): Hint {
  const schema = HINT_SCHEMAS[name];
  if (!schema) throw new SierraError('SIERRA_COMPILATION_FAILED', `unknown hint ${name}`);
  return { name, args };
}

const hexOf = (v: bigint) => (v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`);
const cellJson = (x: CellRef) => ({ register: x.register === 'ap' ? 'AP' : 'FP', offset: x.offset });
const doiJson = (d: DerefOrImmediate) =>
  d.kind === 'deref' ? { Deref: cellJson(d.cell) } : { Immediate: hexOf(d.value) };
function resJson(x: ResOperand): unknown {
  switch (x.kind) {
    case 'deref':
      return { Deref: cellJson(x.cell) };
    case 'double_deref':
      return { DoubleDeref: [cellJson(x.cell), x.offset] };
    case 'imm':
      return { Immediate: hexOf(x.value) };
    case 'binop':
      return { BinOp: { op: x.op === '+' ? 'Add' : 'Mul', a: cellJson(x.a), b: doiJson(x.b) } };
  }
}

/** The compiled class JSON form of a hint: `{ Name: { field: … } }`. */
export function hintToJson(h: Hint): unknown {
  const schema = HINT_SCHEMAS[h.name] ?? [];
  const body: Record<string, unknown> = {};
  for (const [f, kind] of schema) {
    const v = h.args[f];
    if (v === undefined) throw new SierraError('SIERRA_COMPILATION_FAILED', `hint ${h.name} misses ${f}`);
    body[f] = kind === 'cell' ? cellJson(v as CellRef) : resJson(v as ResOperand);
  }
  return { [h.name]: body };
}
