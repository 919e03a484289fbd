import { CasmBuilder } from '../../casm/builder.js';
import type { CellOperator } from '../../casm/cell-expression.js';
import { compileError } from '../../errors.js';
import { cc, regular, steps } from '../gas/objects.js';
import {
  buildFromCasmBuilder,
  buildPlain,
  buildRefsOnly,
  inBuffer,
  inDeref,
  inDerefOrImm,
  singleCells,
} from '../invocation.js';
import { valueArg } from '../registry.js';
import { type InvocationContext, known, type LibfuncDef } from '../types.js';
import { buildIsZero, identity } from './core.js';
import { U128_BOUND } from './range.js';

const PART = 36n;
const PART_BOUND = 1n << PART;

function qm31Op(op: CellOperator) {
  return (ctx: InvocationContext) => {
    const [aE, bE] = singleCells(ctx, 2);
    const b = new CasmBuilder();
    const a = inDeref(b, aE!);
    const c = inDerefOrImm(b, bE!);
    const res = b.binOp(op, a, c);
    const dst = b.allocVar();
    b.assertVarsEq(dst, res, true);
    return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[dst]], undefined]]);
  };
}

function qm31Const(ctx: InvocationContext) {
  let v = 0n;
  for (const i of [3, 2, 1, 0]) v = (v << PART) + valueArg(ctx.libfunc.args, i, ctx.libfuncId);
  return buildRefsOnly(ctx, [[{ kind: 'imm', value: v }]]);
}

function pack(ctx: InvocationContext) {
  const ws = singleCells(ctx, 4);
  const b = new CasmBuilder();
  const [w0, w1, w2, w3] = ws.map((w) => inDeref(b, w)) as [number, number, number, number];
  const shift = b.const(PART_BOUND);
  const t = (v: number) => {
    const x = b.allocVar();
    b.assertVarsEq(x, v);
    return x;
  };
  const s3 = t(b.binOp('*', w3, shift));
  const u32 = t(b.binOp('+', s3, w2));
  const s32 = t(b.binOp('*', u32, shift));
  const u321 = t(b.binOp('+', s32, w1));
  const s321 = t(b.binOp('*', u321, shift));
  const all = t(b.binOp('+', s321, w0));
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[all]], undefined]]);
}

function unpack(ctx: InvocationContext) {
  const [rcE, vE] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const rc = inBuffer(b, rcE!, 5);
  const all = inDeref(b, vE!);
  const shift = b.const(PART_BOUND);
  const w0 = b.allocVar();
  const w321 = b.allocVar();
  b.addHint('DivMod', { lhs: all, rhs: shift }, { quotient: w321, remainder: w0 });
  const w1 = b.allocVar();
  const w32 = b.allocVar();
  b.addHint('DivMod', { lhs: w321, rhs: shift }, { quotient: w32, remainder: w1 });
  const w2 = b.allocVar();
  const w3 = b.allocVar();
  b.addHint('DivMod', { lhs: w32, rhs: shift }, { quotient: w3, remainder: w2 });
  const t = (v: number) => {
    const x = b.allocVar();
    b.assertVarsEq(x, v);
    return x;
  };
  const s3 = t(b.binOp('*', w3, shift));
  b.assertVarsEq(w32, b.binOp('+', s3, w2));
  const s32 = t(b.binOp('*', w32, shift));
  b.assertVarsEq(w321, b.binOp('+', s32, w1));
  const s321 = t(b.binOp('*', w321, shift));
  b.assertVarsEq(all, b.binOp('+', s321, w0));
  for (const w of [w0, w1, w2, w3]) b.bufferWriteAndInc(rc, w);
  const a = t(b.binOp('+', w0, w1));
  const c = t(b.binOp('+', w2, w3));
  const sum = t(b.binOp('+', a, c));
  const fixer = b.const(U128_BOUND - PART_BOUND);
  const rcv = t(b.binOp('+', sum, fixer));
  b.bufferWriteAndInc(rc, rcv);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[rc], [w0], [w1], [w2], [w3]], undefined]]);
}

function blake(finalize: boolean) {
  return (ctx: InvocationContext) => {
    const cells = singleCells(ctx, 3).map((c) => {
      if (c.kind !== 'deref') throw compileError('invalid reference expression for blake2s');
      return c.cell;
    });
    const [state, byteCount, message] = cells as [(typeof cells)[0], (typeof cells)[0], (typeof cells)[0]];
    return buildPlain(
      ctx,
      [
        {
          body: { kind: 'blake2s', state, byteCount, message, finalize },
          incAp: true,
          hints: [
            {
              name: 'AllocConstantSize',
              args: { size: { kind: 'imm', value: 8n }, dst: { register: 'ap', offset: 0 } },
            },
          ],
        },
      ],
      [],
      [[[{ kind: 'deref', cell: { register: 'ap', offset: -1 } }]]],
    );
  };
}

const binDef = (op: CellOperator): LibfuncDef => ({
  apChange: () => [known(1)],
  cost: () => [steps(1)],
  build: qm31Op(op),
});
const blakeDef = (finalize: boolean): LibfuncDef => ({
  apChange: () => [known(1)],
  cost: () => [regular(cc(0), [['Blake', 1]])],
  build: blake(finalize),
});

export const qm31BlakeLibfuncs: Record<string, LibfuncDef> = {
  qm31_add: binDef('+'),
  qm31_sub: binDef('-'),
  qm31_mul: binDef('*'),
  qm31_div: binDef('/'),
  m31_add: binDef('+'),
  m31_sub: binDef('-'),
  m31_mul: binDef('*'),
  m31_div: binDef('/'),
  qm31_is_zero: {
    apChange: () => [known(0), known(0)],
    cost: () => [steps(1), steps(1)],
    build: buildIsZero,
  },
  qm31_const: { apChange: () => [known(0)], cost: () => [steps(0)], build: qm31Const },
  qm31_pack: { apChange: () => [known(6)], cost: () => [steps(6)], build: pack },
  qm31_unpack: { apChange: () => [known(13)], cost: () => [regular(cc(15, 5))], build: unpack },
  qm31_from_m31: { apChange: () => [known(0)], cost: () => [steps(0)], build: identity },
  blake2s_compress: blakeDef(false),
  blake2s_finalize: blakeDef(true),
  blake2s_compress_guarantees: blakeDef(false),
  blake2s_finalize_guarantees: blakeDef(true),
};
