import type { LongId } from '../program/types.js';
import { boundedSignature } from './bounded-signatures.js';
import { builtinSignature } from './builtin-signatures.js';
import { circuitSignature } from './circuit-signatures.js';
import { extraSignature } from './extra-signatures.js';
import { intSignature, u256Signature } from './int-signatures.js';
import { asType, type ProgramRegistry } from './registry.js';
import { findType, type LibfuncSignature, one } from './signature-types.js';
import { boolSignature, valueSignature } from './value-signatures.js';
import { wrapperSignature } from './wrapper-signatures.js';

export type { LibfuncSignature } from './signature-types.js';

/**
 * The signature of the common libfunc families, the ones that move, wrap and unwrap values; other
 * libfuncs return undefined and their arguments are not type-checked (their outputs are untyped).
 */
export function libfuncSignature(reg: ProgramRegistry, l: LongId): LibfuncSignature | undefined {
  const t0 = () => asType(l.args[0], l.genericId);
  const felt = () => findType(reg, 'felt252');
  switch (l.genericId) {
    case 'store_temp':
    case 'rename':
      return one([t0()], [t0()]);
    case 'store_local':
      return one([findType(reg, 'Uninitialized', t0()), t0()], [t0()]);
    case 'alloc_local':
      return one([], [findType(reg, 'Uninitialized', t0())]);
    case 'finalize_locals':
    case 'branch_align':
    case 'jump':
    case 'disable_ap_tracking':
    case 'enable_ap_tracking':
      return one([], []);
    case 'dup':
      return one([t0()], [t0(), t0()]);
    case 'drop':
      return one([t0()], []);
    case 'function_call': {
      const a = l.args[0];
      if (a?.kind !== 'userFunc') return undefined;
      const f = reg.funcs.get(a.id);
      return f ? one(f.paramTypes, f.retTypes) : undefined;
    }
    case 'enum_init': {
      const idx = l.args[1];
      if (idx?.kind !== 'value') return undefined;
      const variant = reg.enumVariants(t0())[Number(idx.value)];
      return variant === undefined ? undefined : one([variant], [t0()]);
    }
    case 'enum_match':
      return { params: [t0()], branches: reg.enumVariants(t0()).map((v) => [v]) };
    case 'struct_construct':
      return one(reg.structMembers(t0()), [t0()]);
    case 'struct_deconstruct':
      return one([t0()], reg.structMembers(t0()));
    case 'unwrap_non_zero':
      return one([findType(reg, 'NonZero', t0())], [t0()]);
    case 'felt252_is_zero':
      return { params: [felt()], branches: [[], [findType(reg, 'NonZero', felt() ?? '')]] };
    case 'felt252_add':
    case 'felt252_sub':
    case 'felt252_mul':
      return one([felt(), felt()], [felt()]);
    case 'felt252_div':
      return one([felt(), findType(reg, 'NonZero', felt() ?? '')], [felt()]);
    case 'felt252_const':
      return one([], [felt()]);
    case 'array_new':
      return one([], [findType(reg, 'Array', t0())]);
    case 'array_append': {
      const arr = findType(reg, 'Array', t0());
      return one([arr, t0()], [arr]);
    }
    default:
      return familySignature(reg, l);
  }
}

/**
 * The wider library. A libfunc whose generic args do not fit is left unchecked here: its own
 * specialization reports that with the upstream error.
 */
function familySignature(reg: ProgramRegistry, l: LongId): LibfuncSignature | undefined {
  try {
    return (
      intSignature(reg, l) ??
      u256Signature(reg, l) ??
      builtinSignature(reg, l) ??
      valueSignature(reg, l) ??
      boolSignature(reg, l) ??
      boundedSignature(reg, l) ??
      wrapperSignature(reg, l) ??
      extraSignature(reg, l) ??
      circuitSignature(reg, l)
    );
  } catch {
    return undefined;
  }
}

/** Upstream `check_types_match`: same count, and every known type equal. */
export function typesMatch(actual: readonly string[], expected: readonly (string | undefined)[]): boolean {
  if (actual.length !== expected.length) return false;
  return actual.every((a, i) => a === '' || expected[i] === undefined || a === expected[i]);
}
