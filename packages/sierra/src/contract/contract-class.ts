import { SierraError } from '../errors.js';
import type { Program, VersionId } from '../program/types.js';
import { sierraFromFelts } from '../serde/felt252-serde.js';

export interface SierraEntryPoint {
  selector: bigint;
  functionIdx: number;
}

export interface SierraEntryPoints {
  EXTERNAL: SierraEntryPoint[];
  L1_HANDLER: SierraEntryPoint[];
  CONSTRUCTOR: SierraEntryPoint[];
}

export interface DebugNames {
  types: Map<string, string>;
  libfuncs: Map<string, string>;
  funcs: Map<string, string>;
}

/** A decoded Sierra contract class. */
export interface SierraContractClass {
  sierraProgram: bigint[];
  sierraVersion: VersionId;
  compilerVersion: VersionId;
  program: Program;
  contractClassVersion: string;
  entryPoints: SierraEntryPoints;
  abi: unknown;
  debugNames: DebugNames | undefined;
}

function bad(why: string): SierraError {
  return new SierraError('SIERRA_DESERIALIZATION_ERROR', `invalid contract class: ${why}`);
}

function toFeltValue(v: unknown, what: string): bigint {
  if (typeof v === 'string' && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(v)) return BigInt(v);
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  throw bad(`${what} is not a felt`);
}

function readEntryPoints(v: unknown): SierraEntryPoints {
  if (typeof v !== 'object' || v === null) throw bad('entry_points_by_type missing');
  const rec = v as Record<string, unknown>;
  const read = (key: string): SierraEntryPoint[] => {
    const list = rec[key] ?? [];
    if (!Array.isArray(list)) throw bad(`${key} entry points are not a list`);
    return list.map((e: unknown) => {
      if (typeof e !== 'object' || e === null) throw bad('entry point is not an object');
      const ep = e as Record<string, unknown>;
      const idx = ep.function_idx;
      if (typeof idx !== 'number' || !Number.isSafeInteger(idx) || idx < 0) throw bad('bad function_idx');
      return { selector: toFeltValue(ep.selector, 'selector'), functionIdx: idx };
    });
  };
  return { EXTERNAL: read('EXTERNAL'), L1_HANDLER: read('L1_HANDLER'), CONSTRUCTOR: read('CONSTRUCTOR') };
}

function readNames(v: unknown): Map<string, string> {
  const m = new Map<string, string>();
  if (!Array.isArray(v)) return m;
  for (const e of v) {
    if (Array.isArray(e) && typeof e[0] === 'number' && typeof e[1] === 'string') m.set(`[${e[0]}]`, e[1]);
  }
  return m;
}

/** Reads a Sierra contract class from its JSON text or parsed object. */
export function readContractClass(json: string | unknown): SierraContractClass {
  let obj: unknown = json;
  if (typeof json === 'string') {
    try {
      obj = JSON.parse(json);
    } catch (e) {
      throw bad(`not JSON (${(e as Error).message})`);
    }
  }
  if (typeof obj !== 'object' || obj === null) throw bad('not an object');
  const c = obj as Record<string, unknown>;
  if (!Array.isArray(c.sierra_program)) throw bad('sierra_program missing');
  const sierraProgram = c.sierra_program.map((x, i) => toFeltValue(x, `sierra_program[${i}]`));
  const { sierraVersion, compilerVersion, program } = sierraFromFelts(sierraProgram);
  const dbg = c.sierra_program_debug_info as Record<string, unknown> | undefined | null;
  const debugNames = dbg
    ? {
        types: readNames(dbg.type_names),
        libfuncs: readNames(dbg.libfunc_names),
        funcs: readNames(dbg.user_func_names),
      }
    : undefined;
  let abi: unknown = c.abi;
  if (typeof abi === 'string' && abi.length > 0) {
    try {
      abi = JSON.parse(abi);
    } catch {
      // Keep the ABI text as given: it is not part of compilation.
    }
  }
  return {
    sierraProgram,
    sierraVersion,
    compilerVersion,
    program,
    contractClassVersion: typeof c.contract_class_version === 'string' ? c.contract_class_version : '',
    entryPoints: readEntryPoints(c.entry_points_by_type),
    abi,
    debugNames,
  };
}
