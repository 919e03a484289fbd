import { mod } from '@starling/felt';
import { vmError } from '../errors.js';
import type { CellRefJson, HintJson, ResOperandJson } from '../hints/hint-types.js';
import { encodeInstruction, type InstructionFields } from './encode.js';

/** A CASM program: bytecode words and hints by pc. */
export interface CasmProgram {
  bytecode: bigint[];
  hints: Map<number, HintJson[]>;
}

interface Deref {
  reg: 'AP' | 'FP';
  off: number;
}

const DEREF = /^\[\s*(ap|fp)\s*(?:\+\s*(-?\d+)\s*)?\]$/;
const DOUBLE = /^\[\s*\[\s*(ap|fp)\s*(?:\+\s*(-?\d+)\s*)?\]\s*(?:\+\s*(-?\d+)\s*)?\]$/;
const NUM = /^-?\d+$|^-?0x[0-9a-fA-F]+$/;

function deref(s: string): Deref | undefined {
  const m = DEREF.exec(s.trim());
  if (m === null) return undefined;
  return { reg: m[1] === 'ap' ? 'AP' : 'FP', off: Number(m[2] ?? 0) };
}

function imm(s: string): bigint | undefined {
  const t = s.trim();
  if (!NUM.test(t)) return undefined;
  return mod(t.startsWith('-') ? -BigInt(t.slice(1)) : BigInt(t));
}

function bad(line: string, why: string): never {
  throw vmError('INVALID_PROGRAM', `cannot assemble "${line}": ${why}`);
}

/** op1/res description of an operand expression (the compiler's ResDescription). */
function resOf(
  expr: string,
  line: string,
): Omit<InstructionFields, 'off0' | 'dstFp' | 'pcUpdate' | 'apUpdate' | 'opcode'> & { imm?: bigint } {
  const e = expr.trim();
  const d = deref(e);
  if (d !== undefined) return { off1: -1, off2: d.off, op0Fp: true, op1Src: d.reg === 'AP' ? 4 : 2, res: 0 };
  const dd = DOUBLE.exec(e);
  if (dd !== null) {
    return { off1: Number(dd[2] ?? 0), off2: Number(dd[3] ?? 0), op0Fp: dd[1] === 'fp', op1Src: 0, res: 0 };
  }
  const i = imm(e);
  if (i !== undefined) return { off1: -1, off2: 1, op0Fp: true, op1Src: 1, res: 0, imm: i };
  const m = /^(\[[^\]]*\])\s*([+*])\s*(.+)$/.exec(e);
  if (m !== null) {
    const a = deref(m[1] as string) ?? bad(line, 'bad left operand');
    const bD = deref(m[3] as string);
    const bI = bD === undefined ? imm(m[3] as string) : undefined;
    if (bD === undefined && bI === undefined) bad(line, 'bad right operand');
    return {
      off1: a.off,
      off2: bD !== undefined ? bD.off : 1,
      op0Fp: a.reg === 'FP',
      op1Src: bD !== undefined ? (bD.reg === 'AP' ? 4 : 2) : 1,
      res: m[2] === '+' ? 1 : 2,
      ...(bI !== undefined ? { imm: bI } : {}),
    };
  }
  return bad(line, 'unknown operand');
}

/** Assembles CASM text (the compiler's textual output, one instruction per line). */
export function assembleCasm(text: string): CasmProgram {
  const bytecode: bigint[] = [];
  const hints = new Map<number, HintJson[]>();
  const src = text.replace(/%\{([\s\S]*?)%\}/g, (_m, body: string) => `%HINT${JSON.stringify(body)}\n`);
  for (const raw of src.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('%HINT')) {
      const hint = parsePythonicHint(JSON.parse(line.slice(5)) as string);
      const list = hints.get(bytecode.length) ?? [];
      list.push(hint);
      hints.set(bytecode.length, list);
      continue;
    }
    if (!line.endsWith(';')) bad(line, 'missing ";"');
    let body = line.slice(0, -1).trim();
    let incAp = false;
    if (body.endsWith(', ap++')) {
      incAp = true;
      body = body.slice(0, -6).trim();
    }
    const apUpdate = incAp ? 2 : 0;
    let f: InstructionFields & { imm?: bigint };
    if (body === 'ret') {
      f = {
        off0: -2,
        off1: -1,
        off2: -1,
        dstFp: true,
        op0Fp: true,
        op1Src: 2,
        res: 0,
        pcUpdate: 1,
        apUpdate: 0,
        opcode: 2,
      };
    } else if (body.startsWith('call ')) {
      const m = /^call (rel|abs) (.+)$/.exec(body) ?? bad(line, 'bad call');
      const r = resOf(m[2] as string, line);
      f = {
        ...r,
        off0: 0,
        off1: 1,
        dstFp: false,
        op0Fp: false,
        res: 0,
        pcUpdate: m[1] === 'rel' ? 2 : 1,
        apUpdate: 0,
        opcode: 1,
      };
    } else if (body.startsWith('jmp ')) {
      const m = /^jmp (rel|abs) (.+?)(?: if (.+) != 0)?$/.exec(body) ?? bad(line, 'bad jmp');
      const r = resOf(m[2] as string, line);
      if (m[3] !== undefined) {
        const c = deref(m[3]) ?? bad(line, 'bad jnz condition');
        f = {
          ...r,
          off0: c.off,
          off1: -1,
          dstFp: c.reg === 'FP',
          op0Fp: true,
          res: 0,
          pcUpdate: 4,
          apUpdate,
          opcode: 0,
        };
      } else {
        f = { ...r, off0: -1, dstFp: true, pcUpdate: m[1] === 'rel' ? 2 : 1, apUpdate, res: 0, opcode: 0 };
      }
    } else if (body.startsWith('ap += ')) {
      const r = resOf(body.slice(6), line);
      f = { ...r, off0: -1, dstFp: true, pcUpdate: 0, apUpdate: 1, opcode: 0 };
    } else {
      const eq = body.indexOf(' = ');
      if (eq < 0) bad(line, 'unknown instruction');
      const dst = deref(body.slice(0, eq)) ?? bad(line, 'bad destination');
      const r = resOf(body.slice(eq + 3), line);
      f = { ...r, off0: dst.off, dstFp: dst.reg === 'FP', pcUpdate: 0, apUpdate, opcode: 4 };
    }
    bytecode.push(encodeInstruction(f));
    if (f.imm !== undefined) bytecode.push(f.imm);
  }
  return { bytecode, hints };
}

function cellRef(s: string): CellRefJson {
  const m = /^memory\[\s*(ap|fp)\s*(?:\+\s*(-?\d+)\s*)?\]$/.exec(s.trim());
  if (m === null) throw vmError('UNKNOWN_HINT', `unsupported hint operand "${s}"`);
  return { register: m[1] === 'ap' ? 'AP' : 'FP', offset: Number(m[2] ?? 0) };
}

function resOperand(s: string): ResOperandJson {
  const t = s.trim();
  if (/^-?\d+$/.test(t)) return { Immediate: `0x${mod(BigInt(t)).toString(16)}` };
  const bin = /^\((memory\[[^\]]+\])\s*([+*])\s*(.+)\)\s*% PRIME$/.exec(t);
  if (bin !== null) {
    const b = (bin[3] as string).trim();
    return {
      BinOp: {
        op: bin[2] === '+' ? 'Add' : 'Mul',
        a: cellRef(bin[1] as string),
        b: /^-?\d+$/.test(b) ? { Immediate: `0x${mod(BigInt(b)).toString(16)}` } : { Deref: cellRef(b) },
      },
    };
  }
  return { Deref: cellRef(t) };
}

/** Maps the pythonic hint texts that the compiler prints back to structured hints. */
export function parsePythonicHint(code: string): HintJson {
  const c = code.trim();
  let m = /^(memory\[[^\]]+\]) = segments\.add\(\)$/.exec(c);
  if (m !== null) return { AllocSegment: { dst: cellRef(m[1] as string) } };
  m = /^(memory\[[^\]]+\]) = (.+?) (<=|<) (.+)$/.exec(c);
  if (m !== null) {
    const body = {
      lhs: resOperand(m[2] as string),
      rhs: resOperand(m[4] as string),
      dst: cellRef(m[1] as string),
    };
    return m[3] === '<' ? { TestLessThan: body } : { TestLessThanOrEqual: body };
  }
  m =
    /__boxed_segment = segments\.add\(\)\s*(memory\[[^\]]+\]) = __boxed_segment\s*__boxed_segment \+= (\d+)$/.exec(
      c,
    );
  if (m !== null) {
    return {
      AllocConstantSize: {
        size: { Immediate: `0x${BigInt(m[2] as string).toString(16)}` },
        dst: cellRef(m[1] as string),
      },
    };
  }
  throw vmError('UNKNOWN_HINT', `unsupported pythonic hint: ${c}`);
}
