import type { FieldBackend } from '../backend.js';
import { FeltError } from '../errors.js';
import { mod, P } from '../field.js';
import { FastField } from './fast-field.js';
import { fastSqrt } from './fast-scalar.js';

const BYTES = 32;

/** A FieldBackend on felt.wasm: bigints in, bigints out (inputs are reduced mod p first). */
export function createWasmField(fast: FastField = new FastField()): FieldBackend {
  const { kernels: k, mem } = fast;
  const a0 = fast.base;
  const a1 = a0 + BYTES;
  const r2 = a1 + BYTES;
  mem.ensure(a0 + 4 * BYTES);
  // R² mod p: montMul(montMul(a, b), R²) = a·b for canonical a, b.
  mem.writeFelt(r2, FastField.montgomery(FastField.montgomery(1n)));
  const felt = (x: bigint) => (x >= 0n && x < P ? x : mod(x));
  const binary = (a: bigint, b: bigint, op: (r: number, x: number, y: number) => void): bigint => {
    mem.writeFelt(a0, felt(a));
    mem.writeFelt(a1, felt(b));
    op(a0, a0, a1);
    return mem.readFelt(a0);
  };
  const pow = (a: bigint, e: bigint): bigint => {
    if (e < 0n) return pow(inv(a), -e);
    const words = Math.max(1, Math.ceil(e.toString(2).length / 64));
    const ep = r2 + BYTES;
    mem.ensure(ep + words * 8);
    for (let w = 0; w < words; w++) mem.writeU64(ep + w * 8, e >> BigInt(64 * w));
    mem.writeFelt(a0, felt(a));
    k.toMont(a0, a0);
    k.fieldPow(a1, a0, ep, words);
    k.fromMont(a1, a1);
    return mem.readFelt(a1);
  };
  const inv = (a: bigint): bigint => {
    const x = felt(a);
    if (x === 0n) throw new FeltError('DIVISION_BY_ZERO', 'inverse of zero');
    mem.writeFelt(a0, x);
    k.fieldInvInteger(a0, a0);
    return mem.readFelt(a0);
  };
  return {
    name: 'wasm',
    add: (a, b) => binary(a, b, k.fieldAdd),
    sub: (a, b) => binary(a, b, k.fieldSub),
    mul: (a, b) => {
      mem.writeFelt(a0, felt(a));
      mem.writeFelt(a1, felt(b));
      k.montMul(a0, a0, a1);
      k.montMul(a0, a0, r2);
      return mem.readFelt(a0);
    },
    inv,
    batchInverse: (values) => fast.decode(fast.batchInverse(fast.encode(values.map(felt)))),
    pow,
    sqrt: fastSqrt,
  };
}
