import { CasmBuilder } from '../../casm/builder.js';
import { cc, regular } from '../gas/objects.js';
import { buildFromCasmBuilder, inBuffer, inDeref, singleCells } from '../invocation.js';
import { type InvocationContext, known, type LibfuncDef } from '../types.js';

function pedersen(ctx: InvocationContext) {
  const [pE, xE, yE] = singleCells(ctx, 3);
  const b = new CasmBuilder();
  const x = inDeref(b, xE!);
  const y = inDeref(b, yE!);
  const p = inBuffer(b, pE!, 2);
  b.bufferWriteAndInc(p, x);
  b.bufferWriteAndInc(p, y);
  const result = b.getRefAndInc(p);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[p], [result]], undefined]]);
}

function hades(ctx: InvocationContext) {
  const [pE, s0E, s1E, s2E] = singleCells(ctx, 4);
  const b = new CasmBuilder();
  const s = [s0E, s1E, s2E].map((e) => inDeref(b, e!));
  const p = inBuffer(b, pE!, 5);
  for (const v of s) b.bufferWriteAndInc(p, v);
  const r = [b.getRefAndInc(p), b.getRefAndInc(p), b.getRefAndInc(p)];
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[p], [r[0]!], [r[1]!], [r[2]!]], undefined]]);
}

export const builtinLibfuncs: Record<string, LibfuncDef> = {
  pedersen: { apChange: () => [known(0)], cost: () => [regular(cc(2), [['Pedersen', 1]])], build: pedersen },
  hades_permutation: {
    apChange: () => [known(0)],
    cost: () => [regular(cc(3), [['Poseidon', 1]])],
    build: hades,
  },
};
