// Syscall gas costs derived from the versioned constants, as the blockifier derives them since
// 0.13.4: max(syscall_base, steps·step_gas + holes·hole_gas + Σ builtin·builtin_gas) plus a linear
// part per calldata (payload) felt.
import type { VersionedConstants, VmResources } from '@starling/protocol';

export interface SyscallGasCost {
  base: bigint;
  linear: bigint;
}

const BUILTIN_GAS_NAMES: Record<string, string> = {
  range_check_builtin: 'range_check',
  range_check96_builtin: 'range_check96',
  pedersen_builtin: 'pedersen',
  bitwise_builtin: 'bitwise',
  ec_op_builtin: 'ecop',
  poseidon_builtin: 'poseidon',
  add_mod_builtin: 'add_mod',
  mul_mod_builtin: 'mul_mod',
  ecdsa_builtin: 'ecdsa',
  keccak_builtin: 'keccak',
};

/** Sierra gas of VM resources (steps, holes and builtins at their gas prices). */
export function gasOfVmResources(vc: VersionedConstants, r: VmResources): bigint {
  let gas =
    BigInt(r.nSteps) * BigInt(vc.os.stepGasCost) + BigInt(r.nMemoryHoles) * BigInt(vc.os.memoryHoleGasCost);
  for (const [name, n] of Object.entries(r.builtins)) {
    const key = BUILTIN_GAS_NAMES[name] ?? name.replace(/_builtin$/, '');
    gas += BigInt(n) * BigInt(vc.os.builtinGasCosts[key] ?? 0);
  }
  return gas;
}

const tables = new WeakMap<VersionedConstants, Map<string, SyscallGasCost>>();

/** The gas cost of a syscall by its selector name (e.g. 'CallContract'). */
export function syscallGasCost(vc: VersionedConstants, name: string): SyscallGasCost | undefined {
  let t = tables.get(vc);
  if (t === undefined) {
    t = new Map();
    const base = BigInt(vc.os.syscallBaseGasCost);
    for (const [sel, params] of Object.entries(vc.osResources.executeSyscalls)) {
      if (vc.os.syscallGasCosts !== undefined) {
        // 0.13.2–0.13.3 files give the costs directly.
        const flat = vc.os.syscallGasCosts[sel];
        if (flat !== undefined) t.set(sel, { base: BigInt(flat), linear: 0n });
        continue;
      }
      let b = gasOfVmResources(vc, params.constant);
      if (b < base) b = base;
      t.set(sel, { base: b, linear: gasOfVmResources(vc, params.calldataFactor) });
    }
    tables.set(vc, t);
  }
  return t.get(name);
}
