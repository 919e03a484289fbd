import { SierraError } from '../errors.js';
import type { GenericArg, LongId, Program, SierraFunction, TypeDeclaration } from '../program/types.js';

function invalid(message: string, details?: Record<string, unknown>): SierraError {
  return new SierraError('SIERRA_INVALID_PROGRAM', message, details);
}

const SIZE_1 = new Set([
  'felt252',
  'GasBuiltin',
  'GasReserve',
  'Bitwise',
  'BuiltinCosts',
  'EcOp',
  'Nullable',
  'u8',
  'u16',
  'u32',
  'u64',
  'u128',
  'i8',
  'i16',
  'i32',
  'i64',
  'i128',
  'RangeCheck',
  'RangeCheck96',
  'Box',
  'System',
  'StorageBaseAddress',
  'StorageAddress',
  'ContractAddress',
  'ClassHash',
  'Secp256k1Point',
  'Secp256r1Point',
  'Sha256StateHandle',
  'Sha512StateHandle',
  'Pedersen',
  'Poseidon',
  'Felt252Dict',
  'Felt252DictEntry',
  'SegmentArena',
  'bytes31',
  'BoundedInt',
  'BoundedIntGuarantee',
  'qm31',
  'U96Guarantee',
  'CircuitData',
  'AddMod',
  'MulMod',
  'Blake2sState',
]);
const SIZE_2 = new Set([
  'Array',
  'Span',
  'EcPoint',
  'SquashedFelt252Dict',
  'IntRange',
  'CircuitInputAccumulator',
]);
const FIXED: Record<string, number> = {
  Coupon: 0,
  EcState: 3,
  U128MulGuarantee: 4,
  CircuitDescriptor: 4,
  CircuitFailureGuarantee: 8,
  CircuitOutputs: 5,
  CircuitPartialOutputs: 6,
  CircuitModulus: 4,
};
const UNSIZED = new Set([
  'Const',
  'Circuit',
  'CircuitInput',
  'AddModGate',
  'InverseGate',
  'MulModGate',
  'SubModGate',
]);

/** Types, libfuncs and functions of a program, with type sizes (cairo-lang-sierra-type-size). */
export class ProgramRegistry {
  readonly types = new Map<string, TypeDeclaration>();
  readonly libfuncs = new Map<string, LongId>();
  readonly funcs = new Map<string, SierraFunction>();
  readonly sizes = new Map<string, number>();

  constructor(readonly program: Program) {
    for (const t of program.types) {
      if (this.types.has(t.id)) throw invalid(`duplicate type id ${t.id}`);
      this.types.set(t.id, t);
    }
    for (const l of program.libfuncs) {
      if (this.libfuncs.has(l.id)) throw invalid(`duplicate libfunc id ${l.id}`);
      this.libfuncs.set(l.id, l.longId);
    }
    for (const f of program.funcs) {
      if (this.funcs.has(f.id)) throw invalid(`duplicate function id ${f.id}`);
      if (f.entryPoint >= program.statements.length)
        throw invalid(`function ${f.id} entry point out of range`);
      this.funcs.set(f.id, f);
    }
    for (const t of program.types) {
      const size = this.computeSize(t);
      if (size !== undefined) {
        if (size > 32767) throw invalid(`type ${t.id} is too large`);
        this.sizes.set(t.id, size);
      }
    }
  }

  private depSize(owner: string, dep: string): number {
    const s = this.sizes.get(dep);
    if (s === undefined) throw invalid(`type size dependency ${dep} of ${owner} is missing`);
    return s;
  }

  private computeSize(t: TypeDeclaration): number | undefined {
    const g = t.longId.genericId;
    if (SIZE_1.has(g)) return 1;
    if (SIZE_2.has(g)) return 2;
    if (g in FIXED) return FIXED[g];
    if (UNSIZED.has(g)) return undefined;
    const args = t.longId.args;
    switch (g) {
      case 'NonZero':
      case 'Snapshot':
      case 'Uninitialized':
        return this.depSize(t.id, typeArg(args, 0, t.id));
      case 'Enum': {
        let max = 0;
        for (const a of args.slice(1)) max = Math.max(max, this.depSize(t.id, asType(a, t.id)));
        return max + 1;
      }
      case 'Struct': {
        if (t.declaredTypeInfo && !t.declaredTypeInfo.storable) return undefined;
        let size = 0;
        for (const a of args.slice(1)) size += this.depSize(t.id, asType(a, t.id));
        return size;
      }
      case 'U96LimbsLtGuarantee': {
        const v = args[0];
        if (v?.kind !== 'value') throw invalid(`bad ${g} args`);
        return Number(v.value) * 2;
      }
      default:
        throw new SierraError('SIERRA_UNSUPPORTED_LIBFUNC', `unknown type ${g}`, { type: t.id });
    }
  }

  type(id: string): LongId {
    const t = this.types.get(id);
    if (!t) throw invalid(`unknown type ${id}`);
    return t.longId;
  }
  declared(id: string): TypeDeclaration {
    const t = this.types.get(id);
    if (!t) throw invalid(`unknown type ${id}`);
    return t;
  }
  size(id: string): number {
    const s = this.sizes.get(id);
    if (s === undefined) throw invalid(`type ${id} has no size`);
    return s;
  }
  libfunc(id: string): LongId {
    const l = this.libfuncs.get(id);
    if (!l) throw invalid(`unknown libfunc ${id}`);
    return l;
  }
  func(id: string): SierraFunction {
    const f = this.funcs.get(id);
    if (!f) throw invalid(`unknown function ${id}`);
    return f;
  }
  /** The variant types of an Enum type. */
  enumVariants(id: string): string[] {
    const t = this.type(id);
    if (t.genericId !== 'Enum') throw invalid(`${id} is not an enum`);
    return t.args.slice(1).map((a) => asType(a, id));
  }
  /** The member types of a Struct type. */
  structMembers(id: string): string[] {
    const t = this.type(id);
    if (t.genericId !== 'Struct') throw invalid(`${id} is not a struct`);
    return t.args.slice(1).map((a) => asType(a, id));
  }
  /** Strips Snapshot<> wrappers. */
  unwrapSnapshot(id: string): string {
    let t = this.type(id);
    let cur = id;
    while (t.genericId === 'Snapshot') {
      cur = typeArg(t.args, 0, cur);
      t = this.type(cur);
    }
    return cur;
  }
}

export function asType(a: GenericArg | undefined, owner: string): string {
  if (a?.kind !== 'type') throw invalid(`expected a type argument in ${owner}`);
  return a.id;
}
export function typeArg(args: GenericArg[], i: number, owner: string): string {
  return asType(args[i], owner);
}
export function valueArg(args: GenericArg[], i: number, owner: string): bigint {
  const a = args[i];
  if (a?.kind !== 'value') throw invalid(`expected a value argument in ${owner}`);
  return a.value;
}
