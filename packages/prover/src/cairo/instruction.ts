import { ProverError } from '../errors.js';

/** Flag bit positions of a Cairo instruction (bit 48 + i of the encoding). */
export const FLAG = {
  DST_REG: 0,
  OP0_REG: 1,
  OP1_IMM: 2,
  OP1_FP: 3,
  OP1_AP: 4,
  RES_ADD: 5,
  RES_MUL: 6,
  PC_JUMP_ABS: 7,
  PC_JUMP_REL: 8,
  PC_JNZ: 9,
  AP_ADD: 10,
  AP_ADD1: 11,
  OPCODE_CALL: 12,
  OPCODE_RET: 13,
  OPCODE_ASSERT_EQ: 14,
} as const;

export const NUM_FLAGS = 15;

/** A decoded instruction: biased 16-bit offsets (offset + 2^15) and the 15 flag bits. */
export interface DecodedInstruction {
  offDst: number;
  offOp0: number;
  offOp1: number;
  flags: number[];
}

const MASK16 = 0xffffn;

/**
 * Splits an instruction word. Words with bit 63 or above set carry an opcode extension
 * (Blake2s, QM31, …), which this AIR cannot express: UNSUPPORTED_INSTRUCTION.
 */
export function decodeInstruction(inst: bigint, pc?: number): DecodedInstruction {
  if (inst >> 63n !== 0n) {
    throw new ProverError(
      'UNSUPPORTED_INSTRUCTION',
      `instruction ${inst.toString(16)} at pc ${pc ?? '?'} has an opcode extension or bit 63 set; this AIR proves only base Cairo instructions`,
      { pc, instruction: `0x${inst.toString(16)}`, opcodeExtension: Number(inst >> 63n) },
    );
  }
  const f = Number(inst >> 48n);
  const flags: number[] = [];
  for (let i = 0; i < NUM_FLAGS; i++) flags.push((f >> i) & 1);
  return {
    offDst: Number(inst & MASK16),
    offOp0: Number((inst >> 16n) & MASK16),
    offOp1: Number((inst >> 32n) & MASK16),
    flags,
  };
}
