import type { LongId } from '../program/types.js';
import type { ProgramRegistry } from './registry.js';
import { findType, findUserType, type LibfuncSignature, one, type Ty } from './signature-types.js';

const INT = /^(u8|u16|u32|u64|u128|i8|i16|i32|i64|i128)_(.+)$/;
const WIDE: Record<string, string> = {
  u8: 'u16',
  u16: 'u32',
  u32: 'u64',
  u64: 'u128',
  i8: 'i16',
  i16: 'i32',
  i32: 'i64',
  i64: 'i128',
};

/** Signatures of the fixed-width integer families (`u8_*` … `i128_*`), undefined for the others. */
export function intSignature(reg: ProgramRegistry, l: LongId): LibfuncSignature | undefined {
  const m = INT.exec(l.genericId);
  if (!m) return undefined;
  const [, width, op] = m as unknown as [string, string, string];
  const f = (g: string, ...a: Ty[]) => findType(reg, g, ...a);
  const t = f(width);
  const rc = f('RangeCheck');
  const felt = f('felt252');
  const unsigned = width.startsWith('u');
  switch (op) {
    case 'to_felt252':
      return one([t], [felt]);
    case 'try_from_felt252':
      return { params: [rc, felt], branches: [[rc, t], [rc]] };
    case 'const':
      return one([], [t]);
    case 'eq':
      return { params: [t, t], branches: [[], []] };
    case 'is_zero':
      return { params: [t], branches: [[], [f('NonZero', t)]] };
    case 'lt':
    case 'le':
      return { params: [rc, t, t], branches: [[rc], [rc]] };
    case 'overflowing_add':
    case 'overflowing_sub':
      return unsigned
        ? {
            params: [rc, t, t],
            branches: [
              [rc, t],
              [rc, t],
            ],
          }
        : undefined;
    case 'overflowing_add_impl':
    case 'overflowing_sub_impl':
      return unsigned
        ? undefined
        : {
            params: [rc, t, t],
            branches: [
              [rc, t],
              [rc, t],
              [rc, t],
            ],
          };
    case 'diff': {
      const u = f(`u${width.slice(1)}`);
      return unsigned
        ? undefined
        : {
            params: [rc, t, t],
            branches: [
              [rc, u],
              [rc, u],
            ],
          };
    }
    case 'safe_divmod':
      return unsigned ? one([rc, t, f('NonZero', t)], [rc, t, t]) : undefined;
    case 'wide_mul': {
      const w = WIDE[width];
      return w ? one([t, t], [f(w)]) : undefined;
    }
    case 'sqrt': {
      // The root has half the width (a u8 root for u8 and u16).
      const root: Record<string, string> = { u8: 'u8', u16: 'u8', u32: 'u16', u64: 'u32', u128: 'u64' };
      return unsigned ? one([rc, t], [rc, f(root[width]!)]) : undefined;
    }
    case 'bitwise':
      return unsigned ? one([f('Bitwise'), t, t], [f('Bitwise'), t, t, t]) : undefined;
    default:
      break;
  }
  if (width !== 'u128') return undefined;
  const guarantee = f('U128MulGuarantee');
  switch (op) {
    case 'guarantee_mul':
      return one([t, t], [t, t, guarantee]);
    case 'mul_guarantee_verify':
      return one([rc, guarantee], [rc]);
    case 'byte_reverse':
      return one([f('Bitwise'), t], [f('Bitwise'), t]);
    default:
      return undefined;
  }
}

/** `u128s_from_felt252` and the u256 families. */
export function u256Signature(reg: ProgramRegistry, l: LongId): LibfuncSignature | undefined {
  const f = (g: string, ...a: Ty[]) => findType(reg, g, ...a);
  const rc = f('RangeCheck');
  const u128 = f('u128');
  const u256 = findUserType(reg, 'Struct', 'core::integer::u256');
  switch (l.genericId) {
    case 'u128s_from_felt252':
      return {
        params: [rc, f('felt252')],
        branches: [
          [rc, u128],
          [rc, u128, u128],
        ],
      };
    case 'u256_sqrt':
      return one([rc, u256], [rc, u128]);
    case 'u256_is_zero':
      return { params: [u256], branches: [[], [f('NonZero', u256)]] };
    case 'u256_safe_divmod':
      return one([rc, u256, f('NonZero', u256)], [rc, u256, u256, f('U128MulGuarantee')]);
    default:
      return undefined;
  }
}
