import { encodeInstruction } from '../casm/encode.js';
import type { Hint } from '../casm/hints.js';
import type { Instruction } from '../casm/instruction.js';
import { cell, deref, imm, type ResOperand } from '../casm/operand.js';
import type { CasmProgram } from '../compiler/compile.js';
import { SierraError } from '../errors.js';
import type { SierraFunction } from '../program/types.js';
import { prependEntryCode } from './prepend-entry.js';

/** VM builtins in the order the upstream runner lays them out (cairo-lang-runner `EntryCodeHelper`). */
export const VM_BUILTINS: [string, string][] = [
  ['Pedersen', 'pedersen'],
  ['RangeCheck', 'range_check'],
  ['Bitwise', 'bitwise'],
  ['EcOp', 'ec_op'],
  ['Poseidon', 'poseidon'],
  ['RangeCheck96', 'range_check96'],
  ['AddMod', 'add_mod'],
  ['MulMod', 'mul_mod'],
];

/** A compiled program with the entry code that calls its main function at offset 0. */
export interface WrappedProgram {
  bytecode: bigint[];
  hints: [number, Hint[]][];
  /** What the caller pushes before the arguments, in order (VM builtins, then `gas_builtin`). */
  builtins: string[];
  /** The wrapped function's id. */
  function: string;
  /** Argument cells the caller pushes after the builtins. */
  argCells: number;
  /** Cells of the function's own return value (the last cells at `ap` when the run ends). */
  returnCells: number;
  /** Size of the entry code: the compiled program starts at this offset. */
  entrySize: number;
  /**
   * Cells of the `Ok` value when the function returns a `PanicResult` (upstream `is_panic_enum`),
   * else undefined: then `[0, padding…, ok]` is a success and `[1, padding…, start, end]` a panic.
   */
  panicOkCells: number | undefined;
  /** Gas the function's own entry costs (the runner subtracts it from the available gas). */
  requiredGas: number;
}

/** Gas per unit of each cost token (Cairo 2.8 `token_gas_cost`; Const is already in gas). */
const TOKEN_GAS: Record<string, number> = {
  Const: 1,
  Pedersen: 4050,
  Bitwise: 583,
  EcOp: 4085,
  Poseidon: 491,
  AddMod: 230,
  MulMod: 604,
};

/** The gas a run must hand the function beyond its entry cost (0 without gas metadata). */
function requiredGasOf(compiled: CasmProgram, fn: string): number {
  const costs = compiled.metadata.functionCosts.get(fn);
  if (!costs) return 0;
  let total = 0;
  for (const [token, n] of costs.toMap()) total += n * (TOKEN_GAS[token] ?? 0);
  return total;
}

/** Size of the `Ok` variant when `ty` is a `core::panics::PanicResult` enum. */
function panicOkCells(compiled: CasmProgram, ty: string | undefined): number | undefined {
  if (ty === undefined) return undefined;
  const reg = compiled.registry;
  const t = reg.type(ty);
  const first = t.args[0];
  const isPanic =
    t.genericId === 'Enum' &&
    first?.kind === 'userType' &&
    first.id.startsWith('core::panics::PanicResult::');
  if (!isPanic) return undefined;
  const ok = reg.enumVariants(ty)[0];
  return ok === undefined ? undefined : reg.size(ok);
}

/** Picks the function to run: by id, else the one whose id ends in `::main`, else the first. */
export function selectMain(compiled: CasmProgram, name?: string): SierraFunction {
  const funcs = compiled.registry.program.funcs;
  const f =
    name !== undefined
      ? funcs.find((g) => g.id === name || g.id.endsWith(`::${name}`))
      : (funcs.find((g) => g.id.endsWith('::main')) ?? funcs[0]);
  if (!f) throw new SierraError('SIERRA_INVALID_PROGRAM', `no function ${name ?? 'to run'} in the program`);
  return f;
}

/**
 * Prepends an entry code in the manner of the upstream runner (test configuration): builtin
 * pointers and arguments come from the caller's frame, System and SegmentArena are allocated
 * here, then `call` the function, copy its builtin pointers (in `builtins` order) and its return
 * value on top, and `ret`.
 */
export function wrapProgramForRun(compiled: CasmProgram, functionName?: string): WrappedProgram {
  const reg = compiled.registry;
  const main = selectMain(compiled, functionName);
  const kinds = main.paramTypes.map((t) => reg.type(t).genericId);
  const builtins = VM_BUILTINS.filter(([g]) => kinds.includes(g)).map(([, n]) => n);
  if (kinds.includes('GasBuiltin')) builtins.push('gas_builtin');
  const special = new Set(['System', 'SegmentArena', 'GasBuiltin', ...VM_BUILTINS.map(([g]) => g)]);
  const argCells = main.paramTypes.reduce((s, t, i) => s + (special.has(kinds[i]!) ? 0 : reg.size(t)), 0);
  // The caller's block [builtins..., args...] ends at fp - 3; its cell j is at fp - (K + 2 - j).
  const K = builtins.length + argCells;
  const callerCell = (j: number) => deref(cell('fp', -(K + 2 - j)));
  const code: Instruction[] = [];
  const emit = (body: Instruction['body'], incAp = false, hints: Hint[] = []) =>
    code.push({ body, incAp, hints });
  const hasArena = kinds.includes('SegmentArena');
  if (hasArena) {
    // fp = the initial ap: [fp] = arena segment, [fp + 1] = infos segment, [fp + 2] = 0; the arena
    // starts with (infos, n_constructed = 0, n_destructed = 0).
    const alloc = (o: number): Hint => ({ name: 'AllocSegment', args: { dst: cell('ap', o) } });
    emit({ kind: 'add_ap', operand: imm(3) }, false, [alloc(0), alloc(1)]);
    emit({ kind: 'assert_eq', a: cell('fp', 2), b: imm(0) });
    for (const [o, v] of [
      [0, 1],
      [1, 2],
      [2, 2],
    ] as const) {
      emit({
        kind: 'assert_eq',
        a: cell('fp', v),
        b: { kind: 'double_deref', cell: cell('fp', 0), offset: o },
      });
    }
  }
  let argAt = builtins.length;
  main.paramTypes.forEach((t, i) => {
    const g = kinds[i]!;
    const push = (src: ResOperand) => emit({ kind: 'assert_eq', a: cell('ap', 0), b: src }, true);
    const bi = builtins.indexOf(
      VM_BUILTINS.find(([k]) => k === g)?.[1] ?? (g === 'GasBuiltin' ? 'gas_builtin' : ''),
    );
    if (bi >= 0) push(callerCell(bi));
    else if (g === 'SegmentArena') push({ kind: 'binop', op: '+', a: cell('fp', 0), b: imm(3) });
    else if (g === 'System') {
      emit({ kind: 'add_ap', operand: imm(1) }, false, [
        { name: 'AllocSegment', args: { dst: cell('ap', 0) } },
      ]);
    } else for (let k = 0; k < reg.size(t); k++) push(callerCell(argAt++));
  });
  const callAt = code.reduce((s, ins) => s + encodeInstruction(ins).length, 0);
  const retKinds = main.retTypes.map((t) => reg.type(t).genericId);
  const retSizes = main.retTypes.map((t) => reg.size(t));
  const R = retSizes.reduce((a, b) => a + b, 0);
  const retStart = (i: number) => retSizes.slice(0, i).reduce((a, b) => a + b, 0);
  // After the call, re-push the builtin pointers in `builtins` order, then the return value, so
  // the caller finds [builtins..., value] on top (System and SegmentArena outputs are dropped).
  const tail: Instruction[] = [];
  let pushed = 0;
  const pushRet = (k: number) => {
    tail.push({
      body: { kind: 'assert_eq', a: cell('ap', 0), b: deref(cell('ap', -R + k - pushed)) },
      incAp: true,
      hints: [],
    });
    pushed++;
  };
  for (const name of builtins) {
    const g = name === 'gas_builtin' ? 'GasBuiltin' : VM_BUILTINS.find(([, n]) => n === name)![0];
    const i = retKinds.indexOf(g);
    if (i < 0) throw new SierraError('SIERRA_INVALID_PROGRAM', `${main.id} does not return its ${name}`);
    pushRet(retStart(i));
  }
  const last = retKinds.length - 1;
  const returnCells = last >= 0 && !special.has(retKinds[last]!) ? retSizes[last]! : 0;
  for (let k = 0; k < returnCells; k++) pushRet(retStart(last) + k);
  const tailSize = tail.reduce((s, ins) => s + encodeInstruction(ins).length, 0);
  // call rel (2 felts), the copies, ret (1 felt): the program starts right after.
  const entrySize = callAt + 2 + tailSize + 1;
  const mainOffset = compiled.statementOffsets[main.entryPoint]!;
  emit({ kind: 'call', target: imm(entrySize + mainOffset - callAt), relative: true });
  code.push(...tail);
  emit({ kind: 'ret' });
  const { bytecode, hints } = prependEntryCode(code, entrySize, compiled);
  return {
    bytecode,
    hints,
    builtins,
    function: main.id,
    argCells,
    returnCells,
    entrySize,
    panicOkCells: returnCells > 0 ? panicOkCells(compiled, main.retTypes[last]) : undefined,
    requiredGas: requiredGasOf(compiled, main.id),
  };
}
