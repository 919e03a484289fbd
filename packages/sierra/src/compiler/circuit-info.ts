import { compileError } from '../errors.js';
import type { ProgramRegistry } from './registry.js';

export const VALUE_SIZE = 4;
export const MOD_BUILTIN_INSTANCE_SIZE = 7;
export const OFFSETS_PER_GATE = 3;

export interface GateOffsets {
  lhs: number;
  rhs: number;
  output: number;
}

/** Layout of a circuit's values and its add/mul gates (cairo-lang-sierra `get_circuit_info`). */
export interface CircuitInfo {
  nInputs: number;
  values: Map<string, number>;
  addOffsets: GateOffsets[];
  mulOffsets: GateOffsets[];
}

const typeArgs = (reg: ProgramRegistry, ty: string) =>
  reg.type(ty).args.map((a) => {
    if (a.kind !== 'type') throw compileError(`${ty}: unexpected circuit argument`);
    return a.id;
  });

/** Computes the circuit info of a `Circuit<Tuple<outputs…>>` type. */
export function circuitInfo(reg: ProgramRegistry, circuitTy: string): CircuitInfo {
  const c = reg.type(circuitTy);
  if (c.genericId !== 'Circuit' || c.args[0]?.kind !== 'type')
    throw compileError(`${circuitTy} is not a circuit`);
  const tuple = reg.type(c.args[0].id);
  if (tuple.genericId !== 'Struct') throw compileError(`${circuitTy}: outputs are not a tuple`);
  const outputs = tuple.args.slice(1).map((a) => {
    if (a.kind !== 'type') throw compileError(`${circuitTy}: bad output`);
    return a.id;
  });
  // Inputs, in index order, are reduced by `1 * input` gates into slots after the inputs.
  const inputs = new Map<number, string>();
  const visited = new Set<string>();
  const stack = [...outputs];
  while (stack.length) {
    const ty = stack.pop()!;
    if (visited.has(ty)) continue;
    visited.add(ty);
    const t = reg.type(ty);
    if (t.genericId === 'CircuitInput') {
      const v = t.args[0];
      if (v?.kind !== 'value') throw compileError('bad circuit input');
      inputs.set(Number(v.value), ty);
    } else stack.push(...typeArgs(reg, ty));
  }
  const nInputs = inputs.size;
  if (nInputs < 1) throw compileError(`${circuitTy}: a circuit needs inputs`);
  const values = new Map<string, number>();
  const mulOffsets: GateOffsets[] = [];
  const addOffsets: GateOffsets[] = [];
  for (let i = 0; i < nInputs; i++) {
    const ty = inputs.get(i);
    if (ty === undefined) throw compileError(`${circuitTy}: circuit input indices are not contiguous`);
    values.set(ty, 1 + nInputs + i);
    mulOffsets.push({ lhs: 0, rhs: 1 + i, output: 1 + nInputs + i });
  }
  const work: [string, boolean][] = outputs.map((o) => [o, true]);
  while (work.length) {
    const [ty, first] = work.pop()!;
    if (values.has(ty)) continue;
    const gateInputs = typeArgs(reg, ty);
    if (first) {
      work.push([ty, false]);
      for (const g of gateInputs) work.push([g, true]);
      continue;
    }
    const out = 1 + nInputs + values.size;
    const ins = gateInputs.map((g) => {
      const v = values.get(g);
      if (v === undefined) throw compileError('circuit gate input not computed');
      return v;
    });
    switch (reg.type(ty).genericId) {
      case 'AddModGate':
        addOffsets.push({ lhs: ins[0]!, rhs: ins[1]!, output: out });
        break;
      case 'SubModGate':
        addOffsets.push({ lhs: out, rhs: ins[1]!, output: ins[0]! });
        break;
      case 'MulModGate':
        mulOffsets.push({ lhs: ins[0]!, rhs: ins[1]!, output: out });
        break;
      case 'InverseGate':
        mulOffsets.push({ lhs: out, rhs: ins[0]!, output: 0 });
        break;
      default:
        throw compileError(`${ty} is not a circuit gate`);
    }
    values.set(ty, out);
  }
  return { nInputs, values, addOffsets, mulOffsets };
}

export const rc96Usage = (i: CircuitInfo) => (1 + i.nInputs + i.values.size) * VALUE_SIZE;

/** The const-segment data of a circuit descriptor: gate offsets scaled to cells. */
export function circuitDescriptorValues(i: CircuitInfo): bigint[] {
  const out: bigint[] = [];
  for (const g of [...i.addOffsets, ...i.mulOffsets]) {
    out.push(BigInt(g.lhs * VALUE_SIZE), BigInt(g.rhs * VALUE_SIZE), BigInt(g.output * VALUE_SIZE));
  }
  return out;
}
