// An independent Cairo step function and instruction encoder for tests (Cairo whitepaper §4.5),
// sharing no code with the prover's trace builder or AIR.
import { P } from '@starling/felt';
import type { CairoExecution, CairoPublicInput } from '../../src/index.ts';

type Reg = 'ap' | 'fp';
export interface Ins {
  dst?: [Reg, number];
  op0?: [Reg, number];
  op1: { imm: bigint } | { reg: Reg | 'op0'; off: number };
  res?: 'op1' | 'add' | 'mul';
  pc?: 'regular' | 'abs' | 'rel' | 'jnz';
  ap?: 'regular' | 'add' | 'add1';
  opcode?: 'nop' | 'call' | 'ret' | 'assert';
}

const b16 = (o: number) => BigInt(o + 0x8000);

/** Encodes an instruction; returns the words (instruction, then the immediate if any). */
export function encode(i: Ins): bigint[] {
  const [dReg, dOff] = i.dst ?? ['fp', -1];
  const [oReg, oOff] = i.op0 ?? ['fp', -1];
  let flags = 0;
  if (dReg === 'fp') flags |= 1;
  if (oReg === 'fp') flags |= 2;
  let op1Off: number;
  if ('imm' in i.op1) {
    flags |= 4;
    op1Off = 1;
  } else {
    op1Off = i.op1.off;
    if (i.op1.reg === 'fp') flags |= 8;
    if (i.op1.reg === 'ap') flags |= 16;
  }
  flags |= { op1: 0, add: 32, mul: 64 }[i.res ?? 'op1'];
  flags |= { regular: 0, abs: 128, rel: 256, jnz: 512 }[i.pc ?? 'regular'];
  flags |= { regular: 0, add: 1024, add1: 2048 }[i.ap ?? 'regular'];
  flags |= { nop: 0, call: 4096, ret: 8192, assert: 16384 }[i.opcode ?? 'nop'];
  const word = b16(dOff) | (b16(oOff) << 16n) | (b16(op1Off) << 32n) | (BigInt(flags) << 48n);
  return 'imm' in i.op1 ? [word, (i.op1.imm + P) % P] : [word];
}

/** Optional deviation injected into one step, to produce executions that break one rule. */
export type Bug = { step: number; kind: 'assert-off-by-one' | 'ap-skip' };

/** Runs a program; memory is filled by assert_eq deduction of dst and by call pushes. */
export function run(
  program: bigint[],
  opts: { maxSteps: number; extraData?: bigint[]; bug?: Bug },
): {
  pc: number[];
  ap: number[];
  fp: number[];
  memory: Map<number, bigint>;
  progEnd: number;
  execBegin: number;
} {
  const mem = new Map<number, bigint>();
  for (let k = 0; k < program.length; k++) mem.set(1 + k, program[k]!);
  const progEnd = 1 + program.length;
  // Execution segment: two cells (a dummy return frame) then the stack.
  const execBegin = progEnd;
  mem.set(execBegin, 0n);
  mem.set(execBegin + 1, 0n);
  let pc = 1;
  let ap = execBegin + 2;
  let fp = ap;
  const trace = { pc: [] as number[], ap: [] as number[], fp: [] as number[] };
  const get = (a: number) => {
    const v = mem.get(a);
    if (v === undefined) throw new Error(`read of unset ${a}`);
    return v;
  };
  for (let step = 0; step < opts.maxSteps; step++) {
    trace.pc.push(pc);
    trace.ap.push(ap);
    trace.fp.push(fp);
    const w = get(pc);
    const off = (k: number) => Number((w >> BigInt(16 * k)) & 0xffffn) - 0x8000;
    const fl = Number(w >> 48n);
    const bit = (k: number) => (fl >> k) & 1;
    const dstAddr = (bit(0) ? fp : ap) + off(0);
    const op0Addr = (bit(1) ? fp : ap) + off(1);
    const isCall = bit(12) === 1;
    if (isCall) {
      mem.set(dstAddr, BigInt(fp));
      mem.set(op0Addr, BigInt(pc + 1 + bit(2)));
    }
    const op0 = get(op0Addr);
    const op1Addr = bit(2) ? pc + off(2) : bit(3) ? fp + off(2) : bit(4) ? ap + off(2) : Number(op0) + off(2);
    const op1 = get(op1Addr);
    let res = bit(5) ? (op0 + op1) % P : bit(6) ? (op0 * op1) % P : op1;
    if (bit(14)) {
      if (opts.bug?.step === step && opts.bug.kind === 'assert-off-by-one') res = (res + 1n) % P;
      if (!mem.has(dstAddr)) mem.set(dstAddr, res);
      else if (get(dstAddr) !== res) throw new Error(`assert failed at step ${step}`);
    }
    const dst = get(dstAddr);
    let npc: number;
    if (bit(7)) npc = Number(res);
    else if (bit(8)) npc = pc + Number(res > P / 2n ? res - P : res);
    else if (bit(9)) npc = dst !== 0n ? pc + Number(op1 > P / 2n ? op1 - P : op1) : pc + 1 + bit(2);
    else npc = pc + 1 + bit(2);
    let nap = ap;
    if (bit(10)) nap += Number(res > P / 2n ? res - P : res);
    if (bit(11)) nap += 1;
    if (isCall) nap += 2;
    if (opts.bug?.step === step && opts.bug.kind === 'ap-skip') nap += 1;
    const nfp = bit(13) ? Number(dst) : isCall ? ap + 2 : fp;
    pc = npc;
    ap = nap;
    fp = nfp;
  }
  return { ...trace, memory: mem, progEnd, execBegin };
}

/** fib(a=1, b=1) iterated `count` times in a called function; ends in `jmp rel 0`. */
export function fibProgram(count: number): bigint[] {
  const main = [
    ...encode({ dst: ['ap', 0], op1: { imm: 1n }, ap: 'add1', opcode: 'assert' }),
    ...encode({ dst: ['ap', 0], op1: { imm: 1n }, ap: 'add1', opcode: 'assert' }),
    ...encode({ dst: ['ap', 0], op1: { imm: BigInt(count) }, ap: 'add1', opcode: 'assert' }),
  ];
  // call rel 4 (skip the call's 2 words and the jmp's 2 words) → fib.
  const call = encode({ dst: ['ap', 0], op0: ['ap', 1], op1: { imm: 4n }, pc: 'rel', opcode: 'call' });
  const end = encode({ op1: { imm: 0n }, pc: 'rel', ap: 'regular' });
  const body = [
    ...encode({ dst: ['ap', 0], op1: { reg: 'ap', off: -2 }, ap: 'add1', opcode: 'assert' }),
    ...encode({
      dst: ['ap', 0],
      op0: ['ap', -4],
      op1: { reg: 'ap', off: -3 },
      res: 'add',
      ap: 'add1',
      opcode: 'assert',
    }),
    ...encode({
      dst: ['ap', 0],
      op0: ['ap', -3],
      op1: { imm: -1n },
      res: 'add',
      ap: 'add1',
      opcode: 'assert',
    }),
  ];
  const loop = encode({ dst: ['ap', -1], op1: { imm: BigInt(-body.length) }, pc: 'jnz' });
  const ret = encode({ dst: ['fp', -2], op1: { reg: 'fp', off: -1 }, pc: 'abs', opcode: 'ret' });
  return [...main, ...call, ...end, ...body, ...loop, ...ret];
}

/** A full execution of fibProgram, padded to `steps` steps, with its public input (program as public memory). */
export function fibExecution(count: number, steps: number, bug?: Bug): CairoExecution {
  const program = fibProgram(count);
  const r = run(program, { maxSteps: steps, ...(bug ? { bug } : {}) });
  const last = r.pc.length - 1;
  const rc = { min: 0xffff, max: 0 };
  for (let s = 0; s <= last; s++) {
    const w = r.memory.get(r.pc[s]!)!;
    for (let k = 0; k < 3; k++) {
      const o = Number((w >> BigInt(16 * k)) & 0xffffn);
      rc.min = Math.min(rc.min, o);
      rc.max = Math.max(rc.max, o);
    }
  }
  const publicInput: CairoPublicInput = {
    layout: 'starling',
    nSteps: steps,
    rcMin: rc.min,
    rcMax: rc.max,
    initialPc: 1,
    finalPc: r.pc[last]!,
    initialAp: r.ap[0]!,
    finalAp: r.ap[last]!,
    publicMemory: program.map((value, k) => ({ address: 1 + k, value })),
    segments: {
      program: { begin: 1, stop: r.pc[last]! },
      execution: { begin: r.ap[0]!, stop: r.ap[last]! },
    },
  };
  return { trace: { pc: r.pc, ap: r.ap, fp: r.fp }, memory: r.memory, publicInput };
}
