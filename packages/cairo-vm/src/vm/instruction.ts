import { vmError } from '../errors.js';

/** op1 sources. */
export const OP1_OP0 = 0;
export const OP1_IMM = 1;
export const OP1_FP = 2;
export const OP1_AP = 4;
/** res logic. */
export const RES_OP1 = 0;
export const RES_ADD = 1;
export const RES_MUL = 2;
export const RES_UNCONSTRAINED = 3;
/** pc updates. */
export const PC_REGULAR = 0;
export const PC_JUMP = 1;
export const PC_JUMP_REL = 2;
export const PC_JNZ = 4;
/** ap updates. */
export const AP_REGULAR = 0;
export const AP_ADD = 1;
export const AP_ADD1 = 2;
export const AP_ADD2 = 3;
/** opcodes. */
export const OP_NOP = 0;
export const OP_CALL = 1;
export const OP_RET = 2;
export const OP_ASSERT_EQ = 4;

/** A decoded instruction (created once per address and cached). */
export interface Instruction {
  readonly off0: number;
  readonly off1: number;
  readonly off2: number;
  readonly dstFp: boolean;
  readonly op0Fp: boolean;
  readonly op1Src: number;
  readonly res: number;
  readonly pcUpdate: number;
  readonly apUpdate: number;
  readonly opcode: number;
  readonly size: number;
  /** Opcode extension: 0 Stone, 1 Blake2s, 2 Blake2s finalize, 3 QM31 (the last three: Stwo only). */
  readonly ext: number;
}

const EXTENSION_NAMES = ['Stone', 'Blake', 'BlakeFinalize', 'QM31Operation'];

/**
 * Decodes a 63-bit instruction word (plus opcode extension bits from bit 63). Extensions other
 * than Stone (Blake2s, QM31: provable by Stwo only) are rejected unless `stwoOpcodes` is set.
 */
export function decodeInstruction(word: bigint, stwoOpcodes = false): Instruction {
  if (word < 0n || word >= 1n << 66n) {
    throw vmError('INVALID_INSTRUCTION', `instruction word 0x${word.toString(16)} is out of range`);
  }
  const ext = Number(word >> 63n);
  const extName = EXTENSION_NAMES[ext];
  if (extName === undefined) {
    throw vmError('INVALID_INSTRUCTION', `invalid opcode extension ${ext}`, { extension: ext });
  }
  if (ext !== 0 && !stwoOpcodes) {
    throw vmError(
      'UNSUPPORTED_OPCODE_EXTENSION',
      `opcode extension ${extName} (${ext}) is not supported by this VM`,
      {
        extension: ext,
      },
    );
  }
  const lo = Number(word & 0xffffffffffffn);
  const off0 = (lo % 0x10000) - 0x8000;
  const off1 = (Math.floor(lo / 0x10000) % 0x10000) - 0x8000;
  const off2 = Math.floor(lo / 0x100000000) - 0x8000;
  const flags = Number((word >> 48n) & 0x7fffn);
  const dstFp = (flags & 1) === 1;
  const op0Fp = (flags & 2) === 2;
  const op1Src = (flags >> 2) & 7;
  const resNum = (flags >> 5) & 3;
  const pcUpdate = (flags >> 7) & 7;
  const apNum = (flags >> 10) & 3;
  const opcode = (flags >> 12) & 7;
  const bad = (what: string, v: number): never => {
    throw vmError('INVALID_INSTRUCTION', `invalid ${what} ${v} in instruction 0x${word.toString(16)}`);
  };
  if (op1Src !== 0 && op1Src !== 1 && op1Src !== 2 && op1Src !== 4) bad('op1 source', op1Src);
  if (pcUpdate !== 0 && pcUpdate !== 1 && pcUpdate !== 2 && pcUpdate !== 4) bad('pc update', pcUpdate);
  let res: number;
  if (pcUpdate === PC_JNZ) res = resNum === 0 ? RES_UNCONSTRAINED : bad('res logic', resNum);
  else res = resNum === 3 ? bad('res logic', resNum) : resNum;
  if (opcode !== 0 && opcode !== 1 && opcode !== 2 && opcode !== 4) bad('opcode', opcode);
  let apUpdate: number;
  if (opcode === OP_CALL) apUpdate = apNum === 0 ? AP_ADD2 : bad('ap update', apNum);
  else apUpdate = apNum === 3 ? bad('ap update', apNum) : apNum === 0 ? AP_REGULAR : apNum;
  if (opcode === OP_CALL && (off0 !== 0 || off1 !== 1 || dstFp || op0Fp)) bad('call encoding', opcode);
  if (
    opcode === OP_RET &&
    (off0 !== -2 || off2 !== -1 || !dstFp || op1Src !== OP1_FP || res !== RES_OP1 || pcUpdate !== PC_JUMP)
  ) {
    bad('ret encoding', opcode);
  }
  if (
    (ext === 1 || ext === 2) &&
    !(
      opcode === 0 &&
      (op1Src === OP1_FP || op1Src === OP1_AP) &&
      res === RES_OP1 &&
      pcUpdate === 0 &&
      (apNum === 0 || apNum === 2)
    )
  ) {
    bad('Blake2s flags', flags);
  }
  if (
    ext === 3 &&
    !(
      (res === RES_ADD || res === RES_MUL) &&
      op1Src !== OP1_OP0 &&
      pcUpdate === 0 &&
      opcode === OP_ASSERT_EQ &&
      (apNum === 0 || apNum === 2)
    )
  ) {
    bad('QM31 flags', flags);
  }
  return {
    ext,
    off0,
    off1,
    off2,
    dstFp,
    op0Fp,
    op1Src,
    res,
    pcUpdate,
    apUpdate,
    opcode,
    size: op1Src === OP1_IMM ? 2 : 1,
  };
}
