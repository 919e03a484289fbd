import { compileError } from '../../errors.js';
import { type BranchCost, cc, regular, steps } from '../gas/objects.js';
import { typeArg } from '../registry.js';
import { known, type LibfuncDef, type SierraApChange, type SpecContext } from '../types.js';
import { buildFelt252RangeReduction } from './casts.js';
import { buildIsZero, identity } from './core.js';
import { singleConst } from './felt252.js';
import {
  buildBitwise,
  buildCellEq,
  buildDivRem,
  buildSmallDiff,
  buildSmallWideMul,
  buildSqrt,
  divRemAlgorithm,
} from './int-helpers.js';
import { rangeOfType, U128_BOUND } from './range.js';
import {
  buildSintOverflowing,
  buildSmallUintOverflowingAdd,
  buildU128ByteReverse,
  buildU128FromFelt252,
  buildU128GuaranteeMul,
  buildU128MulGuaranteeVerify,
  buildU128OverflowingAdd,
} from './uint128.js';

const k =
  (...ns: number[]): (() => SierraApChange[]) =>
  () =>
    ns.map(known);
const c =
  (...costs: BranchCost[]): (() => BranchCost[]) =>
  () =>
    costs;
const bitwiseCost = () => [regular(cc(2), [['Bitwise', 1]])];

function def(
  apChange: () => SierraApChange[],
  cost: () => BranchCost[],
  build: LibfuncDef['build'],
): LibfuncDef {
  return { apChange, cost, build };
}

export const intLibfuncs: Record<string, LibfuncDef> = {};

for (const [t, bits] of [
  ['u8', 8],
  ['u16', 16],
  ['u32', 32],
  ['u64', 64],
] as const) {
  const limit = 1n << BigInt(bits);
  const divAlg = divRemAlgorithm({ lower: 0n, upper: limit }, { lower: 1n, upper: limit })!;
  Object.assign(intLibfuncs, {
    [`${t}_const`]: def(k(0), c(steps(0)), singleConst),
    [`${t}_to_felt252`]: def(k(0), c(steps(0)), identity),
    [`${t}_overflowing_add`]: def(k(3, 3), c(regular(cc(4, 1)), regular(cc(5, 1))), (x) =>
      buildSmallUintOverflowingAdd(x, limit),
    ),
    [`${t}_overflowing_sub`]: def(k(2, 3), c(regular(cc(3, 1)), regular(cc(5, 1))), (x) =>
      buildSmallDiff(x, limit),
    ),
    [`${t}_sqrt`]: def(k(6), c(regular(cc(9, 4))), buildSqrt),
    [`${t}_eq`]: def(k(1, 1), c(steps(2), steps(3)), buildCellEq),
    [`${t}_try_from_felt252`]: def(k(2, 7), c(regular(cc(4, 2)), regular(cc(10, 3))), (x) =>
      buildFelt252RangeReduction(x, { lower: 0n, upper: limit }),
    ),
    [`${t}_is_zero`]: def(k(0, 0), c(steps(1), steps(1)), buildIsZero),
    [`${t}_safe_divmod`]: def(k(5), c(regular(cc(7, 3))), (x) => buildDivRem(x, divAlg)),
    [`${t}_bitwise`]: def(k(0), bitwiseCost, buildBitwise),
    [`${t}_wide_mul`]: def(k(0), c(steps(0)), buildSmallWideMul),
  });
}

const u128Div = divRemAlgorithm({ lower: 0n, upper: U128_BOUND }, { lower: 1n, upper: U128_BOUND })!;
Object.assign(intLibfuncs, {
  u128_const: def(k(0), c(steps(0)), singleConst),
  u128_to_felt252: def(k(0), c(steps(0)), identity),
  u128_overflowing_add: def(k(2, 3), c(regular(cc(3, 1)), regular(cc(5, 1))), buildU128OverflowingAdd),
  u128_overflowing_sub: def(k(2, 3), c(regular(cc(3, 1)), regular(cc(5, 1))), (x) =>
    buildSmallDiff(x, U128_BOUND),
  ),
  u128_safe_divmod: def(k(7), c(regular(cc(11, 4))), (x) => buildDivRem(x, u128Div)),
  u128_guarantee_mul: def(k(2), c(steps(1)), buildU128GuaranteeMul),
  u128_mul_guarantee_verify: def(k(15), c(regular(cc(23, 9))), buildU128MulGuaranteeVerify),
  u128_is_zero: def(k(0, 0), c(steps(1), steps(1)), buildIsZero),
  u128s_from_felt252: def(k(1, 6), c(regular(cc(2, 1)), regular(cc(11, 3))), buildU128FromFelt252),
  u128_eq: def(k(1, 1), c(steps(2), steps(3)), buildCellEq),
  u128_sqrt: def(k(6), c(regular(cc(9, 4))), buildSqrt),
  u128_byte_reverse: def(k(16), () => [regular(cc(24), [['Bitwise', 4]])], buildU128ByteReverse),
  bitwise: def(k(0), bitwiseCost, buildBitwise),
});

for (const [t, bits] of [
  ['i8', 8],
  ['i16', 16],
  ['i32', 32],
  ['i64', 64],
  ['i128', 128],
] as const) {
  const min = -(1n << BigInt(bits - 1));
  const max = (1n << BigInt(bits - 1)) - 1n;
  const is128 = bits === 128;
  Object.assign(intLibfuncs, {
    [`${t}_const`]: def(k(0), c(steps(0)), singleConst),
    [`${t}_to_felt252`]: def(k(0), c(steps(0)), identity),
    [`${t}_eq`]: def(k(1, 1), c(steps(2), steps(3)), buildCellEq),
    [`${t}_try_from_felt252`]: def(
      is128 ? k(2, 7) : k(3, 7),
      is128 ? c(regular(cc(3, 1)), regular(cc(10, 3))) : c(regular(cc(5, 2)), regular(cc(10, 3))),
      (x) => buildFelt252RangeReduction(x, { lower: min, upper: max + 1n }),
    ),
    [`${t}_overflowing_add_impl`]: def(
      is128 ? k(3, 4, 4) : k(4, 4, 4),
      is128
        ? c(regular(cc(4, 1)), regular(cc(6, 1)), regular(cc(6, 1)))
        : c(regular(cc(6, 2)), regular(cc(6, 1)), regular(cc(6, 1))),
      (x) => buildSintOverflowing(x, min, max, 'add'),
    ),
    [`${t}_overflowing_sub_impl`]: def(
      is128 ? k(3, 4, 4) : k(4, 4, 4),
      is128
        ? c(regular(cc(4, 1)), regular(cc(6, 1)), regular(cc(6, 1)))
        : c(regular(cc(6, 2)), regular(cc(6, 1)), regular(cc(6, 1))),
      (x) => buildSintOverflowing(x, min, max, 'sub'),
    ),
    [`${t}_diff`]: def(k(2, 3), c(regular(cc(3, 1)), regular(cc(5, 1))), (x) =>
      buildSmallDiff(x, is128 ? U128_BOUND : max + 1n - min),
    ),
  });
  if (!is128) intLibfuncs[`${t}_wide_mul`] = def(k(0), c(steps(0)), buildSmallWideMul);
}

function divRemSpec(s: Pick<SpecContext, 'reg' | 'libfunc' | 'libfuncId'>) {
  const lhs = rangeOfType(s.reg, typeArg(s.libfunc.args, 0, s.libfuncId));
  const rhs = rangeOfType(s.reg, typeArg(s.libfunc.args, 1, s.libfuncId));
  const alg = divRemAlgorithm(lhs, rhs);
  if (!alg) throw compileError(`${s.libfuncId}: unsupported bounded_int_div_rem ranges`);
  return alg;
}

export const boundedDivRem: LibfuncDef = {
  apChange: (s) => {
    const a = divRemSpec(s).kind;
    return [known(a === 'small_rhs' ? 5 : a === 'small_quotient' ? 6 : 7)];
  },
  cost: (s) => {
    const a = divRemSpec(s).kind;
    return [regular(a === 'small_rhs' ? cc(7, 3) : a === 'small_quotient' ? cc(9, 4) : cc(11, 4))];
  },
  build: (x) => buildDivRem(x, divRemSpec(x)),
};
