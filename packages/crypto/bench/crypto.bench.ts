// Reference-backend throughput (the baseline for the fast kernels), against starknet.js in the same run;
// fast.bench.ts measures the WASM backend that is active by default.
import {
  ecdsaSign,
  ecdsaVerify,
  getPublicKey,
  pedersen,
  poseidon,
  referenceCrypto,
  setCryptoBackend,
} from '@starling/crypto';
import { ec, hash, num } from 'starknet';
import { opsPerSecond, report, selected } from '../../../scripts/bench-kit.ts';

setCryptoBackend(referenceCrypto);

const a = 0x3d937c035c878245caf64531a5756109c53068da139362728feb561405371cbn;
const b = 0x208a0a10250e382e1e4bbe2880906c2791bf6275695e02fbbc6aeff9cd8b31an;

if (selected('reference pedersen')) {
  let x = a;
  const ours = opsPerSecond(() => {
    x = pedersen(x, b);
  });
  let y = num.toHex(a);
  const theirs = opsPerSecond(() => {
    y = hash.computePedersenHash(y, num.toHex(b));
  });
  report('reference pedersen', ours, 'hashes/s', { value: theirs, label: 'starknet.js' });
}

if (selected('reference poseidon')) {
  let x = a;
  const ours = opsPerSecond(() => {
    x = poseidon(x, b);
  });
  let y = a;
  const theirs = opsPerSecond(() => {
    y = BigInt(hash.computePoseidonHash(y, b));
  });
  report('reference poseidon', ours, 'hashes/s', { value: theirs, label: 'starknet.js' });
}

if (selected('reference ecdsa')) {
  const key = 0x3c1e9550e66958296d11b60f8e8e7a7ad990d07fa65d5f7652c4a6c87d4e3ccn;
  const pub = getPublicKey(key);
  const sig = ecdsaSign(a >> 2n, key);
  const ours = opsPerSecond(() => {
    ecdsaVerify(a >> 2n, sig.r, sig.s, pub);
  });
  const fullKey = ec.starkCurve.getPublicKey(num.toHex(key), false);
  const theirSig = ec.starkCurve.sign(num.toHex(a >> 2n), num.toHex(key));
  const theirs = opsPerSecond(() => {
    ec.starkCurve.verify(theirSig, num.toHex(a >> 2n), fullKey);
  });
  report('reference ecdsa verify', ours, 'verifications/s', { value: theirs, label: 'starknet.js' });
}
