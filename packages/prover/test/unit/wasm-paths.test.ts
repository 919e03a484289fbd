import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GENERATOR, getFastField, P } from '@starling/felt';
import {
  bigintVecField,
  buildCairoTrace,
  CairoAir,
  Channel,
  getVecField,
  keccakHasher,
  setVecField,
  wasmVecField,
} from '../../src/index.ts';
import { evaluateRowsBlock } from '../../src/stark/composition-block.ts';
import { evaluateRows, type SubCosetSource } from '../../src/stark/composition-eval.ts';
import { friCommit } from '../../src/stark/fri-commit.ts';
import { LIMBS, u64, writeCanonical } from '../../src/stark/vec-field.ts';
import { fibExecution } from '../helpers/mini-cairo.ts';

const fast = getFastField();

/** Deterministic pseudo-random felts (xorshift over 64-bit words, reduced mod p). */
function randomFelts(count: number, seed: number): bigint[] {
  let s = BigInt(seed) | 1n;
  const next = () => {
    s ^= (s << 13n) & 0xffffffffffffffffn;
    s ^= s >> 7n;
    s ^= (s << 17n) & 0xffffffffffffffffn;
    return s;
  };
  return Array.from(
    { length: count },
    () => ((next() << 192n) | (next() << 128n) | (next() << 64n) | next()) % P,
  );
}

function randomColumns(width: number, size: number, seed: number): Uint32Array[] {
  return Array.from({ length: width }, (_, c) => {
    const a = new Uint32Array(size * LIMBS);
    const v = u64(a);
    const felts = randomFelts(size, seed + c);
    for (let i = 0; i < size; i++) writeCanonical(v, i, felts[i]!);
    return a;
  });
}

describe('WASM prover paths against BigInt', () => {
  // Random (not satisfying) LDE values, so every constraint contributes: the block program and the BigInt
  // `evaluate` must give the same composition values on every row, in full and partial blocks.
  it('matches the BigInt row evaluator on random frames', { skip: !fast }, () => {
    const exec = fibExecution(1 << 20, 200);
    const n = 256;
    const blowup = 4;
    const air = new CairoAir(exec.publicInput, n);
    const program = air.blockProgram();
    assert.ok(program, 'a CPU-only Cairo AIR has a block program');
    const main: SubCosetSource = { values: randomColumns(air.mainWidth, n * blowup, 1), n, blowup };
    const aux: SubCosetSource = { values: randomColumns(air.auxWidth, n * blowup, 500), n, blowup };
    const challenges = randomFelts(3, 77);
    const alphas = randomFelts(air.constraints.length, 99);
    const Dp = 2;
    for (const [from, to] of [
      [0, n],
      [37, 200],
      [250, 256],
    ] as const) {
      const expected = new Uint32Array(Dp * n * LIMBS);
      const actual = new Uint32Array(Dp * n * LIMBS);
      for (let m = 0; m < Dp; m++) {
        evaluateRows(air, [main, aux], m, Dp, challenges, alphas, from, to, expected);
        evaluateRowsBlock(air, program, fast!, [main, aux], m, Dp, challenges, alphas, from, to, actual);
      }
      assert.deepEqual(actual, expected, `rows [${from}, ${to})`);
    }
  });

  it('builds the same interaction columns as the BigInt construction, across chunks', { skip: !fast }, () => {
    const exec = fibExecution(1 << 20, 5000);
    const { columns, n } = buildCairoTrace(exec);
    assert.ok(n > 4096, 'more than two chunks of rows');
    const air = new CairoAir(exec.publicInput, n);
    const challenges = randomFelts(3, 5);
    const active = getVecField();
    try {
      setVecField(bigintVecField);
      const expected = air.buildAux(columns, challenges);
      setVecField(wasmVecField(fast!));
      assert.deepEqual(air.buildAux(columns, challenges), expected);
    } finally {
      setVecField(active);
    }
  });

  it('folds FRI layers on the WASM kernels exactly as in BigInt, across chunks', { skip: !fast }, () => {
    // 2^14 random values: the first fold's half (8192) spans two WASM chunks.
    const evals = randomColumns(1, 1 << 14, 42)[0]!;
    const run = (vf: typeof bigintVecField) =>
      friCommit(vf, evals, GENERATOR, 1 << 12, 8, 3, new Channel(new Uint8Array([1, 2, 3])), keccakHasher);
    const viaBigint = run(bigintVecField);
    const viaWasm = run(wasmVecField(fast!));
    assert.deepEqual(viaWasm.roots, viaBigint.roots);
    assert.deepEqual(viaWasm.lastLayer, viaBigint.lastLayer);
    assert.deepEqual(
      viaWasm.layers.map((l) => l.evals),
      viaBigint.layers.map((l) => l.evals),
    );
  });

  it('is not used for an AIR object that overrides evaluate', () => {
    const air = new CairoAir(fibExecution(3, 32).publicInput, 32);
    const lax = Object.create(air) as CairoAir;
    assert.equal(lax.blockProgram(), null);
  });
});
