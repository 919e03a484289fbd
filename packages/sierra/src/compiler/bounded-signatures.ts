import type { LongId } from '../program/types.js';
import { type Range, rangeOfType } from './libfuncs/range.js';
import { asType, type ProgramRegistry } from './registry.js';
import { findType, type LibfuncSignature, one, type Ty } from './signature-types.js';

/** The declared `BoundedInt<min, max>` for an inclusive range. */
const boundedInt = (reg: ProgramRegistry, min: bigint, max: bigint): Ty =>
  findType(reg, 'BoundedInt', min.toString(), max.toString());

function rangeOf(reg: ProgramRegistry, ty: Ty): Range | undefined {
  if (ty === undefined) return undefined;
  try {
    return rangeOfType(reg, ty);
  } catch {
    return undefined;
  }
}

const minMax = (xs: bigint[]): [bigint, bigint] => [
  xs.reduce((a, b) => (b < a ? b : a)),
  xs.reduce((a, b) => (b > a ? b : a)),
];

function productRange(a: Range, b: Range): [bigint, bigint] {
  const [x0, x1, y0, y1] = [a.lower, a.upper - 1n, b.lower, b.upper - 1n];
  return minMax([x0 * y0, x0 * y1, x1 * y0, x1 * y1]);
}

/** Signatures of the `bounded_int_*` families (output ranges as upstream derives them). */
export function boundedSignature(reg: ProgramRegistry, l: LongId): LibfuncSignature | undefined {
  if (!l.genericId.startsWith('bounded_int_') && l.genericId !== 'enum_from_bounded_int') return undefined;
  if (l.genericId === 'bounded_int_guarantee_verify') return guaranteeVerifySignature(reg, l);
  const t0 = asType(l.args[0], l.genericId);
  const rc = findType(reg, 'RangeCheck');
  const binary = (lo: (a: Range, b: Range) => [bigint, bigint]) => {
    const t1 = asType(l.args[1], l.genericId);
    const [a, b] = [rangeOf(reg, t0), rangeOf(reg, t1)];
    const out = a && b ? boundedInt(reg, ...lo(a, b)) : undefined;
    return one([t0, t1], [out]);
  };
  switch (l.genericId) {
    case 'bounded_int_add':
      return binary((a, b) => [a.lower + b.lower, a.upper + b.upper - 2n]);
    case 'bounded_int_sub':
      return binary((a, b) => [a.lower - (b.upper - 1n), a.upper - 1n - b.lower]);
    case 'bounded_int_mul': {
      // Two non-zero factors give a non-zero product.
      const [n0, n1] = [reg.type(t0), reg.type(asType(l.args[1], l.genericId))];
      if (n0.genericId === 'NonZero' && n1.genericId === 'NonZero') {
        const [i0, i1] = [asType(n0.args[0], t0), asType(n1.args[0], t0)];
        const [a, b] = [rangeOf(reg, i0), rangeOf(reg, i1)];
        const [lo, hi] = a && b ? productRange(a, b) : [0n, 0n];
        const out = a && b ? findType(reg, 'NonZero', boundedInt(reg, lo, hi)) : undefined;
        return one([t0, asType(l.args[1], l.genericId)], [out]);
      }
      return binary(productRange);
    }
    case 'bounded_int_div_rem': {
      const t1 = asType(l.args[1], l.genericId);
      const [a, b] = [rangeOf(reg, t0), rangeOf(reg, t1)];
      const ok = a && b && a.lower >= 0n && b.upper > 1n;
      // The divisor is non-zero: its smallest value is at least 1.
      const bMin = b && b.lower > 0n ? b.lower : 1n;
      const q = ok ? boundedInt(reg, a.lower / (b.upper - 1n), (a.upper - 1n) / bMin) : undefined;
      const rMax = ok ? (a.upper - 1n < b.upper - 2n ? a.upper - 1n : b.upper - 2n) : 0n;
      const r = ok ? boundedInt(reg, 0n, rMax) : undefined;
      return one([rc, t0, findType(reg, 'NonZero', t1)], [rc, q, r]);
    }
    case 'bounded_int_is_zero':
      return { params: [t0], branches: [[], [findType(reg, 'NonZero', t0)]] };
    case 'bounded_int_wrap_non_zero':
      return one([t0], [findType(reg, 'NonZero', t0)]);
    case 'bounded_int_trim_min':
    case 'bounded_int_trim_max': {
      const r = rangeOf(reg, t0);
      const out = !r
        ? undefined
        : l.genericId === 'bounded_int_trim_min'
          ? boundedInt(reg, r.lower + 1n, r.upper - 1n)
          : boundedInt(reg, r.lower, r.upper - 2n);
      return { params: [t0], branches: [[], [out]] };
    }
    case 'bounded_int_constrain': {
      const b = l.args[1]?.kind === 'value' ? l.args[1].value : undefined;
      const t = reg.type(t0);
      const nz = t.genericId === 'NonZero' && t.args[0]?.kind === 'type';
      const inner = nz ? asType(t.args[0], l.genericId) : t0;
      const r = rangeOf(reg, inner);
      const wrap = (x: Ty) => (nz ? findType(reg, 'NonZero', x) : x);
      const under = r && b !== undefined ? wrap(boundedInt(reg, r.lower, b - 1n)) : undefined;
      const over = r && b !== undefined ? wrap(boundedInt(reg, b, r.upper - 1n)) : undefined;
      return {
        params: [rc, t0],
        branches: [
          [rc, under],
          [rc, over],
        ],
      };
    }
    case 'enum_from_bounded_int':
      // The input is the variant index, BoundedInt<0, variants - 1>.
      return one([boundedInt(reg, 0n, BigInt(reg.enumVariants(t0).length - 1))], [t0]);
    default:
      return undefined;
  }
}

/** `bounded_int_guarantee_verify<MIN, MAX>`: upstream supports only the u32 range. */
function guaranteeVerifySignature(reg: ProgramRegistry, l: LongId): LibfuncSignature | undefined {
  const [lo, hi] = l.args;
  if (lo?.kind !== 'value' || hi?.kind !== 'value' || lo.value !== 0n || hi.value !== (1n << 32n) - 1n)
    return undefined;
  const rc = findType(reg, 'RangeCheck');
  return one([rc, findType(reg, 'BoundedIntGuarantee', lo.value.toString(), hi.value.toString())], [rc]);
}
