import { ldePool } from '../parallel/hash-pool.js';
import { extendSubCoset, interpolateColumn, type LdeJob } from './lde-kernel.js';
import { type MerkleHasher, MerkleTree } from './merkle.js';
import { LIMBS, readCanonical, u64, type VecField, writeCanonical } from './vec-field.js';

export { cosetShift } from './lde-kernel.js';

function shared(elements: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(elements * LIMBS * 4));
}

/**
 * Low-degree extensions of trace columns on the coset g·⟨ω_N⟩ (N = n·blowup) and their Merkle
 * commitment, computed sub-coset by sub-coset: LDE index j = k + blowup·i is point i of the sub-coset
 * g·ω_N^k·⟨ω_n⟩, so each sub-coset is one size-n transform per column, and the trace's next row
 * (j + blowup) stays inside it (i + 1). Sub-cosets go to the worker pool when one is set.
 */
export class LdeColumns {
  readonly N: number;
  readonly n: number;
  readonly blowup: number;
  /** Internal-form coefficient arrays of length n in shared memory (kept for OODS and DEEP, on the workers). */
  coeffs: Uint32Array[];
  /** Canonical limbs in sub-coset-major order (position k·n + i). */
  readonly values: Uint32Array[];
  readonly tree: MerkleTree;
  private readonly views: BigUint64Array[];

  private constructor(job: LdeJob, coeffs: Uint32Array[], vf: VecField, hasher: MerkleHasher) {
    this.n = job.n;
    this.blowup = job.blowup;
    this.N = job.n * job.blowup;
    const pool = job.n >= 1024 ? ldePool() : null;
    if (pool) pool.extendLde(job);
    else for (let k = 0; k < job.blowup; k++) extendSubCoset(vf, job, k);
    this.coeffs = coeffs;
    this.values = job.values;
    this.views = this.values.map(u64);
    this.tree = new MerkleTree(job.digests!, hasher);
  }

  private static job(
    canonical: Uint32Array[],
    n: number,
    blowup: number,
    vf: VecField,
    hasher: MerkleHasher,
  ) {
    return {
      coeffs: canonical,
      values: canonical.map(() => shared(n * blowup)),
      n,
      blowup,
      digests: new Uint8Array(new SharedArrayBuffer(n * blowup * 32)),
      hash: hasher.name,
      field: vf.name,
    };
  }

  /** Extends and commits polynomials given by internal-form coefficient arrays of length n. */
  static fromCoefficients(
    coeffs: Uint32Array[],
    n: number,
    blowup: number,
    vf: VecField,
    hasher: MerkleHasher,
  ): LdeColumns {
    const canonical = coeffs.map((c) => {
      const s = shared(n);
      s.set(vf.canonical(c));
      return s;
    });
    const kept = coeffs.map((c) => {
      const s = shared(n);
      s.set(c);
      return s;
    });
    return new LdeColumns(LdeColumns.job(canonical, n, blowup, vf, hasher), kept, vf, hasher);
  }

  /** Interpolates trace columns (bigint values on ⟨ω_n⟩), extends and commits them. */
  static fromColumns(
    columns: readonly (readonly bigint[])[],
    blowup: number,
    vf: VecField,
    hasher: MerkleHasher,
  ): LdeColumns {
    const n = columns[0]!.length;
    const canonical = columns.map((col) => {
      const s = shared(n);
      const v = u64(s);
      for (let i = 0; i < n; i++) writeCanonical(v, i, col[i]!);
      return s;
    });
    const job = LdeColumns.job(canonical, n, blowup, vf, hasher);
    // Interpolation: on the workers by column when a pool is set.
    const pool = n >= 1024 ? ldePool() : null;
    if (pool) pool.interpolate(job);
    else for (let c = 0; c < canonical.length; c++) interpolateColumn(vf, job, c);
    const coeffs = canonical.map((c) => vf.fromCanonical(c, shared(n)));
    return new LdeColumns(job, coeffs, vf, hasher);
  }

  /** Drops the coefficient arrays (after DEEP only the LDE values are read, for the openings). */
  releaseCoefficients(): void {
    this.coeffs = [];
  }

  get width(): number {
    return this.values.length;
  }

  /** Storage position of LDE index j. */
  pos(j: number): number {
    return (j % this.blowup) * this.n + Math.floor(j / this.blowup);
  }

  /** Canonical value of column c at LDE index j. */
  at(c: number, j: number): bigint {
    return readCanonical(this.views[c]!, this.pos(j));
  }

  /** Canonical limbs of column c on sub-coset k (n elements). */
  subCoset(c: number, k: number): Uint32Array {
    return this.values[c]!.subarray(k * this.n * LIMBS, (k + 1) * this.n * LIMBS);
  }

  /** Opened rows: for each leaf j, [col0(j), col1(j), …]. */
  rows(leaves: readonly number[]): bigint[][] {
    return leaves.map((j) => {
      const row: bigint[] = [];
      for (let c = 0; c < this.width; c++) row.push(this.at(c, j));
      return row;
    });
  }
}
