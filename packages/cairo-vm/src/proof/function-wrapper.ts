import { encodeInstruction } from '../casm/encode.js';
import { vmError } from '../errors.js';
import type { CompiledHint } from '../hints/hint-types.js';
import type { Program } from '../runner/program.js';
import type { BuiltinName } from '../types.js';

export interface WrappedFunction {
  /** Wrapper code followed by the original bytecode (hints shifted accordingly). */
  readonly program: Program;
  /** Real builtins, in the order their bases sit on the proof-mode stack. */
  readonly builtins: BuiltinName[];
  readonly start: number;
  readonly end: number;
  /** Cells the function returns after its implicits (the results, still in the execution segment). */
  readonly nResults: number;
}

const FP = true;
const AP = false;
const push = (off: number, fromFp: boolean): bigint =>
  // [ap + 0] = [fp/ap + off], ap++
  encodeInstruction({
    off0: 0,
    off1: -1,
    off2: off,
    dstFp: false,
    op0Fp: true,
    op1Src: fromFp ? 2 : 4,
    res: 0,
    pcUpdate: 0,
    apUpdate: 2,
    opcode: 4,
  });
const pushImm = (): bigint =>
  encodeInstruction({
    off0: 0,
    off1: -1,
    off2: 1,
    dstFp: false,
    op0Fp: true,
    op1Src: 1,
    res: 0,
    pcUpdate: 0,
    apUpdate: 2,
    opcode: 4,
  });
const callRel = (): bigint =>
  encodeInstruction({
    off0: 0,
    off1: 1,
    off2: 1,
    dstFp: false,
    op0Fp: false,
    op1Src: 1,
    res: 0,
    pcUpdate: 2,
    apUpdate: 0,
    opcode: 1,
  });
const apAdd = (): bigint =>
  encodeInstruction({
    off0: -1,
    off1: -1,
    off2: 1,
    dstFp: true,
    op0Fp: true,
    op1Src: 1,
    res: 0,
    pcUpdate: 0,
    apUpdate: 1,
    opcode: 0,
  });
const jmpRel = (): bigint =>
  encodeInstruction({
    off0: -1,
    off1: -1,
    off2: 1,
    dstFp: true,
    op0Fp: true,
    op1Src: 1,
    res: 0,
    pcUpdate: 2,
    apUpdate: 0,
    opcode: 0,
  });

/**
 * Wraps a CASM function so it can run in proof mode: the wrapper pushes the implicit arguments
 * (builtin bases from the proof-mode stack, gas as a constant) and the arguments, calls the
 * function, copies the returned builtin pointers to the top of the stack (where proof mode reads
 * the stop pointers) and ends in `jmp rel 0`.
 */
export function wrapFunctionForProof(
  program: Program,
  options: {
    implicits: readonly BuiltinName[];
    args: readonly bigint[];
    offset: number;
    nResults: number;
    gas?: bigint;
  },
): WrappedFunction {
  const builtins = options.implicits.filter((b) => b !== 'gas_builtin');
  if (builtins.includes('system'))
    throw vmError('INVALID_ARGUMENT', 'proof-mode functions cannot take System');
  // ap starts at the builtin bases (fp = exec + 2); move past them before pushing arguments.
  const code: bigint[] = builtins.length > 0 ? [apAdd(), BigInt(builtins.length)] : [];
  let bi = 0;
  for (const imp of options.implicits) {
    if (imp === 'gas_builtin') code.push(pushImm(), options.gas ?? 0n);
    else code.push(push(bi++, FP)); // fp = exec + 2: builtin bases at [fp + i]
  }
  for (const a of options.args) code.push(pushImm(), a);
  const callAt = code.length;
  code.push(callRel(), 0n); // target patched below
  const nImp = options.implicits.length;
  let copied = 0;
  options.implicits.forEach((imp, p) => {
    if (imp === 'gas_builtin') return;
    code.push(push(-(nImp + options.nResults) + p - copied, AP));
    copied++;
  });
  const end = code.length;
  code.push(jmpRel(), 0n);
  const wrapperLen = code.length;
  code[callAt + 1] = BigInt(wrapperLen + options.offset - callAt);
  const hints = new Map<number, readonly CompiledHint[]>();
  for (const [pc, hs] of program.hints) hints.set(pc + wrapperLen, hs);
  return {
    program: { bytecode: [...code, ...program.bytecode], hints },
    builtins,
    start: 0,
    end,
    nResults: options.nResults,
  };
}
