import type { LongId } from '../program/types.js';
import type { ProgramRegistry } from './registry.js';
import { feltSpan, findType, findUserType, type LibfuncSignature, one, type Ty } from './signature-types.js';

const SECP = /^secp256(k1|r1)_(new|add|mul|get_point_from_x|get_xy)_syscall$/;

/** Signatures of the secp256 syscalls, coupons and the wide u256/u512 guarantees. */
export function extraSignature(reg: ProgramRegistry, l: LongId): LibfuncSignature | undefined {
  const f = (g: string, ...a: Ty[]) => findType(reg, g, ...a);
  const gas = f('GasBuiltin');
  const sys = f('System');
  const rc = f('RangeCheck');
  const u256 = findUserType(reg, 'Struct', 'core::integer::u256');
  const guarantees = (n: number): Ty[] => Array.from({ length: n }, () => f('U128MulGuarantee'));
  const q = qm31Signature(reg, l);
  if (q) return q;
  const m = SECP.exec(l.genericId);
  if (m) {
    const curve = m[1]!;
    const point = f(`Secp256${curve}Point`);
    const opt = findUserType(
      reg,
      'Enum',
      `core::option::Option::<core::starknet::secp256${curve}::Secp256${curve}Point>`,
    );
    const bool = findUserType(reg, 'Enum', 'core::bool');
    const [args, outs]: [Ty[], Ty[]] = {
      new: [[u256, u256], [opt]],
      add: [[point, point], [point]],
      mul: [[point, u256], [point]],
      get_point_from_x: [[u256, bool], [opt]],
      get_xy: [[point], [u256, u256]],
    }[m[2] as 'new' | 'add' | 'mul' | 'get_point_from_x' | 'get_xy'] as [Ty[], Ty[]];
    return {
      params: [gas, sys, ...args],
      branches: [
        [gas, sys, ...outs],
        [gas, sys, f('Array', f('felt252'))],
      ],
    };
  }
  const fn = l.args[0]?.kind === 'userFunc' ? l.args[0].id : undefined;
  const a0 = l.args[0];
  // coupon_buy and coupon_refund take the `Coupon<user@F>` type itself.
  const coupon = a0?.kind === 'type' && reg.type(a0.id).genericId === 'Coupon' ? a0.id : undefined;
  const felt = f('felt252');
  const span = feltSpan(reg);
  const syscall = (args: Ty[], outs: Ty[]): LibfuncSignature => ({
    params: [gas, sys, ...args],
    branches: [
      [gas, sys, ...outs],
      [gas, sys, f('Array', felt)],
    ],
  });
  switch (l.genericId) {
    case 'get_block_hash_syscall':
      return syscall([f('u64')], [felt]);
    case 'get_class_hash_at_syscall':
      return syscall([f('ContractAddress')], [f('ClassHash')]);
    case 'deploy_syscall':
      return syscall(
        [f('ClassHash'), felt, span, findUserType(reg, 'Enum', 'core::bool')],
        [f('ContractAddress'), span],
      );
    case 'meta_tx_v0_syscall':
      return syscall([f('ContractAddress'), felt, span, span], [span]);
    case 'int_range_try_new': {
      const t = l.args[0]?.kind === 'type' ? l.args[0].id : undefined;
      const range = f('IntRange', t);
      return {
        params: [rc, t, t],
        branches: [
          [rc, range],
          [rc, range],
        ],
      };
    }
    case 'int_range_pop_front': {
      const t = l.args[0]?.kind === 'type' ? l.args[0].id : undefined;
      const range = f('IntRange', t);
      return { params: [range], branches: [[], [range, t]] };
    }
    case 'into_u96_guarantee':
      return l.args[0]?.kind === 'type' ? one([l.args[0].id], [f('U96Guarantee')]) : undefined;
    case 'u96_guarantee_verify':
      return one([f('RangeCheck96'), f('U96Guarantee')], [f('RangeCheck96')]);
    case 'u96_single_limb_less_than_guarantee_verify':
      return one([f('U96LimbsLtGuarantee', '1')], [f('U96Guarantee')]);
    case 'u96_limbs_less_than_guarantee_verify': {
      // Either the next limb pair decides (one limb fewer), or this one does (a u96 difference).
      const n = l.args[0]?.kind === 'value' ? l.args[0].value : undefined;
      if (n === undefined) return undefined;
      return {
        params: [f('U96LimbsLtGuarantee', n.toString())],
        branches: [[f('U96LimbsLtGuarantee', (n - 1n).toString())], [f('U96Guarantee')]],
      };
    }
    case 'gas_reserve_create':
      return {
        params: [rc, gas, f('u128')],
        branches: [
          [rc, gas, f('GasReserve')],
          [rc, gas],
        ],
      };
    case 'gas_reserve_utilize':
      return one([gas, f('GasReserve')], [gas]);
    case 'coupon_buy':
      return coupon ? one([], [coupon]) : undefined;
    case 'coupon_refund':
      return coupon ? one([coupon], []) : undefined;
    case 'coupon_call': {
      const callee = fn === undefined ? undefined : reg.funcs.get(fn);
      return callee ? one([...callee.paramTypes, f('Coupon', `user@${fn}`)], callee.retTypes) : undefined;
    }
    case 'u512_safe_divmod_by_u256': {
      const u512 = findUserType(reg, 'Struct', 'core::integer::u512');
      return one([rc, u512, f('NonZero', u256)], [rc, u512, u256, ...guarantees(5)]);
    }
    case 'u256_guarantee_inv_mod_n':
      return {
        params: [rc, u256, f('NonZero', u256)],
        branches: [
          [rc, f('NonZero', u256), ...guarantees(8)],
          [rc, ...guarantees(2)],
        ],
      };
    default:
      return undefined;
  }
}

/** The qm31 and m31 field families; m31 is `BoundedInt<0, 2^31 - 2>`. */
function qm31Signature(reg: ProgramRegistry, l: LongId): LibfuncSignature | undefined {
  const f = (g: string, ...a: Ty[]) => findType(reg, g, ...a);
  const qm = f('qm31');
  const m31 = f('BoundedInt', '0', '2147483646');
  switch (l.genericId) {
    case 'qm31_add':
    case 'qm31_sub':
    case 'qm31_mul':
      return one([qm, qm], [qm]);
    case 'qm31_div':
      return one([qm, f('NonZero', qm)], [qm]);
    case 'qm31_const':
      return one([], [qm]);
    case 'qm31_is_zero':
      return { params: [qm], branches: [[], [f('NonZero', qm)]] };
    case 'qm31_pack':
      return one([m31, m31, m31, m31], [qm]);
    case 'qm31_unpack':
      return one([f('RangeCheck'), qm], [f('RangeCheck'), m31, m31, m31, m31]);
    case 'qm31_from_m31':
      return one([m31], [qm]);
    case 'm31_add':
    case 'm31_sub':
    case 'm31_mul':
      return one([m31, m31], [m31]);
    case 'm31_div':
      return one([m31, f('NonZero', m31)], [m31]);
    default:
      return undefined;
  }
}
