import { assembleProgram } from '../casm/assemble.js';
import { encodeInstruction } from '../casm/encode.js';
import type { Hint } from '../casm/hints.js';
import type { Instruction } from '../casm/instruction.js';
import type { CasmProgram } from '../compiler/compile.js';
import { SierraError } from '../errors.js';

/** The program's bytecode and hints with `code` (exactly `entrySize` felts) in front of it. */
export function prependEntryCode(
  code: readonly Instruction[],
  entrySize: number,
  compiled: CasmProgram,
): { bytecode: bigint[]; hints: [number, Hint[]][] } {
  const entry: bigint[] = code.flatMap((ins) => encodeInstruction(ins));
  if (entry.length !== entrySize) throw new SierraError('CASM_ENCODING_ERROR', 'entry code size mismatch');
  const entryHints: [number, Hint[]][] = [];
  let pc = 0;
  for (const ins of code) {
    if (ins.hints.length) entryHints.push([pc, ins.hints]);
    pc += encodeInstruction(ins).length;
  }
  const { bytecode, hints } = assembleProgram(compiled);
  return {
    bytecode: [...entry, ...bytecode],
    hints: [...entryHints, ...hints.map(([p, hs]): [number, Hint[]] => [p + entrySize, hs])],
  };
}
