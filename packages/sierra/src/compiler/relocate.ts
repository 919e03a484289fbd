import { relocate } from '../casm/builder.js';
import { type Instruction, instructionSize, instructionToString } from '../casm/instruction.js';
import { compileError } from '../errors.js';
import type { CasmProgram } from './compile.js';
import type { ConstSegments } from './consts.js';
import type { RelocationEntry } from './types.js';

/** Resolves relocations (statement targets, const segments, end of program) to relative offsets. */
export function applyRelocations(
  instructions: Instruction[],
  relocations: RelocationEntry[],
  statementOffsets: number[],
  consts: ConstSegments,
): void {
  const codeEnd = statementOffsets[statementOffsets.length - 1]!;
  const byIndex = new Map<number, RelocationEntry>();
  for (const r of relocations) byIndex.set(r.index, r);
  let pc = 0;
  instructions.forEach((ins, i) => {
    const r = byIndex.get(i);
    if (r) {
      let target: number;
      const rel = r.relocation;
      switch (rel.kind) {
        case 'statement':
          target = statementOffsets[rel.idx]!;
          break;
        case 'end_of_program':
          target = codeEnd + consts.totalSize;
          break;
        case 'segment_start':
          target = codeEnd + consts.segmentStart(rel.segment);
          break;
        case 'const_start':
          target = codeEnd + consts.constStart(rel.segment, rel.ty);
          break;
        case 'circuit_start':
          target = codeEnd + consts.circuitStart(rel.ty);
          break;
      }
      addToImmediate(ins, target - pc);
    }
    pc += instructionSize(ins.body);
  });
}

function addToImmediate(ins: Instruction, delta: number): void {
  const b = ins.body;
  if (
    (b.kind === 'jnz' && b.jumpOffset.kind === 'imm') ||
    ((b.kind === 'jump' || b.kind === 'call') && (b.kind === 'jump' ? b.target : b.target).kind === 'imm')
  ) {
    const cur = b.kind === 'jnz' ? b.jumpOffset : b.target;
    relocate(ins, Number((cur as { value: bigint }).value) + delta);
    return;
  }
  if (b.kind === 'assert_eq' && b.b.kind === 'binop' && b.b.b.kind === 'imm') {
    ins.body = { ...b, b: { ...b.b, b: { kind: 'imm', value: b.b.b.value + BigInt(delta) } } };
    return;
  }
  throw compileError('bad relocation');
}

/** CASM text as the golden tests print it (`instruction;` per line, then const segments). */
export function casmProgramToString(p: CasmProgram): string {
  let s = '';
  for (const ins of p.instructions) s += `${instructionToString(ins)};\n`;
  for (const seg of p.consts.segments) {
    s += 'ret;\n';
    for (const v of seg.values) s += `dw ${v};\n`;
  }
  return s;
}
