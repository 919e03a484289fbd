// The syscalls not covered elsewhere at the handler level: secp256r1 against the published P-256
// point-multiplication vectors, get_class_hash_at and replace_class with their gas (cost − base,
// 0.14.1 table of the reference notes) and validate-mode rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DictStateReader, ExecutionError } from '../../src/index.ts';
import { harness } from '../helpers/syscall-harness.ts';

const split = (v: bigint) => [v & ((1n << 128n) - 1n), v >> 128n];
const join = (lo: unknown, hi: unknown) => (lo as bigint) + ((hi as bigint) << 128n);

describe('secp256r1', () => {
  // P-256 generator and k·G for k = 2, 3 (NIST point-multiplication test vectors).
  const G = {
    x: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
    y: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
  };
  const G2 = {
    x: 0x7cf27b188d034f7e8a52380304b51ac3c08969e277f21b35a60b48fc47669978n,
    y: 0x07775510db8ed040293d9ac69f7430dbba7dade63ce982299e04b79d227873d1n,
  };
  const G3 = {
    x: 0x5ecbe4d1a6330a44c8f7ef951d4bf165e6c6b721efada985fb41661bc6e7fd6cn,
    y: 0x8734640c4998ff7e374b06ce1a64a2ecd82ab036384fb83d9a79b127a27d5032n,
  };
  const xy = (h: ReturnType<typeof harness>, id: unknown) => {
    const r = h.call('Secp256r1GetXy', 10n ** 9n, [id as bigint], 6);
    return { x: join(r[2], r[3]), y: join(r[4], r[5]) };
  };

  it('new / mul / add / get_xy give the published multiples of G, each charged cost − base', () => {
    const h = harness();
    const n = h.call('Secp256r1New', 10n ** 9n, [...split(G.x), ...split(G.y)], 4);
    // 61,630 − 10,000 charged; Some(id) = [0, id].
    assert.deepEqual(n.slice(0, 3), [10n ** 9n - 51_630n, 0n, 0n]);
    const g = n[3] as bigint;
    const two = h.call('Secp256r1Mul', 10n ** 9n, [g, ...split(2n)], 3);
    assert.equal(two[0], 10n ** 9n - (13_511_870n - 10_000n));
    assert.deepEqual(xy(h, two[2]), G2);
    const three = h.call('Secp256r1Add', 10n ** 9n, [two[2] as bigint, g], 3);
    assert.equal(three[0], 10n ** 9n - (63_490n - 10_000n));
    assert.deepEqual(xy(h, three[2]), G3);
    // n·G is the point at infinity, read back as (0, 0).
    const order = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    const inf = h.call('Secp256r1Mul', 10n ** 9n, [g, ...split(order)], 3);
    assert.deepEqual(xy(h, inf[2]), { x: 0n, y: 0n });
  });

  it('get_point_from_x recovers y of the requested parity; off-curve and out-of-range inputs', () => {
    const h = harness();
    const even = h.call('Secp256r1GetPointFromX', 10n ** 9n, [...split(G2.x), 0n], 4);
    assert.equal(even[2], 0n);
    // G2.y is odd: asking for the even root gives p − y.
    const p = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
    assert.deepEqual(xy(h, even[3]), { x: G2.x, y: p - G2.y });
    const odd = h.call('Secp256r1GetPointFromX', 10n ** 9n, [...split(G2.x), 1n], 4);
    assert.deepEqual(xy(h, odd[3]), G2);
    const off = h.call('Secp256r1New', 10n ** 9n, [...split(G.x), ...split(G.y + 1n)], 4);
    assert.deepEqual(off.slice(1, 3), [0n, 1n]); // None
    const big = h.call('Secp256r1New', 10n ** 9n, [...split(p), ...split(1n)], 4);
    assert.equal(big[1], 1n); // failure: coordinate ≥ p
  });
});

describe('get_class_hash_at and replace_class', () => {
  const base = () => {
    const d = new DictStateReader();
    d.classHashes.set(0x1111n, 0xc1a55n);
    return d;
  };

  it('get_class_hash_at returns the class of a deployed address and 0 otherwise (cost = base)', () => {
    const h = harness({ base: base() });
    assert.deepEqual(h.call('GetClassHashAt', 50_000n, [0x1111n], 3), [50_000n, 0n, 0xc1a55n]);
    assert.deepEqual(h.call('GetClassHashAt', 50_000n, [0x2222n], 3), [50_000n, 0n, 0n]);
  });

  it('get_class_hash_at is refused in validate mode', () => {
    const h = harness({ base: base(), mode: 'validate' });
    assert.throws(
      () => h.call('GetClassHashAt', 50_000n, [0x1111n]),
      (e: unknown) => e instanceof ExecutionError && /Unauthorized syscall get_class_hash_at/.test(e.message),
    );
  });

  it('replace_class needs a declared class, then switches the caller and charges 670', () => {
    const h = harness({ base: base() });
    assert.throws(
      () => h.call('ReplaceClass', 50_000n, [0xdeadn]),
      (e: unknown) => e instanceof ExecutionError && e.code === 'CLASS_HASH_NOT_FOUND',
    );
    assert.equal(h.state.getClassHashAt(0xabcn), 0n);
    const casm = {
      bytecode: [],
      hints: [],
      entryPointsByType: { EXTERNAL: [], L1_HANDLER: [], CONSTRUCTOR: [] },
    };
    h.state.declareClass(0xbeefn, 0x1n, { kind: 'CASM_ONLY' } as never, casm as never);
    assert.deepEqual(h.call('ReplaceClass', 50_000n, [0xbeefn], 2), [50_000n - 670n, 0n]);
    assert.equal(h.state.getClassHashAt(0xabcn), 0xbeefn);
  });
});
