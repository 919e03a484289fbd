import type { LongId } from '../program/types.js';
import type { ProgramRegistry } from './registry.js';
import { findTuple, findType, findUserType, type LibfuncSignature, one, type Ty } from './signature-types.js';

const U32_MAX = (1n << 32n) - 1n;
const U96_MAX = (1n << 96n) - 1n;
const CIRCUIT_COMPONENTS = new Set(['CircuitInput', 'AddModGate', 'InverseGate', 'MulModGate', 'SubModGate']);

/** Signatures of the circuit, Blake2s and SHA-2 state families and the u32 guarantees (upstream circuit.rs, blake.rs, syscalls.rs, bounded_int.rs). */
export function circuitSignature(reg: ProgramRegistry, l: LongId): LibfuncSignature | undefined {
  const f = (g: string, ...a: Ty[]) => findType(reg, g, ...a);
  const bounded = (min: bigint, max: bigint) => f('BoundedInt', min.toString(), max.toString());
  const u32Guarantee = f('BoundedIntGuarantee', '0', U32_MAX.toString());
  const boxedArray = (elem: Ty, n: number) =>
    f(
      'Box',
      findTuple(
        reg,
        Array.from({ length: n }, () => elem),
      ),
    );
  const a0 = l.args[0]?.kind === 'type' ? l.args[0].id : undefined;
  const rc96 = f('RangeCheck96');
  const addMod = f('AddMod');
  const mulMod = f('MulMod');
  const u96 = bounded(0n, U96_MAX);
  const u384Guarantee = f('U96LimbsLtGuarantee', '4');
  switch (l.genericId) {
    case 'init_circuit_data':
      return one([rc96], [rc96, f('CircuitInputAccumulator', a0)]);
    case 'add_circuit_input': {
      const g = f('U96Guarantee');
      const acc = f('CircuitInputAccumulator', a0);
      return { params: [acc, findTuple(reg, [g, g, g, g])], branches: [[f('CircuitData', a0)], [acc]] };
    }
    case 'get_circuit_descriptor':
      return one([], [f('CircuitDescriptor', a0)]);
    case 'eval_circuit':
      return {
        params: [
          addMod,
          mulMod,
          f('CircuitDescriptor', a0),
          f('CircuitData', a0),
          f('CircuitModulus'),
          bounded(0n, 0n),
          bounded(1n, 1n),
        ],
        branches: [
          [addMod, mulMod, f('CircuitOutputs', a0)],
          [addMod, mulMod, f('CircuitPartialOutputs', a0), f('CircuitFailureGuarantee')],
        ],
      };
    case 'get_circuit_output': {
      const out = l.args[1]?.kind === 'type' ? l.args[1].id : undefined;
      if (out === undefined || !CIRCUIT_COMPONENTS.has(reg.type(out).genericId)) return undefined;
      const u384 = findUserType(reg, 'Struct', 'core::circuit::u384');
      return one([f('CircuitOutputs', a0)], [u384, u384Guarantee]);
    }
    case 'circuit_failure_guarantee_verify':
      return one(
        [rc96, mulMod, f('CircuitFailureGuarantee'), bounded(0n, 0n), bounded(1n, 1n)],
        [rc96, mulMod, u384Guarantee],
      );
    case 'try_into_circuit_modulus':
      return { params: [findTuple(reg, [u96, u96, u96, u96])], branches: [[f('CircuitModulus')], []] };
    case 'blake2s_compress':
    case 'blake2s_finalize':
      return one([boxedArray(f('u32'), 8), f('u32'), boxedArray(f('u32'), 16)], [boxedArray(f('u32'), 8)]);
    case 'blake2s_compress_guarantees':
    case 'blake2s_finalize_guarantees':
      return one(
        [boxedArray(f('u32'), 8), f('u32'), boxedArray(u32Guarantee, 16)],
        [boxedArray(f('u32'), 8)],
      );
    case 'u128_to_u32_guarantees':
      return one([f('u128')], [u32Guarantee, u32Guarantee, u32Guarantee, u32Guarantee]);
    default:
      return shaSignature(reg, l);
  }
}

/** The SHA-256 / SHA-512 state handles and their block syscalls. */
function shaSignature(reg: ProgramRegistry, l: LongId): LibfuncSignature | undefined {
  const m = /^sha(256|512)_(state_handle_init|state_handle_digest|process_block_syscall)$/.exec(l.genericId);
  if (!m) return undefined;
  const f = (g: string, ...a: Ty[]) => findType(reg, g, ...a);
  const word = f(m[1] === '256' ? 'u32' : 'u64');
  const boxed = (n: number) =>
    f(
      'Box',
      findTuple(
        reg,
        Array.from({ length: n }, () => word),
      ),
    );
  const handle = f(`Sha${m[1]}StateHandle`);
  if (m[2] === 'state_handle_init') return one([boxed(8)], [handle]);
  if (m[2] === 'state_handle_digest') return one([handle], [boxed(8)]);
  const gas = f('GasBuiltin');
  const sys = f('System');
  return {
    params: [gas, sys, handle, boxed(16)],
    branches: [
      [gas, sys, handle],
      [gas, sys, f('Array', f('felt252'))],
    ],
  };
}
