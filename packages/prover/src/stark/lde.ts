import { ldePool } from '../parallel/hash-pool.js';
import { extendSubCoset, type LdeJob } from './lde-kernel.js';
import { type MerkleHasher, MerkleTree } from './merkle.js';
import { LIMBS, readCanonical, u64, type VecField } from './vec-field.js';

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
  /** Canonical limbs in sub-coset-major order (position k·n + i). */
  readonly values: Uint32Array[];
  readonly tree: MerkleTree;
  private readonly views: BigUint64Array[];

  /** coeffs: internal-form coefficient arrays of length n (kept for OODS and DEEP). */
  constructor(
    readonly coeffs: Uint32Array[],
    readonly n: number,
    readonly blowup: number,
    vf: VecField,
    hasher: MerkleHasher,
  ) {
    this.N = n * blowup;
    const job: LdeJob = {
      coeffs: coeffs.map((c) => {
        const s = shared(n);
        s.set(vf.canonical(c));
        return s;
      }),
      values: coeffs.map(() => shared(this.N)),
      n,
      blowup,
      digests: new Uint8Array(new SharedArrayBuffer((this.N >> 1) * 32)),
      hash: hasher.name,
      field: vf.name,
    };
    const pool = n >= 1024 ? ldePool() : null;
    if (pool) pool.extendLde(job);
    else for (let k = 0; k < blowup; k++) extendSubCoset(vf, job, k);
    this.values = job.values;
    this.views = this.values.map(u64);
    this.tree = new MerkleTree(job.digests!, hasher);
  }

  /** Interpolates trace columns (bigint values on ⟨ω_n⟩), extends and commits them. */
  static fromColumns(
    columns: readonly (readonly bigint[])[],
    blowup: number,
    vf: VecField,
    hasher: MerkleHasher,
  ): LdeColumns {
    const n = columns[0]!.length;
    const coeffs = columns.map((c) => vf.cosetIntt(vf.fromBigints(c), 1n));
    return new LdeColumns(coeffs, n, blowup, vf, hasher);
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

  /** Opened rows: for each leaf j, [col0(j), col0(j+N/2), col1(j), …]. */
  rows(leaves: readonly number[]): bigint[][] {
    const half = this.N >> 1;
    return leaves.map((j) => {
      const row: bigint[] = [];
      for (let c = 0; c < this.width; c++) row.push(this.at(c, j), this.at(c, j + half));
      return row;
    });
  }
}
