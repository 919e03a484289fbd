import { hintToPython } from './hint-python.js';
import type { Hint } from './hints.js';
import {
  type CellRef,
  cellToString,
  type DerefOrImmediate,
  derefOrImmToString,
  type ResOperand,
  resToString,
} from './operand.js';

/** Instruction bodies (cairo-lang-casm `instructions.rs`). */
export type InstructionBody =
  | { kind: 'add_ap'; operand: ResOperand }
  | { kind: 'assert_eq'; a: CellRef; b: ResOperand; qm31?: boolean }
  | { kind: 'call'; target: DerefOrImmediate; relative: boolean }
  | { kind: 'jnz'; jumpOffset: DerefOrImmediate; condition: CellRef }
  | { kind: 'jump'; target: DerefOrImmediate; relative: boolean }
  | { kind: 'ret' }
  | { kind: 'blake2s'; state: CellRef; byteCount: CellRef; message: CellRef; finalize: boolean };

export interface Instruction {
  body: InstructionBody;
  incAp: boolean;
  hints: Hint[];
}

const sizeOfDoi = (d: DerefOrImmediate) => (d.kind === 'imm' ? 2 : 1);
function sizeOfRes(r: ResOperand): number {
  if (r.kind === 'imm') return 2;
  if (r.kind === 'binop') return sizeOfDoi(r.b);
  return 1;
}

/** Encoded size of an instruction in felts (2 when it carries an immediate). */
export function instructionSize(body: InstructionBody): number {
  switch (body.kind) {
    case 'add_ap':
      return sizeOfRes(body.operand);
    case 'assert_eq':
      return sizeOfRes(body.b);
    case 'call':
    case 'jump':
      return sizeOfDoi(body.target);
    case 'jnz':
      return sizeOfDoi(body.jumpOffset);
    case 'ret':
    case 'blake2s':
      return 1;
  }
}

export function bodyToString(body: InstructionBody): string {
  switch (body.kind) {
    case 'add_ap':
      return `ap += ${resToString(body.operand)}`;
    case 'assert_eq':
      return `${body.qm31 ? '{QM31} ' : ''}${cellToString(body.a)} = ${resToString(body.b)}`;
    case 'call':
      return `call ${body.relative ? 'rel' : 'abs'} ${derefOrImmToString(body.target)}`;
    case 'jump':
      return `jmp ${body.relative ? 'rel' : 'abs'} ${derefOrImmToString(body.target)}`;
    case 'jnz':
      return `jmp rel ${derefOrImmToString(body.jumpOffset)} if ${cellToString(body.condition)} != 0`;
    case 'ret':
      return 'ret';
    case 'blake2s':
      return `blake2s[state=${cellToString(body.state)}, message=${cellToString(body.message)}, byte_count=${cellToString(body.byteCount)}, finalize=${body.finalize}] => [ap + 0]`;
  }
}

/** Formats an instruction like the Rust `Display` (hints first, then `, ap++`). */
export function instructionToString(ins: Instruction): string {
  let s = '';
  for (const h of ins.hints) {
    const text = hintToPython(h);
    s += text.startsWith('\n') ? `%{${text}%}\n` : `%{ ${text} %}\n`;
  }
  return `${s}${bodyToString(ins.body)}${ins.incAp ? ', ap++' : ''}`;
}
