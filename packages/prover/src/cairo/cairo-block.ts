import type { BlockOps, BlockProgram } from '../stark/block-ops.js';
import { FLAG, NUM_FLAGS } from './instruction.js';
import { type CairoLayout, COL } from './layout.js';
import type { CairoPublicInput } from './public-input.js';

const B = 1n << 15n;

/**
 * The CPU, memory and range-check constraints of `CairoAir.evaluate` as a block program (same order,
 * same values modulo p; terms regrouped so that each costs few kernel calls, e.g. f·a + (1 − f)·b as
 * b + f·(a − b)). Layouts with builtins have none yet (their constraints stay BigInt).
 */
export function cairoBlockProgram(
  L: CairoLayout,
  pub: CairoPublicInput,
  pmProduct: (z: bigint, alpha: bigint) => bigint,
): BlockProgram | null {
  if (L.builtins.length > 0) return null;
  const MEM = L.memSlots;
  const RC = L.rcSlots;
  const S = L.sortedMem;
  const R = L.sortedRc;
  return (e: BlockOps, ch: readonly bigint[]) => {
    const c = (k: number) => e.col(k, 0);
    const nx = (k: number) => e.col(k, 1);
    const f = (i: number) => c(COL.FLAG0 + i);
    let i = 0;
    const emit = (v: number) => e.emit(i++, v);
    const pc = c(COL.PC);
    const ap = c(COL.AP);
    const fp = c(COL.FP);
    const offDst = c(COL.OFF_DST);
    const offOp0 = c(COL.OFF_OP0);
    const offOp1 = c(COL.OFF_OP1);
    const dst = c(COL.DST);
    const op0 = c(COL.OP0);
    const op1 = c(COL.OP1);
    const res = c(COL.RES);
    const mulc = c(COL.MUL);
    const t0 = c(COL.T0);
    const t1 = c(COL.T1);
    const [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14] = [
      FLAG.DST_REG,
      FLAG.OP0_REG,
      FLAG.OP1_IMM,
      FLAG.OP1_FP,
      FLAG.OP1_AP,
      FLAG.RES_ADD,
      FLAG.RES_MUL,
      FLAG.PC_JUMP_ABS,
      FLAG.PC_JUMP_REL,
      FLAG.PC_JNZ,
      FLAG.AP_ADD,
      FLAG.AP_ADD1,
      FLAG.OPCODE_CALL,
      FLAG.OPCODE_RET,
      FLAG.OPCODE_ASSERT_EQ,
    ].map(f) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    // Decode: flags are bits; inst = off_dst + 2^16·off_op0 + 2^32·off_op1 + 2^48·Σ 2^k·f_k.
    for (let k = 0; k < NUM_FLAGS; k++) emit(e.bit(f(k)));
    let word = f(NUM_FLAGS - 1);
    for (let k = NUM_FLAGS - 2; k >= 0; k--) word = e.add(e.add(word, word), f(k));
    const packed = e.add(
      e.add(offDst, e.scale(offOp0, 1n << 16n)),
      e.add(e.scale(offOp1, 1n << 32n), e.scale(word, 1n << 48n)),
    );
    emit(e.sub(c(COL.INST), packed));
    // Operands.
    emit(e.sub(c(COL.DST_ADDR), e.subK(e.add(e.add(ap, e.mul(f0, e.sub(fp, ap))), offDst), B)));
    emit(e.sub(c(COL.OP0_ADDR), e.subK(e.add(e.add(ap, e.mul(f1, e.sub(fp, ap))), offOp0), B)));
    const op1Addr = e.add(
      e.add(op0, e.mul(f2, e.sub(pc, op0))),
      e.add(e.mul(f3, e.sub(fp, op0)), e.mul(f4, e.sub(ap, op0))),
    );
    emit(e.sub(c(COL.OP1_ADDR), e.subK(e.add(op1Addr, offOp1), B)));
    emit(e.sub(mulc, e.mul(op0, op1)));
    // (1−f9)·res − (f5·(op0+op1) + f6·mul + (1−f5−f6−f9)·op1) = (res−op1)(1−f9) − f5·op0 − f6·(mul−op1).
    const rMinusOp1 = e.sub(res, op1);
    emit(e.sub(e.sub(e.sub(rMinusOp1, e.mul(f9, rMinusOp1)), e.mul(f5, op0)), e.mul(f6, e.sub(mulc, op1))));
    // Register updates; ps = pc + instruction size.
    const pcN = nx(COL.PC);
    const ps = e.addK(e.add(pc, f2), 1n);
    emit(e.sub(t0, e.mul(f9, dst)));
    emit(e.sub(t1, e.mul(t0, res)));
    // (1−f9)·pc' + t0·(pc' − (pc+op1)) − ((1−f7−f8−f9)·ps + f7·res + f8·(pc+res))
    //   = (pc'−ps)(1−f9) + t0·(pc'−pc−op1) − f7·(res−ps) − f8·(pc+res−ps).
    const d = e.sub(pcN, ps);
    emit(
      e.sub(
        e.add(e.sub(d, e.mul(f9, d)), e.mul(t0, e.sub(pcN, e.add(pc, op1)))),
        e.add(e.mul(f7, e.sub(res, ps)), e.mul(f8, e.sub(e.add(pc, res), ps))),
      ),
    );
    emit(e.mul(e.sub(t1, f9), d));
    const apStep = e.add(e.add(e.mul(f10, res), f11), e.add(f12, f12));
    emit(e.sub(nx(COL.AP), e.add(ap, apStep)));
    // fp' − (f13·dst + f12·(ap+2) + (1−f13−f12)·fp) = fp' − fp − f13·(dst−fp) − f12·(ap+2−fp).
    const fpStep = e.add(e.mul(f13, e.sub(dst, fp)), e.mul(f12, e.addK(e.sub(ap, fp), 2n)));
    emit(e.sub(e.sub(nx(COL.FP), fp), fpStep));
    // Opcodes.
    emit(e.mul(f12, e.sub(dst, fp)));
    emit(e.mul(f12, e.sub(op0, ps)));
    emit(e.mul(f12, e.subK(offDst, B)));
    emit(e.mul(f12, e.subK(offOp0, B + 1n)));
    emit(e.mul(f12, e.add(e.add(f0, f1), e.add(f10, f11))));
    emit(e.mul(f13, e.subK(offDst, B - 2n)));
    emit(e.mul(f13, e.subK(offOp1, B - 1n)));
    const retFlags = e.sub(e.add(e.add(f7, f0), f3), e.add(e.add(f5, f6), f9));
    emit(e.mul(f13, e.subK(retFlags, 3n)));
    emit(e.mul(f14, e.sub(res, dst)));
    // Boundary.
    emit(e.subK(pc, BigInt(pub.initialPc)));
    emit(e.subK(ap, BigInt(pub.initialAp)));
    emit(e.subK(fp, BigInt(pub.initialAp)));
    emit(e.subK(pc, BigInt(pub.finalPc)));
    emit(e.subK(ap, BigInt(pub.finalAp)));
    // Memory: sorted pairs are continuous and single-valued.
    const pair = (da: number, dv: number) => {
      const g = e.subK(da, 1n);
      emit(e.mul(da, g));
      emit(e.mul(dv, g));
    };
    for (let k = 0; k + 1 < MEM; k++)
      pair(e.sub(c(S + 2 * k + 2), c(S + 2 * k)), e.sub(c(S + 2 * k + 3), c(S + 2 * k + 1)));
    pair(e.sub(nx(S), c(S + 2 * MEM - 2)), e.sub(nx(S + 1), c(S + 2 * MEM - 1)));
    emit(c(S));
    emit(c(S + 1));
    const [z, alpha, zr] = ch as [bigint, bigint, bigint];
    const at = (o: number, col: number) => e.col(col, o);
    const u = (o: number, k: number) =>
      e.kSub(z, e.add(at(o, L.memAccesses[k]![0]), e.scale(at(o, L.memAccesses[k]![1]), alpha)));
    const s = (o: number, k: number) =>
      e.kSub(z, e.add(at(o, S + 2 * k), e.scale(at(o, S + 2 * k + 1), alpha)));
    const p = (o: number, k: number) => at(o, L.auxMem + k);
    emit(e.sub(e.mul(p(0, 0), s(0, 0)), u(0, 0)));
    emit(e.sub(e.mul(p(1, 0), s(1, 0)), e.mul(p(0, MEM - 1), u(1, 0))));
    for (let k = 1; k < MEM; k++) emit(e.sub(e.mul(p(0, k), s(0, k)), e.mul(p(0, k - 1), u(0, k))));
    emit(e.subK(p(0, MEM - 1), pmProduct(z, alpha)));
    // Range checks.
    for (let k = 0; k + 1 < RC; k++) emit(e.bit(e.sub(c(R + k + 1), c(R + k))));
    emit(e.bit(e.sub(nx(R), c(R + RC - 1))));
    emit(e.subK(c(R), BigInt(pub.rcMin)));
    emit(e.subK(c(R + RC - 1), BigInt(pub.rcMax)));
    const q = (o: number, k: number) => at(o, L.auxRc + k);
    const ru = (o: number, k: number) => e.kSub(zr, at(o, L.rcCells[k]!));
    const rs = (o: number, k: number) => e.kSub(zr, at(o, R + k));
    emit(e.sub(e.mul(q(0, 0), rs(0, 0)), ru(0, 0)));
    emit(e.sub(e.mul(q(1, 0), rs(1, 0)), e.mul(q(0, RC - 1), ru(1, 0))));
    for (let k = 1; k < RC; k++) emit(e.sub(e.mul(q(0, k), rs(0, k)), e.mul(q(0, k - 1), ru(0, k))));
    emit(e.subK(q(0, RC - 1), 1n));
  };
}
