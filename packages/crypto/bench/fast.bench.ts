// WASM crypto kernels against the reference backend (@scure/starknet), same run, per CPU-second.

import { P } from '@starling/felt';
import { cpuOpsPerSecond as opsPerSecond, report, selected } from '../../../scripts/bench-kit.ts';
import { GENERATOR } from '../src/curve.js';
import { ecdsaSign, getPublicKeyPoint } from '../src/ecdsa.js';
import { createWasmCrypto, FastCrypto, getFastCrypto } from '../src/fast/index.js';
import { referenceCrypto as ref } from '../src/reference-backend.js';

const fast = getFastCrypto();
if (!fast) throw new Error('crypto.wasm is not built: run npm run build');
const wasm = createWasmCrypto(fast);

const a = 0x3d937c035c878245caf64531a5756109c53068da139362728feb561405371cbn;
const b = 0x208a0a10250e382e1e4bbe2880906c2791bf6275695e02fbbc6aeff9cd8b31an;
const batchA = Array.from({ length: 1024 }, (_, i) => a - BigInt(i));
const batchB = Array.from({ length: 1024 }, (_, i) => b + BigInt(i));
const vs = (value: number) => ({ value, label: 'reference' });

if (selected('fast pedersen')) {
  let x = a;
  const ours = opsPerSecond(() => {
    x = wasm.pedersen(x, b);
  });
  let y = a;
  const theirs = opsPerSecond(() => {
    y = ref.pedersen(y, b);
  });
  report('fast pedersen', ours, 'hashes/s', vs(theirs));
  const many = opsPerSecond(() => wasm.pedersenMany(batchA, batchB), batchA.length);
  report('fast pedersen batch (1024 pairs per call)', many, 'hashes/s', vs(theirs));
  // Trie nodes hash unrelated values: their table lookups scatter over the windows.
  const randomA = Array.from(
    { length: 1024 },
    (_, i) => (a * BigInt(i + 1) * 0x9e3779b97f4a7c15n) % (1n << 251n),
  );
  const randomB = Array.from(
    { length: 1024 },
    (_, i) => (b * BigInt(i + 7) * 0x94d049bb133111ebn) % (1n << 251n),
  );
  const scattered = opsPerSecond(() => wasm.pedersenMany(randomA, randomB), randomA.length);
  report('fast pedersenMany (1024 random pairs per call)', scattered, 'hashes/s', vs(theirs));
  // A trie commit's level of a large block: the kernel's sub-batches and the wide tables' cache misses.
  const bigA = Array.from(
    { length: 8192 },
    (_, i) => (a * BigInt(i + 3) * 0xbf58476d1ce4e5b9n) % (1n << 251n),
  );
  const bigB = Array.from({ length: 8192 }, (_, i) => (b * BigInt(i + 5) * 0xd6e8feb86659fd93n) % P);
  const big = opsPerSecond(() => wasm.pedersenMany(bigA, bigB), bigA.length);
  report('fast pedersenMany (8192 random pairs per call)', big, 'hashes/s', vs(theirs));
  // The same pairs as 32-byte big-endian words (as trie records hold them): no bigints either way.
  const words = (xs: bigint[]) => {
    const out = new Uint8Array(32 * xs.length);
    const view = new DataView(out.buffer);
    xs.forEach((x, i) => {
      for (let o = 24; o >= 0; o -= 8, x >>= 64n) view.setBigUint64(32 * i + o, BigInt.asUintN(64, x));
    });
    return out;
  };
  const [wa, wb, wo] = [words(bigA), words(bigB), new Uint8Array(32 * bigA.length)];
  const bytes = opsPerSecond(() => wasm.pedersenManyBytes!(wa, wb, wo), bigA.length);
  report('fast pedersenManyBytes (8192 random pairs per call)', bytes, 'hashes/s', vs(theirs));
}

if (selected('fast poseidon')) {
  // Each timed call chains 16 single hashes: the CPU clock read after each call (about 0.7 µs, mostly
  // system time) would otherwise count in every hash.
  let x = a;
  const ours = opsPerSecond(() => {
    for (let k = 0; k < 16; k++) x = wasm.poseidon(x, b);
  }, 16);
  let y = a;
  const theirs = opsPerSecond(() => {
    for (let k = 0; k < 16; k++) y = ref.poseidon(y, b);
  }, 16);
  report('fast poseidon', ours, 'hashes/s', vs(theirs));
  const many = opsPerSecond(() => wasm.poseidonMany(batchA, batchB), batchA.length);
  report('fast poseidonMany (1024 pairs per call)', many, 'hashes/s', vs(theirs));
  const arr = batchA.slice(0, 10);
  const ours10 = opsPerSecond(() => wasm.poseidonArray(arr));
  const theirs10 = opsPerSecond(() => ref.poseidonArray(arr));
  report('fast poseidonArray (10 felts)', ours10, 'hashes/s', vs(theirs10));
}

if (selected('fast ecdsa')) {
  // 64 distinct keys in turn (each seen once per 64 calls: no cached table), and one repeated key.
  const keys = Array.from(
    { length: 64 },
    (_, i) => 0x3c1e9550e66958296d11b60f8e8e7a7ad990d07fa6n + BigInt(i),
  );
  const pubs = keys.map(getPublicKeyPoint);
  const sigs = keys.map((k) => ecdsaSign(a >> 4n, k));
  const fresh = new FastCrypto();
  let i = 0;
  const ours = opsPerSecond(() => {
    const k = i++ & 63;
    fresh.ecdsaVerifyPoint(a >> 4n, sigs[k]!.r, sigs[k]!.s, pubs[k]!);
  });
  const theirs = opsPerSecond(() => ref.ecdsaVerifyPoint(a >> 4n, sigs[0]!.r, sigs[0]!.s, pubs[0]!));
  report('fast ecdsa verify (key not cached)', ours, 'verifications/s', vs(theirs));
  const cached = opsPerSecond(() => wasm.ecdsaVerifyPoint(a >> 4n, sigs[1]!.r, sigs[1]!.s, pubs[1]!));
  report('fast ecdsa verify (repeated key, cached table)', cached, 'verifications/s', vs(theirs));
}

if (selected('fast ec_op')) {
  const qs = Array.from({ length: 64 }, (_, i) => getPublicKeyPoint(12345n + BigInt(i)));
  const fresh = new FastCrypto();
  let i = 0;
  const ours = opsPerSecond(() => fresh.ecMulAdd(GENERATOR, a, qs[i++ & 63]!));
  const theirs = opsPerSecond(() => ref.ecMulAdd(GENERATOR, a, qs[0]!));
  report('fast ec_op (P + m·Q, Q not cached)', ours, 'ops/s', vs(theirs));
  const p = qs[1]!;
  const fixed = opsPerSecond(() => wasm.ecMulAdd(p, a, GENERATOR));
  const theirsG = opsPerSecond(() => ref.ecMulAdd(p, a, GENERATOR));
  report('fast ec_op fixed base (Q = G)', fixed, 'ops/s', vs(theirsG));
  const cached = opsPerSecond(() => wasm.ecMulAdd(GENERATOR, a, qs[2]!));
  report('fast ec_op cached Q (repeated base)', cached, 'ops/s', vs(theirs));
}
