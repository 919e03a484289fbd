import { P } from '@starling/felt';
import { compileError } from '../../errors.js';
import type { ProgramRegistry } from '../registry.js';

export const U128_BOUND = 1n << 128n;
const U128_MAX = U128_BOUND - 1n;

/** A half-open integer range [lower, upper). */
export interface Range {
  lower: bigint;
  upper: bigint;
}

const closed = (lower: bigint, upper: bigint): Range => ({ lower, upper: upper + 1n });
const INT_RANGES: Record<string, Range> = {
  u8: closed(0n, 255n),
  u16: closed(0n, 65535n),
  u32: closed(0n, 2n ** 32n - 1n),
  u64: closed(0n, 2n ** 64n - 1n),
  u128: closed(0n, U128_MAX),
  i8: closed(-128n, 127n),
  i16: closed(-(2n ** 15n), 2n ** 15n - 1n),
  i32: closed(-(2n ** 31n), 2n ** 31n - 1n),
  i64: closed(-(2n ** 63n), 2n ** 63n - 1n),
  i128: closed(-(2n ** 127n), 2n ** 127n - 1n),
  bytes31: { lower: 0n, upper: 1n << 248n },
};

/** The value range of an integer-like type (Range::from_type). */
export function rangeOfType(reg: ProgramRegistry, ty: string): Range {
  const t = reg.type(ty);
  if (t.genericId === 'felt252') return { lower: 1n - P, upper: P };
  const r = INT_RANGES[t.genericId];
  if (r && t.args.length === 0) return r;
  if (t.genericId === 'BoundedInt') {
    const [a, b] = t.args;
    if (a?.kind === 'value' && b?.kind === 'value') return closed(a.value, b.value);
  }
  throw compileError(`type ${ty} has no integer range`);
}

export const rangeSize = (r: Range) => r.upper - r.lower;
export const isSmallRange = (r: Range) => rangeSize(r) <= U128_BOUND;
export const isFullFelt252Range = (r: Range) => rangeSize(r) >= P;
export function intersection(a: Range, b: Range): Range | undefined {
  const lower = a.lower > b.lower ? a.lower : b.lower;
  const upper = a.upper < b.upper ? a.upper : b.upper;
  return lower < upper ? { lower, upper } : undefined;
}
export { U128_MAX };
