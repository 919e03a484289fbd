// RPC CONTRACT_CLASS documents of parsed Sierra classes.
import type { SierraClass, SierraEntryPoint } from '@starling/protocol';

const hex = (v: bigint): string => `0x${v.toString(16)}`;
const eps = (l: SierraEntryPoint[]) =>
  l.map((e) => ({ selector: hex(e.selector), function_idx: e.functionIdx }));

/** A Sierra class as RPC CONTRACT_CLASS (abi as the hashed string). */
export function sierraClassJson(c: SierraClass): Record<string, unknown> {
  return {
    sierra_program: c.sierraProgram.map(hex),
    contract_class_version: c.contractClassVersion,
    entry_points_by_type: {
      CONSTRUCTOR: eps(c.entryPointsByType.CONSTRUCTOR),
      EXTERNAL: eps(c.entryPointsByType.EXTERNAL),
      L1_HANDLER: eps(c.entryPointsByType.L1_HANDLER),
    },
    abi: c.abi,
  };
}
