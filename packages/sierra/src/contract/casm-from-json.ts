import { hintFromJson } from '../casm/hint-json.js';
import { SierraError } from '../errors.js';
import type { CasmContractClass, CasmEntryPoint } from './compile-contract.js';

const bad = (why: string) =>
  new SierraError('SIERRA_DESERIALIZATION_ERROR', `invalid compiled class: ${why}`);

/** Reads a compiled class JSON (`.compiled_contract_class.json`). */
export function casmClassFromJson(json: unknown): CasmContractClass {
  const o = (typeof json === 'string' ? JSON.parse(json) : json) as Record<string, unknown>;
  if (!o || !Array.isArray(o.bytecode)) throw bad('bytecode missing');
  const eps = (o.entry_points_by_type ?? {}) as Record<string, unknown>;
  const list = (k: string): CasmEntryPoint[] =>
    ((eps[k] as { selector: string; offset: number; builtins: string[] }[] | undefined) ?? []).map((e) => ({
      selector: BigInt(e.selector),
      offset: e.offset,
      builtins: e.builtins,
    }));
  return {
    prime: BigInt((o.prime as string) ?? '0'),
    compilerVersion: String(o.compiler_version ?? ''),
    bytecode: (o.bytecode as string[]).map((x) => BigInt(x)),
    bytecodeSegmentLengths: o.bytecode_segment_lengths as number[] | number | undefined,
    hints: ((o.hints as [number, unknown[]][]) ?? []).map(([pc, hs]) => [pc, hs.map(hintFromJson)]),
    pythonicHints: o.pythonic_hints as [number, string[]][] | undefined,
    entryPoints: {
      EXTERNAL: list('EXTERNAL'),
      L1_HANDLER: list('L1_HANDLER'),
      CONSTRUCTOR: list('CONSTRUCTOR'),
    },
  };
}
