import { compileError } from '../errors.js';
import type { GenericArg, Program, SierraFunction } from '../program/types.js';

/** Builtins an entry point may take, in the required order. */
export const ENTRY_POINT_BUILTIN_ORDER = [
  'Pedersen',
  'RangeCheck',
  'Bitwise',
  'EcOp',
  'Poseidon',
  'SegmentArena',
  'RangeCheck96',
  'AddMod',
  'MulMod',
];

const BUILTIN_NAMES: Record<string, string> = {
  Pedersen: 'pedersen',
  RangeCheck: 'range_check',
  Bitwise: 'bitwise',
  EcOp: 'ec_op',
  Poseidon: 'poseidon',
  SegmentArena: 'segment_arena',
  RangeCheck96: 'range_check96',
  AddMod: 'add_mod',
  MulMod: 'mul_mod',
};

function resolver(program: Program) {
  const byId = new Map(program.types.map((t) => [t.id, t.longId]));
  const long = (id: string) => {
    const t = byId.get(id);
    if (!t) throw compileError(`unknown type ${id}`);
    return t;
  };
  const typeArgs = (args: GenericArg[]) => args.map((a) => (a.kind === 'type' ? a.id : undefined));
  const isFeltArray = (id: string) => {
    const l = long(id);
    if (l.genericId !== 'Array' || l.args.length !== 1 || l.args[0]!.kind !== 'type') return false;
    return long(l.args[0]!.id).genericId === 'felt252';
  };
  const isFeltArraySnapshot = (id: string) => {
    const l = long(id);
    return (
      l.genericId === 'Snapshot' &&
      l.args.length === 1 &&
      l.args[0]!.kind === 'type' &&
      isFeltArray(l.args[0]!.id)
    );
  };
  const structMembers = (id: string): string[] | undefined => {
    const l = long(id);
    if (l.genericId !== 'Struct' || l.args[0]?.kind !== 'userType') return undefined;
    const m = typeArgs(l.args.slice(1));
    return m.every((x) => x !== undefined) ? (m as string[]) : undefined;
  };
  const isFeltSpan = (id: string) => {
    const m = structMembers(id);
    return m?.length === 1 && isFeltArraySnapshot(m[0]!);
  };
  const isValidReturn = (id: string) => {
    const l = long(id);
    if (l.genericId !== 'Enum' || l.args.length !== 3 || l.args[0]!.kind !== 'userType') return false;
    const [ok, err] = typeArgs(l.args.slice(1));
    if (!ok || !err) return false;
    const okM = structMembers(ok);
    if (okM?.length !== 1 || !isFeltSpan(okM[0]!)) return false;
    if (isFeltArray(err)) return true;
    const errM = structMembers(err);
    if (errM?.length !== 2) return false;
    const panicM = structMembers(errM[0]!);
    return panicM?.length === 0 && isFeltArray(errM[1]!);
  };
  return { long, isFeltSpan, isValidReturn };
}

/** Validates an entry point's signature and returns its function and builtin names. */
export function checkEntryPoint(
  program: Program,
  functionIdx: number,
): { func: SierraFunction; builtins: string[] } {
  const func = program.funcs[functionIdx];
  if (!func) throw compileError('Invalid entry point.');
  const r = resolver(program);
  const rets = func.retTypes;
  const params = func.paramTypes;
  if (rets.length < 3) throw compileError('Invalid entry point signature.');
  if (params.length < 1) throw compileError('Missing arguments in the entry point.');
  const outputBuiltins = rets.slice(0, -1);
  const builtins = outputBuiltins.slice(0, -2);
  const [gasTy, systemTy] = outputBuiltins.slice(-2) as [string, string];
  const inputBuiltins = params.slice(0, -1);
  if (
    inputBuiltins.length !== outputBuiltins.length ||
    inputBuiltins.some((t, i) => t !== outputBuiltins[i])
  ) {
    throw compileError('Invalid entry point signature.');
  }
  if (!r.isFeltSpan(params[params.length - 1]!)) throw compileError('Invalid entry point signature.');
  if (!r.isValidReturn(rets[rets.length - 1]!)) throw compileError('Invalid entry point signature.');
  for (const b of builtins) {
    if (!ENTRY_POINT_BUILTIN_ORDER.includes(r.long(b).genericId))
      throw compileError(`${b} is not a supported builtin type.`);
  }
  if (r.long(systemTy).genericId !== 'System' || r.long(gasTy).genericId !== 'GasBuiltin') {
    throw compileError('Invalid entry point signature - builtins are not in the expected order.');
  }
  let pos = 0;
  for (const b of builtins) {
    const g = r.long(b).genericId;
    const i = ENTRY_POINT_BUILTIN_ORDER.indexOf(g, pos);
    if (i < 0) throw compileError('Invalid entry point signature - builtins are not in the expected order.');
    pos = i + 1;
  }
  return { func, builtins: builtins.map((b) => BUILTIN_NAMES[r.long(b).genericId]!) };
}
