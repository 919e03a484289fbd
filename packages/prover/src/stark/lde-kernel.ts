import { GENERATOR, P, pow, rootOfUnity } from '@starling/felt';
import type { MerkleHashName } from '../options.js';
import { merkleHasher } from './merkle.js';
import { LIMBS, type VecField } from './vec-field.js';

/**
 * One low-degree extension job in (shareable) typed arrays: canonical coefficients of each column
 * (n elements), the LDE values (N = n·blowup elements per column, sub-coset-major: position k·n + i
 * holds LDE index k + blowup·i) and, when set, the Merkle leaf digests (N × 32 bytes, one per row).
 */
export interface LdeJob {
  coeffs: Uint32Array[];
  values: Uint32Array[];
  n: number;
  blowup: number;
  digests: Uint8Array | null;
  hash: MerkleHashName;
  /** VecField name, so that workers use the same arithmetic. */
  field: string;
}

/**
 * Replaces column c's canonical evaluations on ⟨ω_n⟩ by its canonical coefficients (in place; by
 * linearity, transforming canonical limbs gives canonical results in either arithmetic).
 */
export function interpolateColumn(vf: VecField, job: LdeJob, c: number): void {
  vf.cosetIntt(job.coeffs[c]!, 1n, job.coeffs[c]!);
}

/** g·ω_N^k: the shift of sub-coset k. */
export function cosetShift(k: number, N: number): bigint {
  return (GENERATOR * pow(rootOfUnity(Math.log2(N)), BigInt(k))) % P;
}

function bswap(x: number): number {
  return ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);
}

/**
 * Evaluates every column on sub-coset k and hashes the leaves that live there: leaf j < N holds row j,
 * which is point i = j div blowup of sub-coset k = j mod blowup.
 */
export function extendSubCoset(vf: VecField, job: LdeJob, k: number): void {
  const { n, blowup } = job;
  const N = n * blowup;
  const shift = cosetShift(k, N);
  // Transforms commute with the canonical map: canonical coefficients give canonical evaluations.
  for (let c = 0; c < job.coeffs.length; c++) {
    vf.cosetNtt(job.coeffs[c]!, shift, job.values[c]!.subarray(k * n * LIMBS, (k + 1) * n * LIMBS));
  }
  if (!job.digests) return;
  const hasher = merkleHasher(job.hash);
  const width = job.values.length;
  const leaf = new Uint32Array(width * LIMBS);
  const leafBytes = new Uint8Array(leaf.buffer);
  for (let i = 0; i < n; i++) {
    const p = (k * n + i) * LIMBS;
    let o = 0;
    for (let c = 0; c < width; c++) {
      const v = job.values[c]!;
      // Big-endian words: limbs from the most significant, each byte-swapped.
      for (let l = 0; l < LIMBS; l++) leaf[o + l] = bswap(v[p + 7 - l]!);
      o += LIMBS;
    }
    hasher.leafBytes(leafBytes, job.digests, (k + blowup * i) * 32);
  }
}
