import type { LongId } from '../program/types.js';
import type { ProgramRegistry } from './registry.js';
import { feltSpan, findType, type LibfuncSignature, one, type Ty } from './signature-types.js';

/** Signatures of the gas, hash, address/storage and syscall families; undefined for the others. */
export function builtinSignature(reg: ProgramRegistry, l: LongId): LibfuncSignature | undefined {
  const f = (g: string, ...a: Ty[]) => findType(reg, g, ...a);
  const rc = f('RangeCheck');
  const gas = f('GasBuiltin');
  const felt = f('felt252');
  const sys = f('System');
  // Syscalls: (GasBuiltin, System, args…) → success (GasBuiltin, System, outs…) | failure (…, Array<felt252>).
  const syscall = (args: Ty[], outs: Ty[]): LibfuncSignature => ({
    params: [gas, sys, ...args],
    branches: [
      [gas, sys, ...outs],
      [gas, sys, f('Array', felt)],
    ],
  });
  const convert = (ty: string) => {
    const t = f(ty);
    return { params: [rc, felt], branches: [[rc, t], [rc]] };
  };
  switch (l.genericId) {
    case 'redeposit_gas':
      return one([gas], [gas]);
    case 'withdraw_gas':
      return {
        params: [rc, gas],
        branches: [
          [rc, gas],
          [rc, gas],
        ],
      };
    case 'withdraw_gas_all':
      return {
        params: [rc, gas, f('BuiltinCosts')],
        branches: [
          [rc, gas],
          [rc, gas],
        ],
      };
    case 'get_builtin_costs':
      return one([], [f('BuiltinCosts')]);
    case 'get_unspent_gas':
      return one([gas], [gas, f('u128')]);
    case 'revoke_ap_tracking':
      return one([], []);
    case 'pedersen':
      return one([f('Pedersen'), felt, felt], [f('Pedersen'), felt]);
    case 'hades_permutation':
      return one([f('Poseidon'), felt, felt, felt], [f('Poseidon'), felt, felt, felt]);
    case 'bitwise':
      return one([f('Bitwise'), f('u128'), f('u128')], [f('Bitwise'), f('u128'), f('u128'), f('u128')]);
    case 'contract_address_const':
      return one([], [f('ContractAddress')]);
    case 'contract_address_to_felt252':
      return one([f('ContractAddress')], [felt]);
    case 'contract_address_try_from_felt252':
      return convert('ContractAddress');
    case 'class_hash_const':
      return one([], [f('ClassHash')]);
    case 'class_hash_to_felt252':
      return one([f('ClassHash')], [felt]);
    case 'class_hash_try_from_felt252':
      return convert('ClassHash');
    case 'bytes31_const':
      return one([], [f('bytes31')]);
    case 'bytes31_to_felt252':
      return one([f('bytes31')], [felt]);
    case 'bytes31_try_from_felt252':
      return convert('bytes31');
    case 'storage_base_address_const':
      return one([], [f('StorageBaseAddress')]);
    case 'storage_base_address_from_felt252':
      return one([rc, felt], [rc, f('StorageBaseAddress')]);
    case 'storage_address_from_base':
      return one([f('StorageBaseAddress')], [f('StorageAddress')]);
    case 'storage_address_from_base_and_offset':
      return one([f('StorageBaseAddress'), f('u8')], [f('StorageAddress')]);
    case 'storage_address_to_felt252':
      return one([f('StorageAddress')], [felt]);
    case 'storage_address_try_from_felt252':
      return convert('StorageAddress');
    case 'storage_read_syscall':
      return syscall([f('u32'), f('StorageAddress')], [felt]);
    case 'storage_write_syscall':
      return syscall([f('u32'), f('StorageAddress'), felt], []);
    case 'call_contract_syscall':
      return syscall([f('ContractAddress'), felt, feltSpan(reg)], [feltSpan(reg)]);
    case 'library_call_syscall':
      return syscall([f('ClassHash'), felt, feltSpan(reg)], [feltSpan(reg)]);
    case 'emit_event_syscall':
      return syscall([feltSpan(reg), feltSpan(reg)], []);
    case 'replace_class_syscall':
      return syscall([f('ClassHash')], []);
    case 'send_message_to_l1_syscall':
      return syscall([felt, feltSpan(reg)], []);
    default:
      return undefined;
  }
}
