import { genericArgToString, type LongId } from '../program/types.js';
import type { ProgramRegistry } from './registry.js';
import { userTypeIs } from './validate-types.js';

/**
 * A libfunc's parameter types and the output types of each branch (upstream `param_signatures` and
 * `branch_signatures`). `undefined` marks a type this table does not derive (left unchecked).
 */
export interface LibfuncSignature {
  params: (string | undefined)[];
  branches: (string | undefined)[][];
}

export type Ty = string | undefined;

const typeIndex = new WeakMap<ProgramRegistry, Map<string, string>>();

const keyOf = (l: LongId) => `${l.genericId}<${l.args.map(genericArgToString).join(',')}>`;

/** The declared type id of `generic<args…>`, if the program declares it (and every arg is known). */
export function findType(reg: ProgramRegistry, genericId: string, ...typeArgs: Ty[]): Ty {
  if (typeArgs.some((a) => a === undefined)) return undefined;
  let index = typeIndex.get(reg);
  if (!index) {
    index = new Map();
    for (const [id, t] of reg.types) if (!index.has(keyOf(t.longId))) index.set(keyOf(t.longId), id);
    typeIndex.set(reg, index);
  }
  return index.get(`${genericId}<${typeArgs.join(',')}>`);
}

/** A one-branch signature. */
export const one = (params: Ty[], out: Ty[]): LibfuncSignature => ({ params, branches: [out] });

/**
 * Upstream `snapshot_ty`: a duplicatable type is its own snapshot, any other is wrapped; the wrapper
 * cannot be declared for a duplicatable type, so a missing `Snapshot<T>` means T itself.
 */
export function snapshotTy(reg: ProgramRegistry, t: Ty): Ty {
  if (t === undefined || !reg.types.has(t)) return undefined;
  if (reg.declared(t).declaredTypeInfo?.duplicatable) return t;
  return findType(reg, 'Snapshot', t) ?? t;
}

const userIndex = new WeakMap<ProgramRegistry, Map<string, Ty>>();

/** The declared Struct or Enum type whose user type is `name` (e.g. `core::bool`). */
export function findUserType(reg: ProgramRegistry, genericId: 'Struct' | 'Enum', name: string): Ty {
  let index = userIndex.get(reg);
  if (!index) {
    index = new Map();
    userIndex.set(reg, index);
  }
  const key = `${genericId}:${name}`;
  if (index.has(key)) return index.get(key);
  let found: Ty;
  for (const [id, t] of reg.types) {
    const u = t.longId.args[0];
    if (t.longId.genericId === genericId && u?.kind === 'userType' && userTypeIs(u.id, name)) {
      found = id;
      break;
    }
  }
  index.set(key, found);
  return found;
}

/** `core::array::Span::<core::felt252>`, the argument type of the syscalls. */
export const feltSpan = (reg: ProgramRegistry): Ty =>
  findUserType(reg, 'Struct', 'core::array::Span::<core::felt252>');

/** The declared tuple (`Struct<ut@Tuple, …>`) with these members. */
export function findTuple(reg: ProgramRegistry, members: Ty[]): Ty {
  if (members.some((m) => m === undefined)) return undefined;
  for (const [id, t] of reg.types) {
    const [u, ...rest] = t.longId.args;
    if (t.longId.genericId !== 'Struct' || u?.kind !== 'userType' || !userTypeIs(u.id, 'Tuple')) continue;
    if (rest.length === members.length && rest.every((a, i) => a.kind === 'type' && a.id === members[i]))
      return id;
  }
  return undefined;
}
