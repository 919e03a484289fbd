import { P } from '@starling/felt';
import { SierraError } from '../errors.js';
import type { Instruction } from './instruction.js';
import type { CellRef, DerefOrImmediate, Register, ResOperand } from './operand.js';

type Op1Addr = 'imm' | 'ap' | 'fp' | 'op0';
type Res = 'op1' | 'add' | 'mul' | 'unconstrained';

interface ResDescription {
  off1: number;
  off2: number;
  imm: bigint | undefined;
  op0: Register;
  op1Addr: Op1Addr;
  res: Res;
}

function describeRes(r: ResOperand): ResDescription {
  switch (r.kind) {
    case 'deref':
      return {
        off1: -1,
        off2: r.cell.offset,
        imm: undefined,
        op0: 'fp',
        op1Addr: r.cell.register,
        res: 'op1',
      };
    case 'double_deref':
      return {
        off1: r.cell.offset,
        off2: r.offset,
        imm: undefined,
        op0: r.cell.register,
        op1Addr: 'op0',
        res: 'op1',
      };
    case 'imm':
      return { off1: -1, off2: 1, imm: r.value, op0: 'fp', op1Addr: 'imm', res: 'op1' };
    case 'binop': {
      const b = describeRes(r.b);
      return {
        off1: r.a.offset,
        off2: b.off2,
        imm: b.imm,
        op0: r.a.register,
        op1Addr: r.b.kind === 'imm' ? 'imm' : r.b.cell.register,
        res: r.op === '+' ? 'add' : 'mul',
      };
    }
  }
}
const describeDoi = (d: DerefOrImmediate) => describeRes(d);

const OP1_BITS: Record<Op1Addr, number> = { imm: 1 << 2, fp: 1 << 3, ap: 1 << 4, op0: 0 };
const RES_BITS: Record<Res, number> = { add: 1 << 5, mul: 1 << 6, op1: 0, unconstrained: 0 };

function offset(v: number): bigint {
  if (!Number.isInteger(v) || v < -32768 || v > 32767) {
    throw new SierraError('CASM_ENCODING_ERROR', `offset ${v} out of the i16 range`);
  }
  return BigInt(v + 32768);
}

function pack(
  off0: number,
  off1: number,
  off2: number,
  dst: Register,
  op0: Register,
  op1Addr: Op1Addr,
  res: Res,
  flagsExtra: number,
  ext = 0n,
): bigint {
  let flags = 0;
  if (dst === 'fp') flags |= 1;
  if (op0 === 'fp') flags |= 2;
  flags |= OP1_BITS[op1Addr] | RES_BITS[res] | flagsExtra;
  return (BigInt(flags) << 48n) | (offset(off2) << 32n) | (offset(off1) << 16n) | offset(off0) | (ext << 63n);
}

const PC_JUMP_ABS = 1 << 7;
const PC_JUMP_REL = 1 << 8;
const PC_JNZ = 1 << 9;
const AP_ADD = 1 << 10;
const AP_ADD1 = 1 << 11;
const OP_CALL = 1 << 12;
const OP_RET = 1 << 13;
const OP_ASSERT = 1 << 14;

const felt = (v: bigint) => ((v % P) + P) % P;

/** Encodes one instruction into its bytecode felts (instruction word, then the immediate if any). */
export function encodeInstruction(ins: Instruction): bigint[] {
  const b = ins.body;
  const apInc = ins.incAp ? AP_ADD1 : 0;
  let word: bigint;
  let immValue: bigint | undefined;
  const cellOf = (c: CellRef) => c;
  switch (b.kind) {
    case 'add_ap': {
      const r = describeRes(b.operand);
      immValue = r.imm;
      word = pack(-1, r.off1, r.off2, 'fp', r.op0, r.op1Addr, r.res, AP_ADD);
      break;
    }
    case 'assert_eq': {
      const r = describeRes(b.b);
      immValue = r.imm;
      const a = cellOf(b.a);
      word = pack(
        a.offset,
        r.off1,
        r.off2,
        a.register,
        r.op0,
        r.op1Addr,
        r.res,
        OP_ASSERT | apInc,
        b.qm31 ? 3n : 0n,
      );
      break;
    }
    case 'call': {
      const r = describeDoi(b.target);
      immValue = r.imm;
      word = pack(
        0,
        1,
        r.off2,
        'ap',
        'ap',
        r.op1Addr,
        'op1',
        (b.relative ? PC_JUMP_REL : PC_JUMP_ABS) | OP_CALL,
      );
      break;
    }
    case 'jump': {
      const r = describeDoi(b.target);
      immValue = r.imm;
      word = pack(
        -1,
        r.off1,
        r.off2,
        'fp',
        'fp',
        r.op1Addr,
        'op1',
        (b.relative ? PC_JUMP_REL : PC_JUMP_ABS) | apInc,
      );
      break;
    }
    case 'jnz': {
      const r = describeDoi(b.jumpOffset);
      immValue = r.imm;
      word = pack(
        b.condition.offset,
        -1,
        r.off2,
        b.condition.register,
        'fp',
        r.op1Addr,
        'unconstrained',
        PC_JNZ | apInc,
      );
      break;
    }
    case 'ret':
      word = pack(-2, -1, -1, 'fp', 'fp', 'fp', 'op1', PC_JUMP_ABS | OP_RET);
      break;
    case 'blake2s':
      word = pack(
        b.byteCount.offset,
        b.state.offset,
        b.message.offset,
        b.byteCount.register,
        b.state.register,
        b.message.register,
        'op1',
        AP_ADD1,
        b.finalize ? 2n : 1n,
      );
      break;
  }
  return immValue === undefined ? [word] : [word, felt(immValue)];
}
