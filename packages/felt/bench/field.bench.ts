// Fast (WASM) field kernels against the BigInt reference, measured in the same run (per CPU-second).

import {
  cpuMedianMs as medianMs,
  cpuOpsPerSecond as opsPerSecond,
  report,
  selected,
} from '../../../scripts/bench-kit.ts';
import { fastInv, fastSqrt, getFastField } from '../src/fast/index.js';
import { add, batchInverse, inv, mul, P, rootOfUnity, sqrt } from '../src/field.js';

const ff = getFastField();
if (!ff) throw new Error('felt.wasm is not built: run npm run build');

function randomFelts(n: number): bigint[] {
  const out: bigint[] = [];
  let s = 0x9e3779b97f4a7c15n;
  for (let i = 0; i < n; i++) {
    s = (s * 0x5851f42d4c957f2dn + 0x14057b7ef767814fn) & ((1n << 256n) - 1n);
    out.push(s % P);
  }
  return out;
}

const N = 1 << 16;
const xs = randomFelts(N);
const ys = randomFelts(2 * N).slice(N);

if (selected('felt mul')) {
  const A = ff.encode(xs);
  const B = ff.encode(ys);
  const out = new Uint32Array(A.length);
  const fast = opsPerSecond(() => ff.mul(A, B, out), N);
  const ref = opsPerSecond(() => {
    for (let i = 0; i < N; i++) mul(xs[i]!, ys[i]!);
  }, N);
  report('felt mul (batched typed arrays)', fast / 1e6, 'M/s', { value: ref / 1e6, label: 'reference' });
}

if (selected('felt add')) {
  const A = ff.encode(xs);
  const B = ff.encode(ys);
  const out = new Uint32Array(A.length);
  const fast = opsPerSecond(() => ff.add(A, B, out), N);
  const ref = opsPerSecond(() => {
    for (let i = 0; i < N; i++) add(xs[i]!, ys[i]!);
  }, N);
  report('felt add (batched typed arrays)', fast / 1e6, 'M/s', { value: ref / 1e6, label: 'reference' });
}

if (selected('felt batch inverse')) {
  const A = ff.encode(xs.map((x) => x || 1n));
  const fast = opsPerSecond(() => ff.batchInverse(A), N);
  const ref = opsPerSecond(() => batchInverse(xs.map((x) => x || 1n)), N);
  report('felt batch inverse', fast / 1e6, 'M elements/s', { value: ref / 1e6, label: 'reference' });
}

if (selected('felt inv')) {
  let i = 0;
  const fast = opsPerSecond(() => fastInv(xs[i++ & 1023]! || 1n));
  const ref = opsPerSecond(() => inv(xs[i++ & 1023]! || 1n));
  report('felt inv (single, fastInv)', fast, 'ops/s', { value: ref, label: 'reference' });
}

if (selected('felt sqrt')) {
  const squares = xs.slice(0, 256).map((x) => (x * x) % P);
  let i = 0;
  fastSqrt(squares[0]!);
  const fast = opsPerSecond(() => fastSqrt(squares[i++ & 255]!));
  const ref = opsPerSecond(() => sqrt(squares[i++ & 255]!));
  report('felt sqrt (single, fastSqrt)', fast, 'ops/s', { value: ref, label: 'reference' });
}

/** A textbook radix-2 NTT on bigints: the baseline for the WASM transform. */
function referenceNtt(a: bigint[]): bigint[] {
  const n = a.length;
  const out = a.slice();
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j |= bit;
    if (i < j) [out[i], out[j]] = [out[j]!, out[i]!];
  }
  for (let len = 2, log = 1; len <= n; len <<= 1, log++) {
    const w = rootOfUnity(log);
    const half = len >> 1;
    const tw: bigint[] = [1n];
    for (let k = 1; k < half; k++) tw.push((tw[k - 1]! * w) % P);
    for (let s = 0; s < n; s += len) {
      for (let k = 0; k < half; k++) {
        const u = out[s + k]!;
        const v = (out[s + k + half]! * tw[k]!) % P;
        out[s + k] = u + v >= P ? u + v - P : u + v;
        out[s + k + half] = u >= v ? u - v : u - v + P;
      }
    }
  }
  return out;
}

if (selected('ntt')) {
  const n = 1 << 20;
  const coeffs = randomFelts(n);
  const A = ff.encode(coeffs);
  const out = new Uint32Array(A.length);
  const fast = medianMs(() => ff.ntt(A, out), 3) / 1000;
  const ref = medianMs(() => referenceNtt(coeffs), 1) / 1000;
  console.log(`(reference ntt 2^20: ${ref.toFixed(2)} s)`);
  // report() prints value / baseline; this baseline makes that the speed-up ref / fast.
  report('ntt 2^20', fast, 's', { value: (fast * fast) / ref, label: 'faster than reference' });
}
