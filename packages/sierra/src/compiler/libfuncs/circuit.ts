import { CasmBuilder, type Var } from '../../casm/builder.js';
import type { Instruction } from '../../casm/instruction.js';
import { compileError } from '../../errors.js';
import {
  type CircuitInfo,
  circuitInfo,
  MOD_BUILTIN_INSTANCE_SIZE,
  OFFSETS_PER_GATE,
  rc96Usage,
  VALUE_SIZE,
} from '../circuit-info.js';
import { cc, regular, steps } from '../gas/objects.js';
import {
  argRefs,
  buildFromCasmBuilder,
  buildPlain,
  inBuffer,
  inDeref,
  nonFallthroughTarget,
  singleCells,
} from '../invocation.js';
import type { ProgramRegistry } from '../registry.js';
import { typeArg } from '../registry.js';
import { type InvocationContext, known, type LibfuncDef, type SpecContext } from '../types.js';
import { identity } from './core.js';

type Spec = Pick<SpecContext, 'reg' | 'libfunc' | 'libfuncId'>;
const cache = new WeakMap<ProgramRegistry, Map<string, CircuitInfo>>();
/** Circuit info of the libfunc's circuit type argument (cached per program). */
function info(c: Spec): CircuitInfo {
  const ty = typeArg(c.libfunc.args, 0, c.libfuncId);
  let m = cache.get(c.reg);
  if (!m) {
    m = new Map();
    cache.set(c.reg, m);
  }
  let i = m.get(ty);
  if (!i) {
    i = circuitInfo(c.reg, ty);
    m.set(ty, i);
  }
  return i;
}

function cellsOf(r: readonly unknown[] | undefined, n: number) {
  if (r?.length !== n) throw compileError('invalid reference expression for a circuit value');
  return r as Parameters<typeof inDeref>[1][];
}
const temp = (b: CasmBuilder, v: Var) => {
  const x = b.allocVar();
  b.assertVarsEq(x, v);
  return x;
};

function initData(ctx: InvocationContext) {
  const ci = info(ctx);
  const [rcE] = singleCells(ctx, 1);
  const b = new CasmBuilder();
  const rc96 = inBuffer(b, rcE!, 1);
  const startOff = b.const(VALUE_SIZE);
  const start = b.binOp('+', rc96, startOff);
  const endOff = b.const((1 + ci.nInputs) * VALUE_SIZE);
  const end = b.binOp('+', rc96, endOff);
  const usage = b.const(rc96Usage(ci));
  const next = b.binOp('+', rc96, usage);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[next], [start, end]], undefined]]);
}

function addInput(ctx: InvocationContext) {
  const [handle, elem] = argRefs(ctx, 2);
  const [sE, eE] = cellsOf(handle, 2);
  const b = new CasmBuilder();
  const start = inBuffer(b, sE!, elem!.length);
  const end = inDeref(b, eE!);
  for (const cell of elem!) b.bufferWriteAndInc(start, inDeref(b, cell));
  const newStart = temp(b, start);
  const remaining = temp(b, b.binOp('-', end, newStart));
  b.jumpNz(remaining, 'MoreInputs');
  b.label('Done');
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[end]], undefined],
    ['MoreInputs', [[newStart, end]], nonFallthroughTarget(ctx)],
  ]);
}

function getDescriptor(ctx: InvocationContext) {
  const ci = info(ctx);
  const ty = typeArg(ctx.libfunc.args, 0, ctx.libfuncId);
  const ap = (o: number) => ({ register: 'ap' as const, offset: o });
  const ins = (body: Instruction['body'], incAp: boolean): Instruction => ({ body, incAp, hints: [] });
  const instructions: Instruction[] = [
    ins({ kind: 'call', target: { kind: 'imm', value: 0n }, relative: true }, false),
    ins(
      {
        kind: 'assert_eq',
        a: ap(0),
        b: { kind: 'binop', op: '+', a: ap(-1), b: { kind: 'imm', value: 1n } },
      },
      true,
    ),
    ins({ kind: 'assert_eq', a: ap(0), b: { kind: 'imm', value: BigInt(ci.addOffsets.length) } }, true),
    ins(
      {
        kind: 'assert_eq',
        a: ap(0),
        b: {
          kind: 'binop',
          op: '+',
          a: ap(-2),
          b: { kind: 'imm', value: BigInt(ci.addOffsets.length * OFFSETS_PER_GATE) },
        },
      },
      true,
    ),
    ins({ kind: 'assert_eq', a: ap(0), b: { kind: 'imm', value: BigInt(ci.mulOffsets.length) } }, true),
  ];
  return buildPlain(
    ctx,
    instructions,
    [
      { index: 0, relocation: { kind: 'circuit_start', ty } },
      { index: 1, relocation: { kind: 'circuit_start', ty } },
    ],
    [[[-4, -3, -2, -1].map((o) => ({ kind: 'deref' as const, cell: ap(o) }))]],
  );
}

function evalCircuit(ctx: InvocationContext) {
  const ci = info(ctx);
  const [addR, mulR, descR, dataR, modR, zeroR, oneR] = argRefs(ctx, 7);
  const b = new CasmBuilder();
  const addMod = inBuffer(b, cellsOf(addR, 1)[0]!, MOD_BUILTIN_INSTANCE_SIZE);
  const mulMod = inBuffer(b, cellsOf(mulR, 1)[0]!, MOD_BUILTIN_INSTANCE_SIZE);
  const inputsEnd = inBuffer(b, cellsOf(dataR, 1)[0]!, VALUE_SIZE);
  const [addOffs, nAdds, mulOffs, nMuls] = cellsOf(descR, 4).map((c) => inDeref(b, c)) as Var[];
  const mods = cellsOf(modR, 4).map((c) => inDeref(b, c)) as Var[];
  const zero = inDeref(b, cellsOf(zeroR, 1)[0]!);
  const one = inDeref(b, cellsOf(oneR, 1)[0]!);
  const inputsSize = b.const((1 + ci.nInputs) * VALUE_SIZE);
  const values = temp(b, b.binOp('-', inputsEnd, inputsSize));
  b.assertVarsEq(one, b.doubleDeref(values, 0));
  for (const i of [1, 2, 3]) b.assertVarsEq(zero, b.doubleDeref(values, i));
  if (ci.addOffsets.length) {
    mods.forEach((m, i) => {
      b.assertVarsEq(m, b.doubleDeref(addMod, i));
    });
    b.assertVarsEq(values, b.doubleDeref(addMod, 4));
    b.assertVarsEq(addOffs!, b.doubleDeref(addMod, 5));
    b.assertVarsEq(nAdds!, b.doubleDeref(addMod, 6));
  }
  mods.forEach((m, i) => {
    b.assertVarsEq(m, b.doubleDeref(mulMod, i));
  });
  b.assertVarsEq(values, b.doubleDeref(mulMod, 4));
  b.assertVarsEq(mulOffs!, b.doubleDeref(mulMod, 5));
  b.addHint(
    'EvalCircuit',
    { n_add_mods: nAdds!, add_mod_builtin: addMod, n_mul_mods: nMuls!, mul_mod_builtin: mulMod },
    {},
  );
  const actual = temp(b, b.doubleDeref(mulMod, 6));
  const addUsage = b.const(MOD_BUILTIN_INSTANCE_SIZE * ci.addOffsets.length);
  const newAdd = b.binOp('+', addMod, addUsage);
  const inst = b.const(MOD_BUILTIN_INSTANCE_SIZE);
  const mulUsage = temp(b, b.binOp('*', actual, inst));
  const newMul = b.binOp('+', mulMod, mulUsage);
  const skipped = temp(b, b.binOp('-', nMuls!, actual));
  b.jumpNz(skipped, 'Failure');
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[newAdd], [newMul], [values, ...mods]], undefined],
    [
      'Failure',
      [[newAdd], [newMul], [values, ...mods, actual], [mulOffs!, nMuls!, actual, values, ...mods]],
      nonFallthroughTarget(ctx),
    ],
  ]);
}

function tryIntoModulus(ctx: InvocationContext) {
  const [l0E, l1E, l2E, l3E] = cellsOf(argRefs(ctx, 1)[0], 4);
  const b = new CasmBuilder();
  const [l0, l1, l2, l3] = [l0E, l1E, l2E, l3E].map((c) => inDeref(b, c!)) as Var[];
  const one = b.const(1);
  const l0m1 = b.allocVar();
  b.jumpNz(l3!, 'Success');
  b.jumpNz(l2!, 'Success');
  b.jumpNz(l1!, 'Success');
  b.jumpNz(l0!, 'CheckNotOne');
  b.jump('Failure');
  b.label('CheckNotOne');
  b.assertVarsEq(l0m1, b.binOp('-', l0!, one));
  b.jumpNz(l0m1, 'Success');
  b.jump('Failure');
  b.label('Success');
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[l0!, l1!, l2!, l3!]], undefined],
    ['Failure', [], nonFallthroughTarget(ctx)],
  ]);
}

function failureGuaranteeVerify(ctx: InvocationContext) {
  const [rcR, mulR, gR, zeroR, oneR] = argRefs(ctx, 5);
  const b = new CasmBuilder();
  const rc96 = inBuffer(b, cellsOf(rcR, 1)[0]!, 2 + VALUE_SIZE);
  const mulMod = inBuffer(b, cellsOf(mulR, 1)[0]!, MOD_BUILTIN_INSTANCE_SIZE);
  const g = cellsOf(gR, 8);
  const origOffsets = inDeref(b, g[0]!);
  const mods = [g[4]!, g[5]!, g[6]!, g[7]!].map((c) => inDeref(b, c));
  const values = inDeref(b, g[3]!);
  const zero = inDeref(b, cellsOf(zeroR, 1)[0]!);
  const one = inDeref(b, cellsOf(oneR, 1)[0]!);
  const nMuls = inDeref(b, g[1]!);
  const failIdx = inDeref(b, g[2]!);
  const perGate = b.const(OFFSETS_PER_GATE);
  const failOff = temp(b, b.binOp('*', failIdx, perGate));
  const failPtr = temp(b, b.binOp('+', origOffsets, failOff));
  b.assertVarsEq(zero, b.doubleDeref(failPtr, 2));
  const invInput = temp(b, b.doubleDeref(failPtr, 1));
  const nullifierOff = temp(b, b.doubleDeref(failPtr, 0));
  const zeroOff = temp(b, b.binOp('-', rc96, values));
  for (let i = 0; i < 4; i++) b.bufferWriteAndInc(rc96, zero);
  const offsets = b.allocVar();
  b.addHint('AllocSegment', {}, { dst: offsets });
  b.assertVarsEq(nullifierOff, b.doubleDeref(offsets, 0));
  b.assertVarsEq(invInput, b.doubleDeref(offsets, 1));
  b.assertVarsEq(zeroOff, b.doubleDeref(offsets, 2));
  b.bufferWriteAndInc(rc96, failIdx);
  const diff = temp(b, b.binOp('-', nMuls, failIdx));
  b.bufferWriteAndInc(rc96, diff);
  mods.forEach((m, i) => {
    b.assertVarsEq(m, b.doubleDeref(mulMod, i));
  });
  b.assertVarsEq(values, b.doubleDeref(mulMod, 4));
  b.assertVarsEq(offsets, b.doubleDeref(mulMod, 5));
  b.assertVarsEq(one, b.doubleDeref(mulMod, 6));
  const nullPtr = temp(b, b.binOp('+', values, nullifierOff));
  const nulls = [0, 1, 2, 3].map((i) => temp(b, b.doubleDeref(nullPtr, i)));
  for (const n of nulls) b.jumpNz(n, 'Done');
  b.assertVarsEq(one, zero);
  b.markUnreachable();
  b.label('Done');
  const usage = b.const(MOD_BUILTIN_INSTANCE_SIZE);
  const newMul = b.binOp('+', mulMod, usage);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[rc96], [newMul], [...nulls, ...mods]], undefined]]);
}

function getOutput(ctx: InvocationContext) {
  const ci = info(ctx);
  const outTy = typeArg(ctx.libfunc.args, 1, ctx.libfuncId);
  const offset = ci.values.get(outTy);
  if (offset === undefined) throw compileError(`${outTy} is not an output of the circuit`);
  const cells = cellsOf(argRefs(ctx, 1)[0], 5);
  const b = new CasmBuilder();
  const [valuesPtr, ...mods] = cells.map((c) => inDeref(b, c)) as Var[];
  const off = b.const(offset * VALUE_SIZE);
  const outPtr = temp(b, b.binOp('+', valuesPtr!, off));
  const outs = [0, 1, 2, 3].map((i) => temp(b, b.doubleDeref(outPtr, i)));
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [outs, [...outs, ...mods]], undefined]]);
}

function u96GuaranteeVerify(ctx: InvocationContext) {
  const [rcE, gE] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const rc96 = inBuffer(b, rcE!, 0);
  const g = inDeref(b, gE!);
  b.bufferWriteAndInc(rc96, g);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[rc96]], undefined]]);
}

function limbsLtVerify(ctx: InvocationContext) {
  const [g] = argRefs(ctx, 1);
  const n = g!.length / 2;
  const b = new CasmBuilder();
  const lhsHigh = b.addVar(g![n - 1]!);
  const rhsHigh = b.addVar(g![2 * n - 1]!);
  const next = [...g!.slice(0, n - 1), ...g!.slice(n, 2 * n - 1)].map((c) => b.addVar(c));
  const diff = temp(b, b.binOp('-', rhsHigh, lhsHigh));
  b.jumpNz(diff, 'CheckLimb');
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [next], undefined],
    ['CheckLimb', [[diff]], nonFallthroughTarget(ctx)],
  ]);
}

function singleLimbLtVerify(ctx: InvocationContext) {
  const [lE, rE] = cellsOf(argRefs(ctx, 1)[0], 2);
  const b = new CasmBuilder();
  const lhs = inDeref(b, lE!);
  const rhs = inDeref(b, rE!);
  const diff = b.binOp('-', rhs, lhs);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[diff]], undefined]]);
}

function evalCost(c: SpecContext) {
  const ci = info(c);
  let s = 8 + MOD_BUILTIN_INSTANCE_SIZE;
  if (ci.addOffsets.length) s += MOD_BUILTIN_INSTANCE_SIZE;
  const pre: [['AddMod', number], ['MulMod', number]] = [
    ['AddMod', ci.addOffsets.length],
    ['MulMod', ci.mulOffsets.length],
  ];
  return [regular(cc(s), pre), regular(cc(s), pre)];
}

export const circuitLibfuncs: Record<string, LibfuncDef> = {
  init_circuit_data: {
    apChange: () => [known(0)],
    cost: (c) => [regular({ steps: 0, holes: 0, rangeChecks: 0, rangeChecks96: rc96Usage(info(c)) })],
    build: initData,
  },
  add_circuit_input: {
    apChange: () => [known(2), known(2)],
    cost: () => [steps(7), steps(7)],
    build: addInput,
  },
  get_circuit_descriptor: { apChange: () => [known(6)], cost: () => [steps(6)], build: getDescriptor },
  eval_circuit: { apChange: () => [known(4), known(4)], cost: evalCost, build: evalCircuit },
  get_circuit_output: { apChange: () => [known(5)], cost: () => [steps(5)], build: getOutput },
  try_into_circuit_modulus: {
    apChange: () => [known(1), known(1)],
    cost: () => [steps(6), steps(7)],
    build: tryIntoModulus,
  },
  circuit_failure_guarantee_verify: {
    apChange: () => [known(12)],
    cost: () => [regular({ steps: 32, holes: 0, rangeChecks: 0, rangeChecks96: 6 })],
    build: failureGuaranteeVerify,
  },
  into_u96_guarantee: { apChange: () => [known(0)], cost: () => [steps(0)], build: identity },
  u96_guarantee_verify: {
    apChange: () => [known(0)],
    cost: () => [regular({ steps: 1, holes: 0, rangeChecks: 0, rangeChecks96: 1 })],
    build: u96GuaranteeVerify,
  },
  u96_limbs_less_than_guarantee_verify: {
    apChange: () => [known(1), known(1)],
    cost: () => [steps(2), steps(2)],
    build: limbsLtVerify,
  },
  u96_single_limb_less_than_guarantee_verify: {
    apChange: () => [known(0)],
    cost: () => [steps(0)],
    build: singleLimbLtVerify,
  },
};
