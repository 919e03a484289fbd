import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FeltError, P } from '@starling/felt';
import {
  type AffinePoint,
  CURVE_ORDER,
  ecAdd,
  ecDouble,
  ecMul,
  GENERATOR,
  PEDERSEN_SHIFT_POINT,
} from '../../src/curve.js';
import { ecdsaSign, getPublicKeyPoint } from '../../src/ecdsa.js';
import { CryptoError } from '../../src/errors.js';
import { createWasmCrypto, FastCrypto } from '../../src/fast/index.js';
import { poseidonMany } from '../../src/hashes.js';
import { referenceCrypto as ref } from '../../src/reference-backend.js';
import { cases, randomBits, randomFelts } from './fast-random.js';

const fast = new FastCrypto();
const wasm = createWasmCrypto(fast);

// The 100,000-input differential runs are in differential.test.ts; these compare with the reference
// directly (@scure/starknet, about 2 ms a Pedersen hash) and cover the special inputs.
describe('wasm Pedersen against the reference', () => {
  const n = cases(1000);
  const a = randomFelts(n, 1);
  const b = randomFelts(n, 2).reverse();

  it(`pedersenMany on ${n} pairs (edge values included)`, () => {
    const want = ref.pedersenMany(a, b);
    assert.deepEqual(wasm.pedersenMany(a, b), want);
    for (let i = 0; i < 200; i++) assert.equal(wasm.pedersen(a[i]!, b[i]!), want[i]);
  });

  it('small batches (per-hash Jacobian kernel) and large ones (lock-step affine kernel) agree', () => {
    // A fresh instance has no wide tables: its batches below 256 pairs take the 12-bit tables; the
    // shared one has built them (pedersenMany on 1000 pairs) and takes them for every batch.
    const fresh = new FastCrypto();
    for (const m of [1, 5, 15, 16, 17, 40]) {
      const x = a.slice(m, 2 * m);
      const y = b.slice(0, m);
      const want = ref.pedersenMany(x, y);
      assert.deepEqual(fresh.pedersenMany(x, y), want, `batch of ${m}, 12-bit tables`);
      assert.deepEqual(wasm.pedersenMany(x, y), want, `batch of ${m}`);
    }
  });

  it('large batches (wide 16-bit windows, folded top lookup) on extreme digits agree', () => {
    // From 256 pairs the kernel takes the wide tables: digits of bits 0…239 in [−2^15, 2^15] with a
    // carry, then one lookup for (carry + bits 240…247, bits 248…251), whose l runs from 0 to 256.
    const w = (d: bigint, i: number) => d << BigInt(16 * i);
    const patterns = [
      (1n << 240n) - 1n, // every digit −1 with a carry: l = 1
      (1n << 248n) - 1n, // l = 256, t = 0
      (1n << 251n) - 1n, // l = 256, t = 7
      1n << 251n, // t = 8, l = 0
      P - 1n,
      Array.from({ length: 15 }, (_, i) => w(0x8000n, i)).reduce((x, y) => x + y), // +2^15, no carry
      Array.from({ length: 15 }, (_, i) => w(0x8001n, i)).reduce((x, y) => x + y), // −(2^15 − 1), carry
      Array.from({ length: 15 }, (_, i) => w(0x7fffn, i)).reduce((x, y) => x + y), // carry into 0x7fff: 2^15
      w(0xffffn, 14), // the last window's carry alone: l = 1
      (255n << 240n) + w(0xffffn, 14), // l = 256 through the carry
      (0xfn << 244n) + (1n << 240n),
      0n,
      1n,
    ];
    const m = 300;
    const x = Array.from({ length: m }, (_, i) => (i < patterns.length ? patterns[i]! : a[i]!));
    const y = Array.from({ length: m }, (_, i) =>
      i < patterns.length
        ? patterns[patterns.length - 1 - i]!
        : i < 2 * patterns.length
          ? patterns[i - 13]!
          : b[i]!,
    );
    const want = ref.pedersenMany(x, y);
    assert.deepEqual(wasm.pedersenMany(x, y), want);
    // The same pairs in small batches: on the wide tables (now built), and on a fresh instance's 12-bit ones.
    const fresh = new FastCrypto();
    for (let i = 0; i < 2 * patterns.length; i += 20) {
      const [xs, ys] = [x.slice(i, i + 20), y.slice(i, i + 20)];
      assert.deepEqual(wasm.pedersenMany(xs, ys), want.slice(i, i + 20));
      assert.deepEqual(fresh.pedersenMany(xs, ys), want.slice(i, i + 20));
    }
  });

  it('a batch over one sub-batch (1025 pairs: sub-batches of 514 and 511, the last with an idle lane)', () => {
    const x = randomFelts(1025, 11);
    const y = randomBits(1025, 251, 12);
    assert.deepEqual(wasm.pedersenMany(x, y), ref.pedersenMany(x, y));
  });

  it('batched hashes whose lane partner has no table lookups at a step (zero digits) still agree', () => {
    // The affine kernel adds hashes 2k and 2k + 1 in SIMD lanes; a lone addition takes the scalar path.
    const x = a.slice(0, 33).map((v, i) => (i % 2 === 0 ? v : BigInt(i % 3)));
    const y = b.slice(0, 33).map((v, i) => (i % 4 === 1 ? 0n : v));
    assert.deepEqual(wasm.pedersenMany(x, y), ref.pedersenMany(x, y));
    assert.deepEqual(new FastCrypto().pedersenMany(x, y), ref.pedersenMany(x, y));
  });

  it('pedersen(0, 0) is the shift point x; empty batches work', () => {
    assert.equal(wasm.pedersen(0n, 0n), PEDERSEN_SHIFT_POINT.x);
    assert.deepEqual(wasm.pedersenMany([], []), []);
  });

  it('rejects non-felts with a typed error', () => {
    assert.throws(
      () => wasm.pedersen(P, 0n),
      (e: unknown) => e instanceof FeltError,
    );
    assert.throws(
      () => wasm.pedersen(0n, -1n),
      (e: unknown) => e instanceof FeltError,
    );
  });
});

describe('wasm Poseidon against the reference', () => {
  const n = cases(3000);
  const a = randomFelts(n, 3);
  const b = randomFelts(n, 4).reverse();

  it(`poseidon of ${n} pairs (batched)`, () => {
    const got = fast.poseidonMany(a, b);
    for (let i = 0; i < n; i++) if (got[i] !== ref.poseidon(a[i]!, b[i]!)) assert.fail(`poseidon #${i}`);
    for (let i = 0; i < 100; i++) assert.equal(wasm.poseidon(a[i]!, b[i]!), got[i]);
  });

  it('poseidonMany: the wasm and reference backends and the checked entry point agree', () => {
    const x = a.slice(0, 300);
    const y = b.slice(0, 300);
    const want = ref.poseidonMany(x, y);
    for (let i = 0; i < 5; i++) assert.equal(want[i], ref.poseidon(x[i]!, y[i]!));
    assert.deepEqual(wasm.poseidonMany(x, y), want);
    assert.deepEqual(poseidonMany(x, y), want);
    assert.deepEqual(poseidonMany([], []), []);
    assert.throws(
      () => poseidonMany([1n], []),
      (e: unknown) => e instanceof CryptoError && e.code === 'INVALID_HASH_INPUT',
    );
    assert.throws(
      () => poseidonMany([P], [0n]),
      (e: unknown) => e instanceof CryptoError && e.code === 'INVALID_HASH_INPUT',
    );
  });

  it('permutation on random and edge states', () => {
    for (let i = 0; i + 2 < Math.min(n, cases(3000)); i += 3) {
      const s: [bigint, bigint, bigint] = [a[i]!, b[i + 1]!, a[i + 2]!];
      assert.deepEqual(wasm.poseidonPermute(s), ref.poseidonPermute(s));
    }
  });

  it('sponge over arrays of every length 0…40 and random longer ones', () => {
    for (let len = 0; len <= 40; len++) {
      const xs = a.slice(len, 2 * len);
      assert.equal(wasm.poseidonArray(xs), ref.poseidonArray(xs), `length ${len}`);
    }
    for (let k = 0; k < 20; k++) {
      const xs = b.slice(k * 50, k * 50 + 37 + k * 11);
      assert.equal(wasm.poseidonArray(xs), ref.poseidonArray(xs));
    }
  });
});

const key = (i: number): bigint => (randomBits(1, 251, 1000 + i)[0]! % (CURVE_ORDER - 1n)) + 1n;

describe('wasm ECDSA verification against the reference', () => {
  const n = cases(150);
  const keys = Array.from({ length: 8 }, (_, i) => key(i));
  const pubs = keys.map(getPublicKeyPoint);
  const hashes = randomBits(n, 251, 7);

  it(`${n} valid signatures verify; tampered hash, r, s and key do not`, () => {
    for (let i = 0; i < n; i++) {
      const k = i % keys.length;
      const h = hashes[i]!;
      const { r, s } = ecdsaSign(h, keys[k]!);
      const pub = pubs[k]!;
      assert.equal(wasm.ecdsaVerifyPoint(h, r, s, pub), true);
      const cases: [bigint, bigint, bigint, AffinePoint][] = [
        [h ^ 1n, r, s, pub],
        [h, r + 1n, s, pub],
        [h, r, s === 1n ? 2n : s - 1n, pub],
        [h, r, s, pubs[(k + 1) % keys.length]!],
        [h, r, s, { x: pub.x, y: P - pub.y }],
      ];
      for (const [hh, rr, ss, pk] of cases) {
        assert.equal(wasm.ecdsaVerifyPoint(hh, rr, ss, pk), ref.ecdsaVerifyPoint(hh, rr, ss, pk));
      }
    }
  });

  it('range rules match the reference (r, s, w = 1/s, hash, off-curve key)', () => {
    const h = hashes[0]!;
    const { r, s } = ecdsaSign(h, keys[0]!);
    const pub = pubs[0]!;
    const tries: [bigint, bigint, bigint, AffinePoint][] = [
      [h, 0n, s, pub],
      [h, r, 0n, pub],
      [h, 1n << 251n, s, pub],
      [h, r, CURVE_ORDER, pub],
      [h, r, CURVE_ORDER - 1n, pub],
      [1n << 251n, r, s, pub],
      [h, r, s, { x: pub.x, y: pub.y + 1n }],
      [h, r, s, { x: P, y: pub.y }],
      [0n, r, s, pub],
    ];
    for (const [hh, rr, ss, pk] of tries) {
      assert.equal(
        wasm.ecdsaVerifyPoint(hh, rr, ss, pk),
        ref.ecdsaVerifyPoint(hh, rr, ss, pk),
        `${hh} ${rr} ${ss}`,
      );
    }
  });
});

describe('wasm ec_op (P + m·Q) against the reference', () => {
  const n = cases(150);
  const scalars = randomBits(n, 252, 9);
  const points = Array.from({ length: 6 }, (_, i) => ecMul(key(50 + i), GENERATOR)!);

  it(`${n} random P + m·Q`, () => {
    for (let i = 0; i < n; i++) {
      const p = points[i % 6]!;
      const q = points[(i + 1) % 6]!;
      assert.deepEqual(wasm.ecMulAdd(p, scalars[i]!, q), ref.ecMulAdd(p, scalars[i]!, q));
    }
  });

  it('infinity, zero scalar, doubling and cancellation cases', () => {
    const q = points[0]!;
    const negQ = { x: q.x, y: P - q.y };
    const three = ecMul(3n, q)!;
    const tries: [AffinePoint | null, bigint, AffinePoint | null][] = [
      [null, 5n, q],
      [q, 5n, null],
      [null, 0n, q],
      [q, 0n, q],
      [null, 1n, q],
      [q, 1n, q], // doubling inside the addition
      [negQ, 1n, q], // P = −Q: infinity
      [{ x: three.x, y: P - three.y }, 3n, q], // P = −3Q: infinity
      [q, CURVE_ORDER, q], // n·Q = infinity
      [q, CURVE_ORDER - 1n, q],
      [null, (1n << 256n) - 1n, q],
      [q, 1n << 256n, q], // beyond the kernel's scalar width: reference path
      [{ x: 1n, y: 2n }, 7n, q], // off the curve: reference path
    ];
    for (const [p, m, qq] of tries)
      assert.deepEqual(wasm.ecMulAdd(p, m, qq), ref.ecMulAdd(p, m, qq), `m = ${m}`);
  });
});

describe('wasm point addition and doubling against the reference', () => {
  it('random points, infinity, P + P and P + (−P)', () => {
    const pts = Array.from({ length: 40 }, (_, i) => ecMul(key(100 + i), GENERATOR)!);
    for (let i = 0; i < pts.length; i++) {
      const p = pts[i]!;
      const q = pts[(i + 1) % pts.length]!;
      assert.deepEqual(fast.ecAdd(p, q), ecAdd(p, q));
      assert.deepEqual(fast.ecDouble(p), ecDouble(p));
    }
    const p = pts[0]!;
    assert.deepEqual(fast.ecAdd(p, p), ecDouble(p));
    assert.equal(fast.ecAdd(p, { x: p.x, y: P - p.y }), null);
    assert.deepEqual(fast.ecAdd(null, p), p);
    assert.deepEqual(fast.ecAdd(p, null), p);
    assert.equal(fast.ecDouble(null), null);
  });
});

describe('FastCrypto instances', () => {
  it('are independent (one per worker)', () => {
    const other = new FastCrypto();
    assert.equal(other.pedersen(1n, 2n), fast.pedersen(1n, 2n));
    assert.equal(other.poseidon(1n, 2n), ref.poseidon(1n, 2n));
  });
});

describe('precomputed-table paths of ec_op and ECDSA against the reference', () => {
  const n = cases(120);
  const scalars = randomBits(n, 252, 21);

  it(`${n} P + m·G through the generator's table (P random, infinity, −m·G)`, () => {
    const ps = Array.from({ length: 4 }, (_, i) => ecMul(key(200 + i), GENERATOR)!);
    for (let i = 0; i < n; i++) {
      const m = scalars[i]!;
      const p = i % 5 === 4 ? null : ps[i % 4]!;
      assert.deepEqual(wasm.ecMulAdd(p, m, GENERATOR), ref.ecMulAdd(p, m, GENERATOR), `#${i}`);
    }
    const mG = ecMul(12345n, GENERATOR)!;
    const tries: [AffinePoint | null, bigint][] = [
      [null, 0n],
      [mG, 0n],
      [null, 1n],
      [GENERATOR, 1n], // doubling
      [{ x: mG.x, y: P - mG.y }, 12345n], // cancels to infinity
      [mG, CURVE_ORDER],
      [mG, CURVE_ORDER - 1n],
      [null, (1n << 252n) - 1n],
      [null, 1n << 252n], // beyond the table's width: the variable-base kernel
      [{ x: 1n, y: 2n }, 7n], // P off the curve: reference path
    ];
    for (const [p, m] of tries)
      assert.deepEqual(wasm.ecMulAdd(p, m, GENERATOR), ref.ecMulAdd(p, m, GENERATOR), `m = ${m}`);
  });

  it('repeated bases get cached tables (more bases than slots: eviction) and stay exact', () => {
    const own = new FastCrypto();
    const bases = Array.from({ length: 11 }, (_, i) => ecMul(key(300 + i), GENERATOR)!);
    const p = ecMul(key(400), GENERATOR)!;
    for (let round = 0; round < 4; round++) {
      for (let j = 0; j < bases.length; j++) {
        const m = scalars[(round * 11 + j) % n]!;
        const q = bases[j]!;
        assert.deepEqual(own.ecMulAdd(p, m, q), ref.ecMulAdd(p, m, q), `round ${round} base ${j}`);
      }
    }
    assert.equal(own.points.size, 8);
    const q = bases[10]!;
    for (const [pp, m] of [
      [null, 0n],
      [q, 1n],
      [{ x: q.x, y: P - q.y }, 1n],
      [p, CURVE_ORDER],
      [{ x: 1n, y: 2n }, 3n],
    ] as [AffinePoint | null, bigint][]) {
      assert.deepEqual(own.ecMulAdd(pp, m, q), ref.ecMulAdd(pp, m, q), `m = ${m}`);
    }
  });

  it('a public key used again verifies through its table, both ways', () => {
    const own = new FastCrypto();
    const k = key(500);
    const pub = getPublicKeyPoint(k);
    const negPub = { x: pub.x, y: P - pub.y };
    const hashes = randomBits(cases(40), 251, 22);
    for (const h of hashes) {
      const { r, s } = ecdsaSign(h, k);
      assert.equal(own.ecdsaVerifyPoint(h, r, s, pub), true);
      for (const [hh, rr, ss, pk] of [
        [h ^ 2n, r, s, pub],
        [h, r, s, negPub],
        [h, r + 1n, s, pub],
      ] as [bigint, bigint, bigint, AffinePoint][]) {
        assert.equal(own.ecdsaVerifyPoint(hh, rr, ss, pk), ref.ecdsaVerifyPoint(hh, rr, ss, pk));
      }
    }
    assert.equal(own.points.size, 2);
    const offCurve = { x: pub.x, y: pub.y ^ 1n };
    const { r, s } = ecdsaSign(hashes[0]!, k);
    for (let i = 0; i < 3; i++) assert.equal(own.ecdsaVerifyPoint(hashes[0]!, r, s, offCurve), false);
    assert.equal(own.points.size, 2);
  });
});

describe('wasm inverse modulo the curve order', () => {
  it('a·a⁻¹ ≡ 1 (mod n) with a⁻¹ < n on random and edge values; out-of-range input is rejected', () => {
    const values = [1n, 2n, CURVE_ORDER - 1n, CURVE_ORDER - 2n, (1n << 251n) - 1n, 1n << 200n, 1n << 64n];
    for (const x of randomBits(cases(20_000), 252, 23))
      if (x % CURVE_ORDER !== 0n) values.push(x % CURVE_ORDER);
    for (const a of values) {
      const w = fast.invModOrder(a);
      if (w >= CURVE_ORDER || (a * w) % CURVE_ORDER !== 1n) assert.fail(`inverse of ${a}`);
    }
    for (const bad of [0n, CURVE_ORDER, -1n])
      assert.throws(
        () => fast.invModOrder(bad),
        (e: unknown) => e instanceof CryptoError && e.code === 'INVALID_SIGNATURE_INPUT',
      );
  });
});
