import { VmError, vmError } from '../errors.js';
import { Memory } from '../memory/memory.js';
import type { Segment } from '../memory/segment.js';
import * as valueMod from '../memory/value.js';
import type { Relocatable } from '../types.js';
import * as arithMod from './arith.js';
import { extendedStep } from './extended-step.js';
import type { Instruction } from './instruction.js';
import * as instructionMod from './instruction.js';

// Local copies: module bindings cost a getter call per use under some loaders (hot loop).
const { addSlow, divVals, mulSlow, relAdd, subVals } = arithMod;
const {
  AP_ADD,
  AP_ADD1,
  AP_ADD2,
  decodeInstruction,
  OP_ASSERT_EQ,
  OP_CALL,
  OP_RET,
  OP1_AP,
  OP1_FP,
  OP1_IMM,
  PC_JNZ,
  PC_JUMP,
  PC_JUMP_REL,
  RES_ADD,
  RES_MUL,
  RES_OP1,
} = instructionMod;
const {
  packRel,
  relOffset,
  relSegment,
  SEG_SHIFT,
  SMALL,
  scratch,
  smallToBig,
  TAG_BIG,
  TAG_EMPTY,
  TAG_INT,
  TAG_REL,
} = valueMod;

/** Runs the hints attached to one pc. */
export interface HintExecutor {
  execute(vm: VirtualMachine, hints: readonly unknown[]): void;
}

/**
 * The Cairo VM core: registers, the step loop, the trace. ap and fp are offsets in the
 * execution segment; pc is a (segment, offset) pair so code can run from any segment.
 */
export class VirtualMachine {
  readonly memory = new Memory();
  execSegment = 1;
  pcSegment = 0;
  pc = 0;
  ap = 0;
  fp = 0;
  steps = 0;
  /** Trace as (pc packed, ap, fp) triples, when enabled. */
  trace: Float64Array | undefined;
  traceLen = 0;
  hintExecutor: HintExecutor | undefined;
  /** fp at entry, where the traceback walk stops. */
  initialFp = 0;
  /** Accept the Stwo-only opcode extensions (Blake2s, QM31). */
  stwoOpcodes = false;

  enableTrace(): void {
    this.trace = new Float64Array(3 * 4096);
    this.traceLen = 0;
  }

  /** Current pc as a pointer. */
  pcRel(): Relocatable {
    return { segment: this.pcSegment, offset: this.pc };
  }

  /** Runs until pc reaches `end` or the step count reaches `maxSteps` (OUT_OF_STEPS). */
  runUntilPc(end: Relocatable, maxSteps: number): void {
    try {
      this.loop(end.segment, end.offset, maxSteps);
    } catch (e) {
      throw this.annotate(e);
    }
  }

  /** Runs exactly `n` more steps (used for proof-mode padding). */
  runSteps(n: number): void {
    try {
      this.loop(Number.NaN, Number.NaN, this.steps + n);
    } catch (e) {
      if (e instanceof VmError && e.code === 'OUT_OF_STEPS') return;
      throw this.annotate(e);
    }
  }

  private annotate(e: unknown): unknown {
    if (!(e instanceof VmError)) return e;
    if (e.pc === undefined) {
      e.pc = `${this.pcSegment}:${this.pc}`;
      e.traceback = this.traceback();
      e.message = `${e.message} (pc ${e.pc}${e.traceback.length > 0 ? `, called from ${e.traceback.join(' <- ')}` : ''})`;
    }
    return e;
  }

  /** Return pcs of the active frames, innermost first. */
  traceback(): string[] {
    const out: string[] = [];
    const E = this.memory.segment(this.execSegment);
    let fp = this.fp;
    for (let depth = 0; depth < 64 && fp !== this.initialFp && fp >= 2; depth++) {
      const retPc = this.memory.decode(E, fp - 1);
      const prevFp = this.memory.decode(E, fp - 2);
      if (retPc === undefined || typeof retPc === 'bigint' || prevFp === undefined) break;
      out.push(`${retPc.segment}:${retPc.offset}`);
      if (typeof prevFp === 'bigint') break;
      fp = prevFp.offset;
    }
    return out;
  }

  private decodeAt(s: Segment, off: number): Instruction {
    const t = off >= 0 && off < s.tags.length ? (s.tags[off] as number) : TAG_EMPTY;
    if (t === TAG_EMPTY) {
      throw vmError('JUMP_OUT_OF_PROGRAM', `no instruction at ${s.index}:${off} (jump outside the code)`);
    }
    if (t === TAG_REL) throw vmError('INVALID_INSTRUCTION', `instruction at ${s.index}:${off} is a pointer`);
    const word = t === TAG_INT ? smallToBig(s.vals[off] as number) : (s.bigs[off] as bigint);
    const ins = decodeInstruction(word, this.stwoOpcodes);
    if (s.decoded === undefined) s.decoded = [];
    s.decoded[off] = ins;
    return ins;
  }

  private loop(endSeg: number, endOff: number, maxSteps: number): void {
    const mem = this.memory;
    const E = mem.segment(this.execSegment);
    const eIdx = E.index;
    let pcS = mem.segment(this.pcSegment);
    let pc = this.pc;
    let ap = this.ap;
    let fp = this.fp;
    let steps = this.steps;
    try {
      while (pc !== endOff || pcS.index !== endSeg) {
        if (steps >= maxSteps) {
          throw vmError('OUT_OF_STEPS', `step limit of ${maxSteps} reached`, { maxSteps });
        }
        const hs = pcS.hints;
        if (hs !== undefined) {
          const h = hs[pc];
          if (h !== undefined) {
            this.pcSegment = pcS.index;
            this.pc = pc;
            this.ap = ap;
            this.fp = fp;
            this.runHints(h as unknown[]);
          }
        }
        const dec = pcS.decoded;
        let ins = dec === undefined ? undefined : (dec[pc] as Instruction | undefined);
        if (ins === undefined) ins = this.decodeAt(pcS, pc);
        const tr = this.trace;
        if (tr !== undefined) {
          let n = this.traceLen;
          let buf = tr;
          if (n + 3 > buf.length) {
            buf = new Float64Array(buf.length * 2);
            buf.set(tr);
            this.trace = buf;
          }
          buf[n++] = pcS.index * SEG_SHIFT + pc;
          buf[n++] = ap;
          buf[n++] = fp;
          this.traceLen = n;
        }

        if (ins.ext !== 0) {
          const next = extendedStep(this, ins, pcS.index, pc, ap, fp);
          ap = next.ap;
          pc = next.pc;
          steps++;
          continue;
        }

        // ---- operands ----
        const dstOff = (ins.dstFp ? fp : ap) + ins.off0;
        const op0Off = (ins.op0Fp ? fp : ap) + ins.off1;
        if (dstOff < 0 || op0Off < 0) throw vmError('INVALID_ADDRESS', 'negative operand address');
        let eTags = E.tags;
        let dT = dstOff < eTags.length ? (eTags[dstOff] as number) : TAG_EMPTY;
        let dN = E.vals[dstOff] as number;
        let dB = dT === TAG_BIG ? (E.bigs[dstOff] as bigint) : 0n;
        let o0T = op0Off < eTags.length ? (eTags[op0Off] as number) : TAG_EMPTY;
        let o0N = E.vals[op0Off] as number;
        let o0B = o0T === TAG_BIG ? (E.bigs[op0Off] as bigint) : 0n;

        let o1S: Segment;
        let o1Off: number;
        const src = ins.op1Src;
        if (src === OP1_IMM) {
          o1S = pcS;
          o1Off = pc + ins.off2;
        } else if (src === OP1_FP) {
          o1S = E;
          o1Off = fp + ins.off2;
        } else if (src === OP1_AP) {
          o1S = E;
          o1Off = ap + ins.off2;
        } else {
          if (o0T !== TAG_REL) {
            throw vmError(
              o0T === TAG_EMPTY ? 'FAILED_TO_COMPUTE_OPERANDS' : 'MEMORY_TYPE_MISMATCH',
              o0T === TAG_EMPTY ? 'op0 is unknown but is needed as op1 base' : 'op0 is not a pointer',
            );
          }
          o1S = mem.segment(relSegment(o0N));
          o1Off = relOffset(o0N) + ins.off2;
          if (o1Off < 0) throw vmError('INVALID_ADDRESS', 'negative op1 address');
        }
        let o1T = o1Off < o1S.tags.length ? (o1S.tags[o1Off] as number) : TAG_EMPTY;
        let o1N = o1S.vals[o1Off] as number;
        let o1B = o1T === TAG_BIG ? (o1S.bigs[o1Off] as bigint) : 0n;

        const opcode = ins.opcode;
        let rT = TAG_EMPTY;
        let rN = 0;
        let rB = 0n;
        let deduced = 0; // bit 1: op0, 2: op1, 4: dst

        if (o0T === TAG_EMPTY) {
          if (opcode === OP_CALL) {
            o0T = TAG_REL;
            o0N = pcS.index * SEG_SHIFT + pc + ins.size;
          } else if (
            opcode === OP_ASSERT_EQ &&
            dT !== TAG_EMPTY &&
            o1T !== TAG_EMPTY &&
            ins.res === RES_ADD
          ) {
            subVals(dT, dN, dB, o1T, o1N, o1B);
            o0T = scratch.tag;
            o0N = scratch.num;
            o0B = scratch.big;
            rT = dT;
            rN = dN;
            rB = dB;
          } else if (
            opcode === OP_ASSERT_EQ &&
            ins.res === RES_MUL &&
            (dT === TAG_INT || dT === TAG_BIG) &&
            (o1T === TAG_INT || o1T === TAG_BIG) &&
            !(o1T === TAG_INT && o1N === 0)
          ) {
            divVals(dT, dN, dB, o1T, o1N, o1B);
            o0T = scratch.tag;
            o0N = scratch.num;
            o0B = scratch.big;
            rT = dT;
            rN = dN;
            rB = dB;
          } else {
            throw vmError('FAILED_TO_COMPUTE_OPERANDS', `cannot deduce op0 at ${eIdx}:${op0Off}`);
          }
          deduced |= 1;
        }

        if (o1T === TAG_EMPTY) {
          const hooks = o1S.hooks;
          if (hooks?.deduce?.(o1S, o1Off) === true) {
            o1T = o1S.tags[o1Off] as number;
            o1N = o1S.vals[o1Off] as number;
            o1B = o1T === TAG_BIG ? (o1S.bigs[o1Off] as bigint) : 0n;
          } else if (opcode === OP_ASSERT_EQ && dT !== TAG_EMPTY) {
            const res = ins.res;
            if (res === RES_OP1) {
              o1T = dT;
              o1N = dN;
              o1B = dB;
            } else if (res === RES_ADD) {
              subVals(dT, dN, dB, o0T, o0N, o0B);
              o1T = scratch.tag;
              o1N = scratch.num;
              o1B = scratch.big;
            } else if (
              res === RES_MUL &&
              dT !== TAG_REL &&
              o0T !== TAG_REL &&
              !(o0T === TAG_INT && o0N === 0)
            ) {
              divVals(dT, dN, dB, o0T, o0N, o0B);
              o1T = scratch.tag;
              o1N = scratch.num;
              o1B = scratch.big;
            } else {
              throw vmError('FAILED_TO_COMPUTE_OPERANDS', `cannot deduce op1 at ${o1S.index}:${o1Off}`);
            }
            rT = dT;
            rN = dN;
            rB = dB;
            deduced |= 2;
          } else {
            throw vmError('FAILED_TO_COMPUTE_OPERANDS', `cannot deduce op1 at ${o1S.index}:${o1Off}`);
          }
        }

        if (rT === TAG_EMPTY) {
          const res = ins.res;
          if (res === RES_OP1) {
            rT = o1T;
            rN = o1N;
            rB = o1B;
          } else if (res === RES_ADD) {
            if (o0T === TAG_INT && o1T === TAG_INT) {
              const s = o0N + o1N;
              if (s > -SMALL && s < SMALL) {
                rT = TAG_INT;
                rN = s;
              } else {
                addSlow(o0T, o0N, o0B, o1T, o1N, o1B);
                rT = scratch.tag;
                rN = scratch.num;
                rB = scratch.big;
              }
            } else if (o0T === TAG_REL && o1T === TAG_INT) {
              relAdd(o0N, o1N);
              rT = TAG_REL;
              rN = scratch.num;
            } else {
              addSlow(o0T, o0N, o0B, o1T, o1N, o1B);
              rT = scratch.tag;
              rN = scratch.num;
              rB = scratch.big;
            }
          } else if (res === RES_MUL) {
            const m = o0N * o1N;
            if (o0T === TAG_INT && o1T === TAG_INT && m > -SMALL && m < SMALL) {
              rT = TAG_INT;
              rN = m;
            } else {
              mulSlow(o0T, o0N, o0B, o1T, o1N, o1B);
              rT = scratch.tag;
              rN = scratch.num;
              rB = scratch.big;
            }
          }
        }

        if (dT === TAG_EMPTY) {
          if (opcode === OP_ASSERT_EQ && rT !== TAG_EMPTY) {
            dT = rT;
            dN = rN;
            dB = rB;
          } else if (opcode === OP_CALL) {
            dT = TAG_REL;
            dN = eIdx * SEG_SHIFT + fp;
          } else {
            throw vmError('FAILED_TO_COMPUTE_OPERANDS', `cannot deduce dst at ${eIdx}:${dstOff}`);
          }
          deduced |= 4;
        }

        if (opcode === OP_ASSERT_EQ) {
          if (rT === TAG_EMPTY) throw vmError('ASSERT_EQ_FAILED', 'assert_eq with unconstrained res');
          if (rT !== dT || (rT === TAG_BIG ? rB !== dB : rN !== dN)) {
            throw vmError(
              'ASSERT_EQ_FAILED',
              `assert_eq failed: ${fmtCell(dT, dN, dB)} != ${fmtCell(rT, rN, rB)}`,
            );
          }
        } else if (opcode === OP_CALL) {
          if (o0T !== TAG_REL || o0N !== pcS.index * SEG_SHIFT + pc + ins.size) {
            throw vmError('INVALID_CALL', 'call: cannot write the return pc');
          }
          if (dT !== TAG_REL || dN !== eIdx * SEG_SHIFT + fp) {
            throw vmError('INVALID_CALL', 'call: cannot write the return fp');
          }
        }

        if (deduced !== 0) {
          if (deduced === 4 && dstOff < eTags.length && E.hooks === undefined) {
            // Common case `[ap + k] = res`: an empty cell of the execution segment.
            eTags[dstOff] = dT;
            E.vals[dstOff] = dN;
            if (dT === TAG_BIG) E.bigs[dstOff] = dB;
            if (dstOff >= E.size) E.size = dstOff + 1;
          } else {
            if ((deduced & 1) !== 0) mem.writeCell(E, op0Off, o0T, o0N, o0B);
            if ((deduced & 2) !== 0) mem.writeCell(o1S, o1Off, o1T, o1N, o1B);
            if ((deduced & 4) !== 0) mem.writeCell(E, dstOff, dT, dN, dB);
          }
          eTags = E.tags;
        }
        const acc = E.accessed;
        acc[dstOff] = 1;
        acc[op0Off] = 1;
        o1S.accessed[o1Off] = 1;
        pcS.accessed[pc] = 1;

        // ---- registers ----
        const oldAp = ap;
        if (opcode === OP_CALL) fp = oldAp + 2;
        else if (opcode === OP_RET) {
          if (dT === TAG_REL) fp = relOffset(dN);
          else if (dT === TAG_INT && dN >= 0) fp = dN;
          else throw vmError('INVALID_ARITHMETIC', 'ret: invalid fp value');
        }
        const apu = ins.apUpdate;
        if (apu === AP_ADD) {
          if (rT !== TAG_INT) throw vmError('INVALID_ARITHMETIC', 'ap += res needs a small integer res');
          ap = oldAp + rN;
          if (ap < 0) throw vmError('INVALID_ADDRESS', 'ap became negative');
        } else if (apu === AP_ADD1) ap = oldAp + 1;
        else if (apu === AP_ADD2) ap = oldAp + 2;

        const pcu = ins.pcUpdate;
        if (pcu === 0) pc += ins.size;
        else if (pcu === PC_JUMP) {
          if (rT !== TAG_REL) throw vmError('INVALID_ARITHMETIC', 'absolute jump to a non-pointer');
          const seg = relSegment(rN);
          if (seg !== pcS.index) pcS = mem.segment(seg);
          pc = rN - seg * SEG_SHIFT;
        } else if (pcu === PC_JUMP_REL) {
          if (rT !== TAG_INT) throw vmError('INVALID_ARITHMETIC', 'relative jump by a non-integer');
          pc += rN;
        } else if (pcu === PC_JNZ) {
          if (dT === TAG_INT && dN === 0) pc += ins.size;
          else {
            if (o1T !== TAG_INT) throw vmError('INVALID_ARITHMETIC', 'jnz offset is not a small integer');
            pc += o1N;
          }
        }
        if (pc < 0) throw vmError('JUMP_OUT_OF_PROGRAM', `pc became negative (${pc})`);
        steps++;
      }
    } finally {
      this.pcSegment = pcS.index;
      this.pc = pc;
      this.ap = ap;
      this.fp = fp;
      this.steps = steps;
    }
  }

  private runHints(h: unknown[]): void {
    const ex = this.hintExecutor;
    if (ex === undefined) throw vmError('UNKNOWN_HINT', 'program has hints but no hint executor is set');
    ex.execute(this, h);
  }
}

function fmtCell(t: number, n: number, b: bigint): string {
  if (t === TAG_INT) return smallToBig(n).toString();
  if (t === TAG_BIG) return `0x${b.toString(16)}`;
  if (t === TAG_REL) return `${relSegment(n)}:${relOffset(n)}`;
  return 'empty';
}

export { packRel, TAG_EMPTY };
