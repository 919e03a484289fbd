import { encodeInstruction } from '../casm/encode.js';
import type { Hint } from '../casm/hints.js';
import type { Instruction } from '../casm/instruction.js';
import { cell, deref, imm, type ResOperand } from '../casm/operand.js';
import type { CasmProgram } from '../compiler/compile.js';
import { SierraError } from '../errors.js';
import { selectMain, VM_BUILTINS } from './entry-wrapper.js';
import { prependEntryCode } from './prepend-entry.js';

/** Gas handed to a function that takes a GasBuiltin in proof mode (there is no caller to pay). */
export const PROOF_MODE_GAS = (1n << 64n) - 1n;

/**
 * An argument of the proven function, in the manner of cairo1-run's `--args`: a felt fills one cell;
 * an array fills two (the start and end of a new segment holding its values, as an Array or Span).
 */
export type ProofArg = bigint | readonly bigint[];

/** A compiled program with proof-mode entry code: run from `start` to the `jmp rel 0` at `end`. */
export interface ProofModeProgram {
  bytecode: bigint[];
  hints: [number, Hint[]][];
  /** The run's builtins in stack order: `output`, then the function's builtins (layout order). */
  builtins: string[];
  function: string;
  start: number;
  end: number;
  /** Cells of the returned value that the footer copies to the output segment. */
  outputCells: number;
}

/**
 * Proof-mode entry code in the manner of cairo1-run `--proof-mode`. The proof-mode stack holds the
 * builtin bases at [fp + i] (output first). The header skips them, allocates the SegmentArena and
 * System segments, pushes the function's builtins (and a constant gas) and calls it; the footer
 * writes the returned value's cells to the output segment, pushes the final builtin pointers (output
 * advanced past the value) in stack order for the runner's stop pointers, and loops at `end`.
 * The function's own arguments are immediates of the entry code (arrays are written to new segments
 * from immediates), so they belong to the program, which the proof makes public.
 */
export function wrapProgramForProof(
  compiled: CasmProgram,
  functionName?: string,
  gas: bigint = PROOF_MODE_GAS,
  args: readonly ProofArg[] = [],
): ProofModeProgram {
  const reg = compiled.registry;
  const main = selectMain(compiled, functionName);
  const kinds = main.paramTypes.map((t) => reg.type(t).genericId);
  const fnBuiltins = VM_BUILTINS.filter(([g]) => kinds.includes(g)).map(([, n]) => n);
  const builtins = ['output', ...fnBuiltins];
  const special = new Set(['System', 'SegmentArena', 'GasBuiltin', ...VM_BUILTINS.map(([g]) => g)]);
  const argCells = main.paramTypes.reduce((n, t, i) => n + (special.has(kinds[i]!) ? 0 : reg.size(t)), 0);
  const givenCells = args.reduce<number>((n, a) => n + (typeof a === 'bigint' ? 1 : 2), 0);
  if (givenCells !== argCells) {
    throw new SierraError(
      'SIERRA_INVALID_ARGUMENTS',
      `${main.id} takes ${argCells} argument cells; the arguments given fill ${givenCells} (a felt fills one, an array two)`,
    );
  }
  const code: Instruction[] = [];
  const emit = (body: Instruction['body'], incAp = false, hints: Hint[] = []) =>
    code.push({ body, incAp, hints });
  const K = builtins.length;
  // ap = fp at the first base: move past the bases so the stack grows above them.
  emit({ kind: 'add_ap', operand: imm(K) });
  const hasArena = kinds.includes('SegmentArena');
  if (hasArena) {
    // [fp + K] = arena segment, [fp + K + 1] = infos segment, [fp + K + 2] = 0; the arena starts
    // with (infos, n_constructed = 0, n_destructed = 0).
    const alloc = (o: number): Hint => ({ name: 'AllocSegment', args: { dst: cell('ap', o) } });
    emit({ kind: 'add_ap', operand: imm(3) }, false, [alloc(0), alloc(1)]);
    emit({ kind: 'assert_eq', a: cell('fp', K + 2), b: imm(0) });
    for (const [o, v] of [
      [0, 1],
      [1, 2],
      [2, 2],
    ] as const) {
      emit({
        kind: 'assert_eq',
        a: cell('fp', K + v),
        b: { kind: 'double_deref', cell: cell('fp', K), offset: o },
      });
    }
  }
  const push = (src: ResOperand) => emit({ kind: 'assert_eq', a: cell('ap', 0), b: src }, true);
  // Arrays first, below the call frame: [fp + at] = a new segment, then each value through a temp.
  // Then the cells the arguments fill, in order: a felt, or an array's start and end.
  let at = K + (hasArena ? 3 : 0);
  const argOperands: ResOperand[] = [];
  for (const a of args) {
    if (typeof a === 'bigint') {
      argOperands.push(imm(a));
      continue;
    }
    const start = cell('fp', at++);
    emit({ kind: 'add_ap', operand: imm(1) }, false, [
      { name: 'AllocSegment', args: { dst: cell('ap', 0) } },
    ]);
    a.forEach((v, k) => {
      push(imm(v));
      emit({ kind: 'assert_eq', a: cell('ap', -1), b: { kind: 'double_deref', cell: start, offset: k } });
    });
    at += a.length;
    argOperands.push(deref(start), { kind: 'binop', op: '+', a: start, b: imm(a.length) });
  }
  main.paramTypes.forEach((t, i) => {
    const g = kinds[i]!;
    const name = VM_BUILTINS.find(([k]) => k === g)?.[1];
    if (name !== undefined) push(deref(cell('fp', builtins.indexOf(name))));
    else if (g === 'GasBuiltin') push(imm(gas));
    else if (g === 'SegmentArena') push({ kind: 'binop', op: '+', a: cell('fp', K), b: imm(3) });
    else if (g === 'System') {
      emit({ kind: 'add_ap', operand: imm(1) }, false, [
        { name: 'AllocSegment', args: { dst: cell('ap', 0) } },
      ]);
    } else for (const src of argOperands.splice(0, reg.size(t))) push(src);
  });
  const callAt = code.reduce((s, ins) => s + encodeInstruction(ins).length, 0);
  const retKinds = main.retTypes.map((t) => reg.type(t).genericId);
  const retSizes = main.retTypes.map((t) => reg.size(t));
  const R = retSizes.reduce((a, b) => a + b, 0);
  const retStart = (i: number) => retSizes.slice(0, i).reduce((a, b) => a + b, 0);
  const last = retKinds.length - 1;
  const outputCells = last >= 0 && !special.has(retKinds[last]!) ? retSizes[last]! : 0;
  const tail: Instruction[] = [];
  // The value's cells go to the output segment: [ap - R + k] = [[fp + 0] + k] (the VM deduces the
  // output cell from the value).
  for (let k = 0; k < outputCells; k++) {
    tail.push({
      body: {
        kind: 'assert_eq',
        a: cell('ap', -R + retStart(last) + k),
        b: { kind: 'double_deref', cell: cell('fp', 0), offset: k },
      },
      incAp: false,
      hints: [],
    });
  }
  let pushed = 0;
  const pushTail = (b: ResOperand) => {
    tail.push({ body: { kind: 'assert_eq', a: cell('ap', 0), b }, incAp: true, hints: [] });
    pushed++;
  };
  pushTail({ kind: 'binop', op: '+', a: cell('fp', 0), b: imm(outputCells) });
  for (const name of fnBuiltins) {
    const g = VM_BUILTINS.find(([, n]) => n === name)![0];
    const i = retKinds.indexOf(g);
    if (i < 0) throw new SierraError('SIERRA_INVALID_PROGRAM', `${main.id} does not return its ${name}`);
    pushTail(deref(cell('ap', -R + retStart(i) - pushed)));
  }
  const tailSize = tail.reduce((s, ins) => s + encodeInstruction(ins).length, 0);
  const end = callAt + 2 + tailSize;
  const entrySize = end + 2; // jmp rel 0 carries an immediate
  const mainOffset = compiled.statementOffsets[main.entryPoint]!;
  emit({ kind: 'call', target: imm(entrySize + mainOffset - callAt), relative: true });
  code.push(...tail);
  emit({ kind: 'jump', target: imm(0), relative: true });
  const { bytecode, hints } = prependEntryCode(code, entrySize, compiled);
  return {
    bytecode,
    hints,
    builtins,
    function: main.id,
    start: 0,
    end,
    outputCells,
  };
}
