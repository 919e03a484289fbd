import { assembleCasm } from '../casm/assemble.js';
import { vmError } from '../errors.js';
import { compileHint } from '../hints/compile-hint.js';
import type { CompiledHint, HintJson } from '../hints/hint-types.js';
import type { BuiltinName } from '../types.js';

/** Bytecode plus hints by pc: what the VM loads into a code segment. */
export interface Program {
  readonly bytecode: readonly bigint[];
  readonly hints: ReadonlyMap<number, readonly CompiledHint[]>;
}

export interface EntryPoint {
  readonly selector: bigint;
  readonly offset: number;
  readonly builtins: readonly BuiltinName[];
}

export type EntryPointType = 'EXTERNAL' | 'L1_HANDLER' | 'CONSTRUCTOR';

/** A compiled contract class (.compiled_contract_class.json), parsed. */
export interface CompiledClass {
  readonly program: Program;
  readonly compilerVersion: string | undefined;
  readonly bytecodeSegmentLengths: unknown;
  readonly entryPoints: Readonly<Record<EntryPointType, readonly EntryPoint[]>>;
}

function big(v: unknown, what: string): bigint {
  if (typeof v === 'string' || typeof v === 'number') {
    try {
      return BigInt(v);
    } catch {
      // fallthrough
    }
  }
  throw vmError('INVALID_PROGRAM', `${what} is not an integer: ${JSON.stringify(v)}`);
}

/** Compiles [[pc, [hint…]], …] into a map; unknown hint variants are rejected here. */
export function compileHints(raw: unknown): Map<number, CompiledHint[]> {
  const out = new Map<number, CompiledHint[]>();
  if (raw === undefined) return out;
  if (!Array.isArray(raw)) throw vmError('INVALID_PROGRAM', 'hints must be an array');
  for (const entry of raw) {
    if (!Array.isArray(entry) || entry.length !== 2 || !Array.isArray(entry[1])) {
      throw vmError('INVALID_PROGRAM', 'malformed hints entry');
    }
    const pc = Number(entry[0]);
    out.set(pc, [...(out.get(pc) ?? []), ...(entry[1] as HintJson[]).map(compileHint)]);
  }
  return out;
}

/** Parses a compiled contract class from its JSON (object or text). */
export function loadCompiledClass(json: unknown): CompiledClass {
  const c = (typeof json === 'string' ? JSON.parse(json) : json) as Record<string, unknown>;
  if (c === null || typeof c !== 'object' || !Array.isArray(c.bytecode)) {
    throw vmError('INVALID_PROGRAM', 'not a compiled contract class: missing bytecode');
  }
  const bytecode = (c.bytecode as unknown[]).map((v, i) => big(v, `bytecode[${i}]`));
  const eps = (c.entry_points_by_type ?? {}) as Record<string, unknown>;
  const parseEps = (list: unknown): EntryPoint[] => {
    if (list === undefined) return [];
    if (!Array.isArray(list)) throw vmError('INVALID_PROGRAM', 'entry points must be arrays');
    return list.map((e: Record<string, unknown>) => ({
      selector: big(e.selector, 'selector'),
      offset: Number(e.offset),
      builtins: (e.builtins ?? []) as BuiltinName[],
    }));
  };
  return {
    program: { bytecode, hints: compileHints(c.hints) },
    compilerVersion: typeof c.compiler_version === 'string' ? c.compiler_version : undefined,
    bytecodeSegmentLengths: c.bytecode_segment_lengths,
    entryPoints: {
      EXTERNAL: parseEps(eps.EXTERNAL),
      L1_HANDLER: parseEps(eps.L1_HANDLER),
      CONSTRUCTOR: parseEps(eps.CONSTRUCTOR),
    },
  };
}

/**
 * Loads a plain CASM program: JSON {bytecode, hints} (the compiler's assembled-program form)
 * or CASM assembly text.
 */
export function loadCasmProgram(source: string | { bytecode: unknown[]; hints?: unknown }): Program {
  if (typeof source === 'string') {
    const t = source.trimStart();
    if (t.startsWith('{')) return loadCasmProgram(JSON.parse(t) as { bytecode: unknown[]; hints?: unknown });
    const p = assembleCasm(source);
    const hints = new Map<number, CompiledHint[]>();
    for (const [pc, hs] of p.hints) hints.set(pc, hs.map(compileHint));
    return { bytecode: p.bytecode, hints };
  }
  if (!Array.isArray(source.bytecode)) throw vmError('INVALID_PROGRAM', 'program has no bytecode array');
  return {
    bytecode: source.bytecode.map((v, i) => big(v, `bytecode[${i}]`)),
    hints: compileHints(source.hints),
  };
}

/** The entry point of a class with this type and selector; ENTRY_POINT_NOT_FOUND otherwise. */
export function findEntryPoint(cls: CompiledClass, type: EntryPointType, selector: bigint): EntryPoint {
  const ep = cls.entryPoints[type].find((e) => e.selector === selector);
  if (ep === undefined) {
    throw vmError(
      'ENTRY_POINT_NOT_FOUND',
      `no ${type} entry point with selector 0x${selector.toString(16)}`,
      {
        type,
        selector: `0x${selector.toString(16)}`,
      },
    );
  }
  return ep;
}
