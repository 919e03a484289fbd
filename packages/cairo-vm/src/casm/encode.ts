/** Fields of one instruction before encoding. */
export interface InstructionFields {
  off0: number;
  off1: number;
  off2: number;
  dstFp: boolean;
  op0Fp: boolean;
  /** 0 op0, 1 imm, 2 fp, 4 ap */
  op1Src: number;
  /** 0 op1 (or unconstrained for jnz), 1 add, 2 mul */
  res: number;
  /** 0 regular, 1 jump abs, 2 jump rel, 4 jnz */
  pcUpdate: number;
  /** 0 regular (or +2 for call), 1 add, 2 add1 */
  apUpdate: number;
  /** 0 nop, 1 call, 2 ret, 4 assert_eq */
  opcode: number;
}

/** Encodes instruction fields into the 63-bit word (extension 0). */
export function encodeInstruction(f: InstructionFields): bigint {
  const bias = (o: number): bigint => {
    if (o < -0x8000 || o >= 0x8000) throw new RangeError(`offset ${o} out of range`);
    return BigInt(o + 0x8000);
  };
  const flags =
    (f.dstFp ? 1 : 0) |
    (f.op0Fp ? 2 : 0) |
    (f.op1Src << 2) |
    (f.res << 5) |
    (f.pcUpdate << 7) |
    (f.apUpdate << 10) |
    (f.opcode << 12);
  return bias(f.off0) | (bias(f.off1) << 16n) | (bias(f.off2) << 32n) | (BigInt(flags) << 48n);
}
