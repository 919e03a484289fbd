// An independent replay of one Cairo step over the flat (relocated) memory: the transition
// rules of the Cairo AIR, written from the whitepaper, to check trace + memory files.
import assert from 'node:assert/strict';
import { P } from '@starling/felt';
import { decodeInstruction } from '../../src/index.ts';

/** Replays one step from the flat files and returns the next (ap, fp, pc). */
export function replay(mem: Map<number, bigint>, s: { ap: number; fp: number; pc: number }) {
  const get = (a: number): bigint => {
    const v = mem.get(a);
    assert.notEqual(v, undefined, `memory at ${a} is set`);
    return v as bigint;
  };
  const ins = decodeInstruction(get(s.pc));
  const dst = get((ins.dstFp ? s.fp : s.ap) + ins.off0);
  const op0Addr = (ins.op0Fp ? s.fp : s.ap) + ins.off1;
  const op0 = get(op0Addr);
  const op1Addr =
    ins.op1Src === 1
      ? s.pc + ins.off2
      : ins.op1Src === 2
        ? s.fp + ins.off2
        : ins.op1Src === 4
          ? s.ap + ins.off2
          : Number(op0) + ins.off2;
  const op1 = get(op1Addr);
  const res = ins.res === 1 ? (op0 + op1) % P : ins.res === 2 ? (op0 * op1) % P : op1;
  if (ins.opcode === 4) assert.equal(dst, res, `assert_eq at pc ${s.pc}`);
  if (ins.opcode === 1) {
    assert.equal(dst, BigInt(s.fp));
    assert.equal(op0, BigInt(s.pc + ins.size));
  }
  const small = (v: bigint): number => Number(v > P / 2n ? v - P : v);
  let { ap, fp, pc } = s;
  if (ins.opcode === 1) fp = s.ap + 2;
  else if (ins.opcode === 2) fp = Number(dst);
  if (ins.apUpdate === 1) ap += small(res);
  else if (ins.apUpdate === 2) ap += 1;
  else if (ins.apUpdate === 3) ap += 2;
  if (ins.pcUpdate === 0) pc += ins.size;
  else if (ins.pcUpdate === 1) pc = Number(res);
  else if (ins.pcUpdate === 2) pc += small(res);
  else pc += dst === 0n ? ins.size : small(op1);
  return { ap, fp, pc };
}
