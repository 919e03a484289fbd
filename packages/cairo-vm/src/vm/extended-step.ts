import { vmError } from '../errors.js';
import type { Relocatable } from '../types.js';
import { blake2sCompress } from './blake2s.js';
import { AP_ADD1, type Instruction, OP1_AP, OP1_FP, OP1_IMM, RES_ADD } from './instruction.js';
import { qm31Add, qm31Div, qm31Mul, qm31Pack, qm31Sub, qm31Unpack } from './qm31.js';
import type { VirtualMachine } from './vm.js';

function u32(v: bigint, what: string): number {
  if (v >= 1n << 32n) throw vmError('INVALID_ARITHMETIC', `${what} is not a u32`);
  return Number(v);
}

/**
 * One step of a Stwo-only instruction (Blake2s compress / finalize, QM31 add / mul). These are
 * rare, so they run on the generic memory API rather than in the optimized step loop.
 * Returns the new ap and pc offset (fp never changes; pc stays in its segment).
 */
export function extendedStep(
  vm: VirtualMachine,
  ins: Instruction,
  pcSeg: number,
  pc: number,
  ap: number,
  fp: number,
): { ap: number; pc: number } {
  const m = vm.memory;
  const E = vm.execSegment;
  const at = (off: number): Relocatable => ({ segment: E, offset: off });
  const dstAddr = at((ins.dstFp ? fp : ap) + ins.off0);
  const op0Addr = at((ins.op0Fp ? fp : ap) + ins.off1);
  const op1Addr: Relocatable =
    ins.op1Src === OP1_IMM
      ? { segment: pcSeg, offset: pc + ins.off2 }
      : ins.op1Src === OP1_FP
        ? at(fp + ins.off2)
        : ins.op1Src === OP1_AP
          ? at(ap + ins.off2)
          : (vmError('INVALID_INSTRUCTION', 'op0-based op1 in an extended instruction') as never);
  if (ins.ext === 1 || ins.ext === 2) {
    const counter = u32(m.getFelt(dstAddr), 'Blake2s byte counter');
    const statePtr = m.getRel(op0Addr);
    const msgPtr = m.getRel(op1Addr);
    const state = m.getFelts(statePtr, 8).map((v) => u32(v, 'Blake2s state word'));
    const msg = m.getFelts(msgPtr, 16).map((v) => u32(v, 'Blake2s message word'));
    const out = m.getRel(at(ap));
    const next = blake2sCompress(state, msg, counter, 0, ins.ext === 2 ? 0xffffffff : 0, 0);
    next.forEach((w, i) => {
      const a = { segment: out.segment, offset: out.offset + i };
      m.write(a, BigInt(w));
      m.markAccessed(a);
    });
  } else {
    const felt = (a: Relocatable): bigint | undefined => {
      const v = m.get(a);
      if (v !== undefined && typeof v !== 'bigint')
        throw vmError('INVALID_ARITHMETIC', 'QM31 operand is a pointer');
      return v;
    };
    const add = ins.res === RES_ADD;
    let dst = felt(dstAddr);
    let op0 = felt(op0Addr);
    let op1 = felt(op1Addr);
    if (op0 === undefined) {
      if (dst === undefined || op1 === undefined)
        throw vmError('FAILED_TO_COMPUTE_OPERANDS', 'cannot deduce op0');
      op0 = qm31Pack((add ? qm31Sub : qm31Div)(qm31Unpack(dst), qm31Unpack(op1)));
      m.write(op0Addr, op0);
    }
    if (op1 === undefined) {
      if (dst === undefined) throw vmError('FAILED_TO_COMPUTE_OPERANDS', 'cannot deduce op1');
      op1 = qm31Pack((add ? qm31Sub : qm31Div)(qm31Unpack(dst), qm31Unpack(op0)));
      m.write(op1Addr, op1);
    }
    const res = qm31Pack((add ? qm31Add : qm31Mul)(qm31Unpack(op0), qm31Unpack(op1)));
    if (dst === undefined) {
      dst = res;
      m.write(dstAddr, dst);
    }
    if (dst !== res)
      throw vmError(
        'ASSERT_EQ_FAILED',
        `QM31 assert_eq failed: 0x${dst.toString(16)} != 0x${res.toString(16)}`,
      );
  }
  for (const a of [dstAddr, op0Addr, op1Addr, { segment: pcSeg, offset: pc }]) m.markAccessed(a);
  return { ap: ins.apUpdate === AP_ADD1 ? ap + 1 : ap, pc: pc + ins.size };
}
