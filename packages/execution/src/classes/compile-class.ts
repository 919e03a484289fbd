// Sierra → CASM for declared classes, with the sierra package's contract compiler.
import { type CasmClass, parseCasmClass, type SierraClass } from '@starling/protocol';
import { casmClassToJson, compileContractClass } from '@starling/sierra';

const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** The contract class JSON (`.contract_class.json` shape) of a parsed Sierra class. */
export function sierraClassJson(c: SierraClass): Record<string, unknown> {
  const eps = (list: SierraClass['entryPointsByType']['EXTERNAL']) =>
    list.map((e) => ({ selector: hex(e.selector), function_idx: e.functionIdx }));
  return {
    sierra_program: c.sierraProgram.map(hex),
    contract_class_version: c.contractClassVersion,
    entry_points_by_type: {
      EXTERNAL: eps(c.entryPointsByType.EXTERNAL),
      L1_HANDLER: eps(c.entryPointsByType.L1_HANDLER),
      CONSTRUCTOR: eps(c.entryPointsByType.CONSTRUCTOR),
    },
    abi: c.abi,
  };
}

/** Compiles a Sierra class to CASM; the compiler's typed SierraError propagates. */
export function compileSierraClass(c: SierraClass): CasmClass {
  return parseCasmClass(casmClassToJson(compileContractClass(sierraClassJson(c))));
}
