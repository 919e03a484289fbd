// One test per builtin, with edge values; outputs checked against @scure/starknet and
// @noble/hashes (independent implementations), validation errors are typed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keccakP } from '@noble/hashes/sha3';
import { ProjectivePoint, pedersen, poseidonSmall, sign } from '@scure/starknet';
import { P } from '@starling/felt';
import {
  type BuiltinName,
  CairoRunner,
  compileHint,
  type EcdsaBuiltin,
  loadCasmProgram,
  type Relocatable,
  VmError,
} from '../../src/index.ts';

const code = (c: string) => (e: unknown) => e instanceof VmError && e.code === c;

/** A runner with the given builtins initialized (segments 2…). */
function withBuiltins(...names: BuiltinName[]): CairoRunner {
  const r = new CairoRunner(loadCasmProgram('ret;'));
  r.initBuiltins(names);
  return r;
}

/** Writes inputs into instance 0 of a builtin and reads the deduced outputs. */
function deduce(r: CairoRunner, name: BuiltinName, inputs: bigint[], nOut: number, instance = 0): bigint[] {
  const b = r.builtin(name);
  assert.ok(b !== undefined);
  const base = instance * b.cellsPerInstance;
  inputs.forEach((v, i) => {
    r.vm.memory.write({ segment: b.base, offset: base + i }, v);
  });
  const out: bigint[] = [];
  for (let k = 0; k < nOut; k++) {
    const off = base + inputs.length + k;
    assert.equal(b.deduce?.(b.segment as never, off), true);
    out.push(r.vm.memory.getFelt({ segment: b.base, offset: off }));
  }
  return out;
}

describe('builtins', () => {
  it('pedersen matches @scure/starknet, including P-1 inputs', () => {
    const r = withBuiltins('pedersen');
    assert.deepEqual(deduce(r, 'pedersen', [P - 1n, 0n], 1), [BigInt(pedersen(P - 1n, 0n))]);
    assert.deepEqual(deduce(r, 'pedersen', [1n, 2n], 1, 1), [BigInt(pedersen(1n, 2n))]);
  });

  it('pedersen stays correct when inputs recur (memoized) and when only one input matches', () => {
    const r = withBuiltins('pedersen');
    const [a, b] = [0x1234n, P - 7n];
    assert.deepEqual(deduce(r, 'pedersen', [a, b], 1), [BigInt(pedersen(a, b))]);
    assert.deepEqual(deduce(r, 'pedersen', [a, b], 1, 1), [BigInt(pedersen(a, b))]);
    assert.deepEqual(deduce(r, 'pedersen', [a, b + 1n], 1, 2), [BigInt(pedersen(a, b + 1n))]);
    assert.deepEqual(deduce(r, 'pedersen', [b, a], 1, 3), [BigInt(pedersen(b, a))]);
  });

  it('poseidon matches the Hades permutation of @scure/starknet', () => {
    const r = withBuiltins('poseidon');
    const input = [P - 1n, 0n, 12345n];
    assert.deepEqual(deduce(r, 'poseidon', input, 3), poseidonSmall(input));
  });

  it('bitwise computes and/xor/or; inputs of 2^251 are rejected', () => {
    const r = withBuiltins('bitwise');
    const x = (1n << 251n) - 1n;
    const y = 0x123456789abcdefn;
    assert.deepEqual(deduce(r, 'bitwise', [x, y], 3), [x & y, x ^ y, x | y]);
    assert.throws(() => deduce(r, 'bitwise', [1n << 251n, 1n], 1, 1), code('BUILTIN_DEDUCTION'));
  });

  it('ec_op computes P + m·Q like @scure/starknet; points off the curve are rejected', () => {
    const r = withBuiltins('ec_op');
    const p = ProjectivePoint.BASE.multiply(3n).toAffine();
    const q = ProjectivePoint.BASE.multiply(5n).toAffine();
    const m = 0x1234567n;
    const want = ProjectivePoint.fromAffine(p).add(ProjectivePoint.fromAffine(q).multiply(m)).toAffine();
    assert.deepEqual(deduce(r, 'ec_op', [p.x, p.y, q.x, q.y, m], 2), [want.x, want.y]);
    assert.throws(() => deduce(r, 'ec_op', [p.x, p.y + 1n, q.x, q.y, m], 1, 1), code('BUILTIN_DEDUCTION'));
  });

  it('keccak applies Keccak-f[1600] to 8 × 200-bit words (checked with @noble/hashes keccakP)', () => {
    const r = withBuiltins('keccak');
    const inputs = [0n, 1n, (1n << 200n) - 1n, 42n, 0xdeadbeefn, 7n, 1n << 199n, 3n];
    const state = inputs.reduce((acc, v, i) => acc | (v << BigInt(200 * i)), 0n);
    const words = new Uint32Array(50);
    for (let i = 0; i < 50; i++) words[i] = Number((state >> BigInt(32 * i)) & 0xffffffffn);
    keccakP(words, 24);
    let out = 0n;
    for (let i = 49; i >= 0; i--) out = (out << 32n) | BigInt(words[i] as number);
    const want = Array.from({ length: 8 }, (_, i) => (out >> BigInt(200 * i)) & ((1n << 200n) - 1n));
    assert.deepEqual(deduce(r, 'keccak', inputs, 8), want);
    assert.throws(
      () => deduce(r, 'keccak', [1n << 200n, 0n, 0n, 0n, 0n, 0n, 0n, 0n], 1, 1),
      code('BUILTIN_DEDUCTION'),
    );
  });

  it('range_check accepts 2^128 - 1 and rejects 2^128, P - 1 and pointers', () => {
    const r = withBuiltins('range_check');
    const b = r.builtin('range_check')?.base as number;
    const w = (o: number, v: bigint | Relocatable) => r.vm.memory.write({ segment: b, offset: o }, v);
    w(0, (1n << 128n) - 1n);
    w(1, 0n);
    assert.throws(() => w(2, 1n << 128n), code('BUILTIN_VALIDATION'));
    assert.throws(() => w(3, P - 1n), code('BUILTIN_VALIDATION'));
    assert.throws(() => w(4, { segment: 1, offset: 0 }), code('BUILTIN_VALIDATION'));
  });

  it('range_check96 bound is 2^96', () => {
    const r = withBuiltins('range_check96');
    const b = r.builtin('range_check96')?.base as number;
    r.vm.memory.write({ segment: b, offset: 0 }, (1n << 96n) - 1n);
    assert.throws(() => r.vm.memory.write({ segment: b, offset: 1 }, 1n << 96n), code('BUILTIN_VALIDATION'));
  });

  it('ecdsa verifies the registered signature when pubkey and message are written', () => {
    const r = withBuiltins('ecdsa');
    const b = r.builtin('ecdsa') as EcdsaBuiltin;
    const priv = '0x1234567';
    const pub = BigInt(`0x${ProjectivePoint.BASE.multiply(0x1234567n).toAffine().x.toString(16)}`);
    const sig = sign('0x77', priv);
    b.addSignature(0, sig.r, sig.s);
    r.vm.memory.write({ segment: b.base, offset: 0 }, pub);
    r.vm.memory.write({ segment: b.base, offset: 1 }, 0x77n);
    b.addSignature(2, sig.r, sig.s);
    r.vm.memory.write({ segment: b.base, offset: 2 }, pub);
    assert.throws(() => r.vm.memory.write({ segment: b.base, offset: 3 }, 0x78n), code('BUILTIN_VALIDATION'));
    const priv0 = b.airPrivateInput()[0] as { signature_input: { r: string } };
    assert.equal(BigInt(priv0.signature_input.r), sig.r);
  });

  it('output is a plain segment; segment_arena starts pre-filled and passes base + 3', () => {
    const r = withBuiltins('output', 'segment_arena');
    const out = r.builtin('output');
    r.vm.memory.write({ segment: out?.base as number, offset: 0 }, 5n);
    assert.equal(out?.usedInstances(), 1);
    const arena = r.builtin('segment_arena');
    const [ptr] = arena?.initialStack() ?? [];
    assert.deepEqual(ptr, { segment: arena?.base, offset: 3 });
    assert.equal(arena?.usedInstances(), 0);
    assert.equal(r.vm.memory.getFelt({ segment: arena?.base as number, offset: 1 }), 0n);
  });

  it('add_mod / mul_mod through the EvalCircuit hint: (a + b) · b mod p', () => {
    const r = withBuiltins('add_mod', 'mul_mod');
    const m = r.vm.memory;
    const add = r.builtin('add_mod')?.base as number;
    const mul = r.builtin('mul_mod')?.base as number;
    const p = (1n << 255n) - 19n;
    const limbs = (v: bigint) => [0n, 1n, 2n, 3n].map((i) => (v >> (96n * i)) & ((1n << 96n) - 1n));
    const values = m.addSegment().index;
    const a = p - 2n;
    const bb = 5n;
    m.load({ segment: values, offset: 0 }, [...limbs(a), ...limbs(bb)]);
    // gates: add(0, 4 → 8), mul(8, 4 → 12)
    const offs = m.addSegment().index;
    m.load({ segment: offs, offset: 0 }, [0n, 4n, 8n, 8n, 4n, 12n]);
    m.load({ segment: add, offset: 0 }, [
      ...limbs(p),
      { segment: values, offset: 0 },
      { segment: offs, offset: 0 },
    ]);
    m.load({ segment: mul, offset: 0 }, [
      ...limbs(p),
      { segment: values, offset: 0 },
      { segment: offs, offset: 3 },
    ]);
    r.vm.ap = 10;
    r.vm.fp = 10;
    m.load({ segment: 1, offset: 10 }, [
      { segment: add, offset: 0 },
      { segment: mul, offset: 0 },
    ]);
    r.hints.execute(r.vm, [
      compileHint({
        EvalCircuit: {
          n_add_mods: { Immediate: '0x1' },
          add_mod_builtin: { Deref: { register: 'AP', offset: 0 } },
          n_mul_mods: { Immediate: '0x1' },
          mul_mod_builtin: { Deref: { register: 'AP', offset: 1 } },
        },
      }),
    ]);
    const read = (o: number) =>
      m.getFelts({ segment: values, offset: o }, 4).reduce((acc, l, i) => acc + (l << (96n * BigInt(i))), 0n);
    assert.equal(read(8), (a + bb) % p);
    assert.equal(read(12), (((a + bb) % p) * bb) % p);
    assert.equal(m.getFelt({ segment: add, offset: 6 }), 1n);
    assert.doesNotThrow(() => r.verify());
  });
});
