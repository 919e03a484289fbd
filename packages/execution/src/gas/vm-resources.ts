// Arithmetic on VM resources (steps, holes, builtin counters) and the OS resources of syscalls.
import type { BuiltinName, ExecutionResources } from '@starling/cairo-vm';
import type { VersionedConstants, VmResources } from '@starling/protocol';

export const emptyResources = (): ExecutionResources => ({
  n_steps: 0,
  n_memory_holes: 0,
  builtin_instance_counter: {},
});

/** Adds `b` (times `k`) into `a`. */
export function addResources(a: ExecutionResources, b: ExecutionResources, k = 1): void {
  a.n_steps += b.n_steps * k;
  a.n_memory_holes += b.n_memory_holes * k;
  for (const [name, n] of Object.entries(b.builtin_instance_counter)) {
    const key = name as BuiltinName;
    a.builtin_instance_counter[key] = (a.builtin_instance_counter[key] ?? 0) + (n ?? 0) * k;
  }
}

// The constants name builtins `x_builtin`; the VM names them `x`. Renamed once per constants object.
const renamed = new WeakMap<VmResources, [BuiltinName, number][]>();
function builtinEntries(r: VmResources): [BuiltinName, number][] {
  let e = renamed.get(r);
  if (e === undefined) {
    e = Object.entries(r.builtins).map(([name, n]) => [name.replace(/_builtin$/, '') as BuiltinName, n]);
    renamed.set(r, e);
  }
  return e;
}

/** Converts the constants' resources (builtins named `x_builtin`) to VM resources. */
export function fromVcResources(r: VmResources, k = 1): ExecutionResources {
  const out = emptyResources();
  out.n_steps = r.nSteps * k;
  out.n_memory_holes = r.nMemoryHoles * k;
  for (const [key, n] of builtinEntries(r)) out.builtin_instance_counter[key] = n * k;
  return out;
}

/** OS resources of a call's syscalls (execute_syscalls), charged to Cairo-steps calls. */
export function syscallOsResources(
  vc: VersionedConstants,
  usage: ReadonlyMap<string, { count: number; linear: number }>,
): ExecutionResources {
  const out = emptyResources();
  for (const [name, u] of usage) {
    let sel = name;
    if (name === 'Keccak') {
      const base = vc.osResources.executeSyscalls.Keccak;
      if (base !== undefined) addResources(out, fromVcResources(base.constant));
      sel = 'KeccakRound';
    }
    const p = vc.osResources.executeSyscalls[sel];
    if (p === undefined) continue;
    addResources(out, fromVcResources(p.constant, u.count));
    addResources(out, scaledResources(p, u.linear));
  }
  return out;
}

/** constant·count is the caller's job; this is calldata_factor·len / scaling, rounded up per field. */
export function scaledResources(
  p: { calldataFactor: VmResources; calldataScalingFactor: number },
  len: number,
): ExecutionResources {
  const k = p.calldataScalingFactor;
  const out = emptyResources();
  out.n_steps = Math.ceil((p.calldataFactor.nSteps * len) / k);
  out.n_memory_holes = Math.ceil((p.calldataFactor.nMemoryHoles * len) / k);
  for (const [key, n] of builtinEntries(p.calldataFactor))
    out.builtin_instance_counter[key] = Math.ceil((n * len) / k);
  return out;
}
