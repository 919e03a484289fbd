import { SierraError } from '../errors.js';
import type {
  BranchInfo,
  GenericArg,
  LongId,
  Program,
  SierraFunction,
  Statement,
  TypeDeclaration,
} from './types.js';

type Json = Record<string, unknown>;
const bad = (why: string) => new SierraError('SIERRA_PARSE_ERROR', `invalid Sierra program JSON: ${why}`);

function obj(v: unknown, what: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(what);
  return v as Json;
}
function arr(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw bad(what);
  return v;
}

/** An id `{id, debug_name}`: its debug name, or `[id]` without one. */
function idOf(v: unknown): string {
  const o = obj(v, 'id');
  if (typeof o.debug_name === 'string') return o.debug_name;
  if (typeof o.id === 'string' || typeof o.id === 'number') return `[${o.id}]`;
  throw bad('id without a value');
}

/** num-bigint's serde form: [sign, [u32 digits, little endian]]. */
function bigOf(v: unknown): bigint {
  const [sign, digits] = arr(v, 'big integer') as [unknown, unknown];
  let x = 0n;
  const ds = arr(digits, 'big integer digits');
  for (let i = ds.length - 1; i >= 0; i--) {
    const d = ds[i];
    if (typeof d !== 'number' && typeof d !== 'string') throw bad('big integer digit');
    x = (x << 32n) + BigInt(d);
  }
  return sign === -1 ? -x : x;
}

function argOf(v: unknown): GenericArg {
  const o = obj(v, 'generic arg');
  if ('Type' in o) return { kind: 'type', id: idOf(o.Type) };
  if ('Value' in o) return { kind: 'value', value: bigOf(o.Value) };
  if ('UserFunc' in o) return { kind: 'userFunc', id: idOf(o.UserFunc) };
  if ('Libfunc' in o) return { kind: 'libfunc', id: idOf(o.Libfunc) };
  if ('UserType' in o) return { kind: 'userType', id: idOf(o.UserType) };
  throw bad('unknown generic arg');
}

function longIdOf(v: unknown): LongId {
  const o = obj(v, 'long id');
  if (typeof o.generic_id !== 'string') throw bad('generic id');
  return { genericId: o.generic_id, args: arr(o.generic_args ?? [], 'generic args').map(argOf) };
}

function statementOf(v: unknown): Statement {
  const o = obj(v, 'statement');
  if ('Return' in o) return { kind: 'return', vars: arr(o.Return, 'return vars').map(idOf) };
  const inv = obj(o.Invocation, 'invocation');
  return {
    kind: 'invocation',
    libfuncId: idOf(inv.libfunc_id),
    args: arr(inv.args, 'args').map(idOf),
    branches: arr(inv.branches, 'branches').map((b): BranchInfo => {
      const bo = obj(b, 'branch');
      const t = bo.target;
      let target: number | null;
      if (t === 'Fallthrough') target = null;
      else {
        const s = obj(t, 'branch target').Statement;
        if (typeof s !== 'number') throw bad('branch target');
        target = s;
      }
      return { target, results: arr(bo.results, 'results').map(idOf) };
    }),
  };
}

/** Parses a versioned Sierra program in JSON (`.sierra.json`, the compiler's serde form). */
export function parseSierraJson(text: string): Program {
  // u64 ids exceed double precision: keep them as strings.
  let root: Json;
  try {
    root = obj(JSON.parse(text.replace(/("id"\s*:\s*)(\d+)/g, '$1"$2"')), 'program');
  } catch (e) {
    if (e instanceof SierraError) throw e;
    throw bad((e as Error).message);
  }
  const p = 'type_declarations' in root ? root : obj(root.program ?? root, 'program');
  const types = arr(p.type_declarations, 'type declarations').map((t): TypeDeclaration => {
    const o = obj(t, 'type declaration');
    const info = o.declared_type_info as Json | null | undefined;
    return {
      id: idOf(o.id),
      longId: longIdOf(o.long_id),
      declaredTypeInfo: info
        ? {
            storable: Boolean(info.storable),
            droppable: Boolean(info.droppable),
            duplicatable: Boolean(info.duplicatable),
            zeroSized: Boolean(info.zero_sized),
          }
        : undefined,
    };
  });
  const libfuncs = arr(p.libfunc_declarations, 'libfunc declarations').map((l) => {
    const o = obj(l, 'libfunc declaration');
    return { id: idOf(o.id), longId: longIdOf(o.long_id) };
  });
  const statements = arr(p.statements, 'statements').map(statementOf);
  const funcs = arr(p.funcs, 'funcs').map((f): SierraFunction => {
    const o = obj(f, 'function');
    const sig = obj(o.signature, 'signature');
    const entry = o.entry_point;
    if (typeof entry !== 'number') throw bad('entry point');
    return {
      id: idOf(o.id),
      paramTypes: arr(sig.param_types, 'param types').map(idOf),
      retTypes: arr(sig.ret_types, 'ret types').map(idOf),
      params: arr(o.params, 'params').map((x) => {
        const po = obj(x, 'param');
        return { id: idOf(po.id), ty: idOf(po.ty) };
      }),
      entryPoint: entry,
    };
  });
  return { types, libfuncs, statements, funcs };
}
