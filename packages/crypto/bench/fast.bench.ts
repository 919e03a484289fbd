// WASM crypto kernels against the reference backend (@scure/starknet), same run, per CPU-second.

import { cpuOpsPerSecond as opsPerSecond, report, selected } from '../../../scripts/bench-kit.ts';
import { GENERATOR } from '../src/curve.js';
import { ecdsaSign, getPublicKeyPoint } from '../src/ecdsa.js';
import { createWasmCrypto, getFastCrypto } from '../src/fast/index.js';
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
}

if (selected('fast poseidon')) {
  let x = a;
  const ours = opsPerSecond(() => {
    x = wasm.poseidon(x, b);
  });
  let y = a;
  const theirs = opsPerSecond(() => {
    y = ref.poseidon(y, b);
  });
  report('fast poseidon', ours, 'hashes/s', vs(theirs));
  const many = opsPerSecond(() => fast.poseidonMany(batchA, batchB), batchA.length);
  report('fast poseidon batch (1024 pairs per call)', many, 'hashes/s', vs(theirs));
  const arr = batchA.slice(0, 10);
  const ours10 = opsPerSecond(() => wasm.poseidonArray(arr));
  const theirs10 = opsPerSecond(() => ref.poseidonArray(arr));
  report('fast poseidonArray (10 felts)', ours10, 'hashes/s', vs(theirs10));
}

if (selected('fast ecdsa')) {
  const key = 0x3c1e9550e66958296d11b60f8e8e7a7ad990d07fa65d5f7652c4a6c87d4e3ccn;
  const pub = getPublicKeyPoint(key);
  const sig = ecdsaSign(a >> 4n, key);
  const ours = opsPerSecond(() => wasm.ecdsaVerifyPoint(a >> 4n, sig.r, sig.s, pub));
  const theirs = opsPerSecond(() => ref.ecdsaVerifyPoint(a >> 4n, sig.r, sig.s, pub));
  report('fast ecdsa verify', ours, 'verifications/s', vs(theirs));
}

if (selected('fast ec_op')) {
  const q = getPublicKeyPoint(12345n);
  const ours = opsPerSecond(() => wasm.ecMulAdd(GENERATOR, a, q));
  const theirs = opsPerSecond(() => ref.ecMulAdd(GENERATOR, a, q));
  report('fast ec_op (P + m·Q)', ours, 'ops/s', vs(theirs));
}
