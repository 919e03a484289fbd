import { hintToJson } from '../casm/hints.js';
import type { CasmContractClass, CasmEntryPoint } from './compile-contract.js';

const hex = (v: bigint) => `0x${v.toString(16)}`;
const ep = (e: CasmEntryPoint) => ({ selector: hex(e.selector), offset: e.offset, builtins: e.builtins });

/** The compiled class in its JSON form (`.compiled_contract_class.json`). */
export function casmClassToJson(c: CasmContractClass): Record<string, unknown> {
  const out: Record<string, unknown> = {
    prime: hex(c.prime),
    compiler_version: c.compilerVersion,
    bytecode: c.bytecode.map(hex),
  };
  if (c.bytecodeSegmentLengths !== undefined) out.bytecode_segment_lengths = c.bytecodeSegmentLengths;
  out.hints = c.hints.map(([pc, hs]) => [pc, hs.map(hintToJson)]);
  if (c.pythonicHints) out.pythonic_hints = c.pythonicHints;
  out.entry_points_by_type = {
    EXTERNAL: c.entryPoints.EXTERNAL.map(ep),
    L1_HANDLER: c.entryPoints.L1_HANDLER.map(ep),
    CONSTRUCTOR: c.entryPoints.CONSTRUCTOR.map(ep),
  };
  return out;
}
