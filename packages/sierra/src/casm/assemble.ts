import { P } from '@starling/felt';
import type { CasmProgram } from '../compiler/compile.js';
import { encodeInstruction } from './encode.js';
import type { Hint } from './hints.js';

const RET_WORD = 0x208b7fff7fff7ffen;

/** Bytecode (felts) and hints by pc of a compiled program, const segments appended. */
export function assembleProgram(p: CasmProgram): { bytecode: bigint[]; hints: [number, Hint[]][] } {
  const bytecode: bigint[] = [];
  const hints: [number, Hint[]][] = [];
  for (const ins of p.instructions) {
    if (ins.hints.length) hints.push([bytecode.length, ins.hints]);
    for (const w of encodeInstruction(ins)) bytecode.push(w);
  }
  for (const seg of p.consts.segments) {
    bytecode.push(RET_WORD);
    for (const v of seg.values) bytecode.push(((v % P) + P) % P);
  }
  return { bytecode, hints };
}
