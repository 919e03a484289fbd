import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FeltError } from '../../src/errors.js';
import { FAST_FIELD_LIMBS, FastField, getFieldBackend } from '../../src/fast/index.js';
import { add, batchInverse, inv, mul, P, pow, sub } from '../../src/field.js';
import { referenceField } from '../../src/reference-field.js';
import { randomFelts } from './fast-random.js';

const ff = new FastField();
const N = 100_000;

describe('FastField vector kernels against the BigInt reference', () => {
  const a = randomFelts(N, 1);
  const b = randomFelts(N, 2).reverse(); // edge values meet each other and random ones
  const A = ff.encode(a);
  const B = ff.encode(b);

  it('round-trips through Montgomery form, and canonical limbs are little-endian u32', () => {
    assert.deepEqual(ff.decode(A), a);
    const canonical = ff.fromMontgomery(A);
    for (const i of [0, 1, 3, 5, 777]) {
      let x = 0n;
      for (let k = FAST_FIELD_LIMBS - 1; k >= 0; k--) x = (x << 32n) | BigInt(canonical[i * 8 + k]!);
      assert.equal(x, a[i]);
    }
    assert.deepEqual(ff.toMontgomery(canonical), A);
  });

  for (const [name, op, ref] of [
    ['mul', (x: Uint32Array, y: Uint32Array) => ff.mul(x, y), mul],
    ['add', (x: Uint32Array, y: Uint32Array) => ff.add(x, y), add],
    ['sub', (x: Uint32Array, y: Uint32Array) => ff.sub(x, y), sub],
  ] as const) {
    it(`${name} on ${N} pairs`, () => {
      const got = ff.decode(op(A, B));
      for (let i = 0; i < N; i++)
        if (got[i] !== ref(a[i]!, b[i]!)) assert.fail(`${name} #${i}: ${a[i]}, ${b[i]}`);
    });
  }

  it(`square and scale on ${N} elements`, () => {
    const sq = ff.decode(ff.square(A));
    const s = P - 12345n;
    const sc = ff.decode(ff.scale(A, s));
    for (let i = 0; i < N; i++) {
      if (sq[i] !== mul(a[i]!, a[i]!)) assert.fail(`square #${i}`);
      if (sc[i] !== mul(a[i]!, s)) assert.fail(`scale #${i}`);
    }
  });

  it(`batch inverse of ${N} elements equals the reference`, () => {
    const nonZero = a.map((x) => (x === 0n ? 5n : x));
    const got = ff.decode(ff.batchInverse(ff.encode(nonZero)));
    assert.deepEqual(got, batchInverse(nonZero));
    for (let i = 0; i < 1000; i++) assert.equal(got[i], inv(nonZero[i]!));
  });

  it(`binary-GCD and Fermat inversions on ${N} elements: x·x⁻¹ = 1 (0 ↦ 0), the reference's on 2,000`, () => {
    const k = ff.kernels;
    const [x, y, z] = [ff.base, ff.base + 32, ff.base + 64];
    for (let i = 0; i < N; i++) {
      const v = a[i]!;
      ff.writeMont(x, v);
      k.fieldInvBinary(y, x);
      k.fieldInvFermat(z, x);
      k.fromMont(y, y);
      k.fromMont(z, z);
      const [gy, gz] = [ff.mem.readFelt(y), ff.mem.readFelt(z)];
      const ok = v === 0n ? gy === 0n && gz === 0n : (gy * v) % P === 1n && gz === gy;
      if (!ok || (i < 2000 && gy !== (v === 0n ? 0n : inv(v)))) assert.fail(`inverse #${i}: ${v}`);
    }
  });

  it('batch inverse names the zero element', () => {
    assert.throws(
      () => ff.batchInverse(ff.encode([3n, 0n, 4n])),
      (e: unknown) => e instanceof FeltError && e.code === 'DIVISION_BY_ZERO' && e.details?.index === 1,
    );
  });

  it('rejects bad input with typed errors', () => {
    const code = (c: string) => (e: unknown) => e instanceof FeltError && e.code === c;
    assert.throws(() => ff.mul(new Uint32Array(9), new Uint32Array(9)), code('INVALID_LENGTH'));
    assert.throws(() => ff.add(new Uint32Array(8), new Uint32Array(16)), code('INVALID_LENGTH'));
    assert.throws(() => ff.encode([P]), code('FELT_OUT_OF_RANGE'));
    assert.throws(() => ff.encode([-1n]), code('FELT_OUT_OF_RANGE'));
    assert.throws(() => ff.ntt(new Uint32Array(8 * 3)), code('INVALID_LENGTH'));
  });
});

describe('wasm FieldBackend against the reference backend', () => {
  const wasm = getFieldBackend();
  const a = randomFelts(100_000, 3);
  const b = randomFelts(100_000, 4).reverse();

  it('is the automatic choice', () => assert.equal(wasm.name, 'wasm'));

  it('add, sub, mul on 100,000 pairs including edge values', () => {
    for (let i = 0; i < a.length; i++) {
      const [x, y] = [a[i]!, b[i]!];
      if (wasm.mul(x, y) !== referenceField.mul(x, y)) assert.fail(`mul #${i}`);
      if (wasm.add(x, y) !== referenceField.add(x, y)) assert.fail(`add #${i}`);
      if (wasm.sub(x, y) !== referenceField.sub(x, y)) assert.fail(`sub #${i}`);
    }
  });

  it('inv agrees on 100,000 values and pow on 300, and inv(0) throws', () => {
    for (let i = 0; i < a.length; i++) {
      const x = a[i] === 0n ? 7n : a[i]!;
      if (wasm.inv(x) !== referenceField.inv(x)) assert.fail(`inv #${i}: ${x}`);
      if (i < 300) assert.equal(wasm.pow(x, b[i]!), pow(x, b[i]!));
    }
    assert.equal(wasm.pow(5n, 0n), 1n);
    assert.equal(wasm.pow(5n, P - 1n), 1n); // Fermat
    assert.equal(wasm.pow(5n, -1n), inv(5n));
    assert.throws(
      () => wasm.inv(0n),
      (e: unknown) => e instanceof FeltError && e.code === 'DIVISION_BY_ZERO',
    );
  });

  it('batchInverse and sqrt agree', () => {
    const xs = a.slice(1, 500);
    assert.deepEqual(wasm.batchInverse(xs), referenceField.batchInverse(xs));
    assert.equal(wasm.sqrt(9n), 3n);
  });
});
