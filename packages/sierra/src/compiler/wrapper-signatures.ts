import type { LongId } from '../program/types.js';
import { asType, type ProgramRegistry } from './registry.js';
import {
  findTuple,
  findType,
  findUserType,
  type LibfuncSignature,
  one,
  snapshotTy,
  type Ty,
} from './signature-types.js';

/** The members (or variants) of `T` or of `Snapshot<T>`, each as its snapshot in the second case. */
function parts(reg: ProgramRegistry, ty: string, of: 'structMembers' | 'enumVariants'): Ty[] {
  const t = reg.type(ty);
  if (t.genericId !== 'Snapshot') return reg[of](ty);
  return reg[of](asType(t.args[0], ty)).map((m) => snapshotTy(reg, m));
}

/** Signatures of the boxed, nullable, dict, EC, execution-info and span/tuple families. */
export function wrapperSignature(reg: ProgramRegistry, l: LongId): LibfuncSignature | undefined {
  const f = (g: string, ...a: Ty[]) => findType(reg, g, ...a);
  const t0 = () => asType(l.args[0], l.genericId);
  const felt = f('felt252');
  const rc = f('RangeCheck');
  const gas = f('GasBuiltin');
  const sys = f('System');
  const point = f('EcPoint');
  const nzPoint = f('NonZero', point);
  const state = f('EcState');
  const execInfo = (name: string): LibfuncSignature => ({
    params: [gas, sys],
    branches: [
      [gas, sys, f('Box', findUserType(reg, 'Struct', name))],
      [gas, sys, f('Array', felt)],
    ],
  });
  switch (l.genericId) {
    case 'struct_boxed_deconstruct':
      return one(
        [f('Box', t0())],
        parts(reg, t0(), 'structMembers').map((m) => f('Box', m)),
      );
    case 'enum_boxed_match':
      return {
        params: [f('Box', t0())],
        branches: parts(reg, t0(), 'enumVariants').map((v) => [f('Box', v)]),
      };
    case 'null':
      return one([], [f('Nullable', t0())]);
    case 'nullable_from_box':
      return one([f('Box', t0())], [f('Nullable', t0())]);
    case 'match_nullable':
      return { params: [f('Nullable', t0())], branches: [[], [f('Box', t0())]] };
    case 'nullable_forward_snapshot':
      return one([snapshotTy(reg, f('Nullable', t0()))], [f('Nullable', snapshotTy(reg, t0()))]);
    case 'felt252_dict_new':
      return one([f('SegmentArena')], [f('SegmentArena'), f('Felt252Dict', t0())]);
    case 'felt252_dict_entry_get':
      return one([f('Felt252Dict', t0()), felt], [f('Felt252DictEntry', t0()), t0()]);
    case 'felt252_dict_entry_finalize':
      return one([f('Felt252DictEntry', t0()), t0()], [f('Felt252Dict', t0())]);
    case 'felt252_dict_squash': {
      const arena = f('SegmentArena');
      return one([rc, gas, arena, f('Felt252Dict', t0())], [rc, gas, arena, f('SquashedFelt252Dict', t0())]);
    }
    case 'squashed_felt252_dict_entries': {
      const entry = findTuple(reg, [felt, t0(), t0()]);
      return one([f('SquashedFelt252Dict', t0())], [f('Array', entry)]);
    }
    case 'ec_point_zero':
      return one([], [point]);
    case 'ec_neg':
      return one([point], [point]);
    case 'ec_neg_nz':
      return one([nzPoint], [nzPoint]);
    case 'ec_point_is_zero':
      return { params: [point], branches: [[], [nzPoint]] };
    case 'ec_point_unwrap':
      return one([nzPoint], [felt, felt]);
    case 'ec_point_try_new_nz':
      return { params: [felt, felt], branches: [[nzPoint], []] };
    case 'ec_point_from_x_nz':
      return { params: [rc, felt], branches: [[rc, nzPoint], [rc]] };
    case 'ec_state_init':
      return one([], [state]);
    case 'ec_state_add':
      return one([state, nzPoint], [state]);
    case 'ec_state_add_mul':
      return one([f('EcOp'), state, felt, nzPoint], [f('EcOp'), state]);
    case 'ec_state_try_finalize_nz':
      return { params: [state], branches: [[nzPoint], []] };
    case 'get_execution_info_syscall':
      return execInfo('core::starknet::info::ExecutionInfo');
    case 'get_execution_info_v2_syscall':
      return execInfo('core::starknet::info::v2::ExecutionInfo');
    case 'get_execution_info_v3_syscall':
      return execInfo('core::starknet::info::v3::ExecutionInfo');
    case 'keccak_syscall': {
      const u256 = findUserType(reg, 'Struct', 'core::integer::u256');
      const span = findUserType(reg, 'Struct', 'core::array::Span::<core::integer::u64>');
      return {
        params: [gas, sys, span],
        branches: [
          [gas, sys, u256],
          [gas, sys, f('Array', felt)],
        ],
      };
    }
    case 'span_from_tuple': {
      const member = reg.structMembers(t0())[0];
      return one([f('Box', t0())], [snapshotTy(reg, f('Array', member))]);
    }
    case 'tuple_from_span': {
      const member = reg.structMembers(t0())[0];
      return { params: [snapshotTy(reg, f('Array', member))], branches: [[f('Box', t0())], []] };
    }
    default:
      return undefined;
  }
}
