import type { LongId } from '../program/types.js';
import { asType, type ProgramRegistry } from './registry.js';
import {
  findType,
  findUserType,
  type LibfuncSignature,
  one,
  snapshotTy,
  type Ty,
} from './signature-types.js';

/** Signatures of the box, snapshot, array, const and cast families; undefined for the others. */
export function valueSignature(reg: ProgramRegistry, l: LongId): LibfuncSignature | undefined {
  const f = (g: string, ...a: Ty[]) => findType(reg, g, ...a);
  const t0 = () => asType(l.args[0], l.genericId);
  const rc = f('RangeCheck');
  switch (l.genericId) {
    case 'snapshot_take':
      return one([t0()], [t0(), snapshotTy(reg, t0())]);
    case 'unbox':
      return one([f('Box', t0())], [t0()]);
    case 'into_box':
    case 'local_into_box':
      return one([t0()], [f('Box', t0())]);
    case 'box_forward_snapshot':
      return one([snapshotTy(reg, f('Box', t0()))], [f('Box', snapshotTy(reg, t0()))]);
    case 'const_as_immediate':
    case 'const_as_box': {
      const c = reg.type(t0());
      const inner = c.genericId === 'Const' && c.args[0]?.kind === 'type' ? c.args[0].id : undefined;
      return one([], [l.genericId === 'const_as_box' ? f('Box', inner) : inner]);
    }
    case 'struct_snapshot_deconstruct':
      return one(
        [snapshotTy(reg, t0())],
        reg.structMembers(t0()).map((m) => snapshotTy(reg, m)),
      );
    case 'enum_snapshot_match':
      return {
        params: [snapshotTy(reg, t0())],
        branches: reg.enumVariants(t0()).map((v) => [snapshotTy(reg, v)]),
      };
    case 'upcast':
      return one([t0()], [asType(l.args[1], l.genericId)]);
    case 'downcast':
      return { params: [rc, t0()], branches: [[rc, asType(l.args[1], l.genericId)], [rc]] };
    default:
      return arraySignature(reg, l);
  }
}

function arraySignature(reg: ProgramRegistry, l: LongId): LibfuncSignature | undefined {
  const f = (g: string, ...a: Ty[]) => findType(reg, g, ...a);
  if (!l.genericId.startsWith('array_')) return undefined;
  const t = asType(l.args[0], l.genericId);
  const rc = f('RangeCheck');
  const u32 = f('u32');
  const arr = f('Array', t);
  const snapArr = snapshotTy(reg, arr);
  switch (l.genericId) {
    case 'array_len':
      return one([snapArr], [u32]);
    case 'array_pop_front':
      return { params: [arr], branches: [[arr, f('Box', t)], [arr]] };
    case 'array_pop_front_consume':
      return { params: [arr], branches: [[arr, f('Box', t)], []] };
    case 'array_snapshot_pop_front':
    case 'array_snapshot_pop_back':
      return { params: [snapArr], branches: [[snapArr, f('Box', snapshotTy(reg, t))], [snapArr]] };
    case 'array_snapshot_multi_pop_front':
    case 'array_snapshot_multi_pop_back': {
      // The generic arg is the popped tuple; the array holds its member type.
      const arrOf = snapshotTy(reg, f('Array', reg.structMembers(t)[0]));
      return {
        params: [rc, arrOf],
        branches: [
          [rc, arrOf, snapshotTy(reg, f('Box', t))],
          [rc, arrOf],
        ],
      };
    }
    case 'array_get':
      return { params: [rc, snapArr, u32], branches: [[rc, f('Box', snapshotTy(reg, t))], [rc]] };
    case 'array_slice':
      return { params: [rc, snapArr, u32, u32], branches: [[rc, snapArr], [rc]] };
    default:
      return undefined;
  }
}

/** `core::bool` operations. */
export function boolSignature(reg: ProgramRegistry, l: LongId): LibfuncSignature | undefined {
  if (!l.genericId.startsWith('bool_')) return undefined;
  const b = findUserType(reg, 'Enum', 'core::bool');
  switch (l.genericId) {
    case 'bool_not_impl':
      return one([b], [b]);
    case 'bool_and_impl':
    case 'bool_or_impl':
    case 'bool_xor_impl':
      return one([b, b], [b]);
    case 'bool_to_felt252':
      return one([b], [findType(reg, 'felt252')]);
    default:
      return undefined;
  }
}
