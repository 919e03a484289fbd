import { GENERATOR, P, pow, rootOfUnity } from '@starling/felt';
import { type MerkleHasher, MerkleTree } from './merkle.js';
import { LIMBS, readCanonical, u64, type VecField } from './vec-field.js';

/**
 * Low-degree extensions of trace columns on the coset g·⟨ω_N⟩ (N = n·blowup), computed coset by coset:
 * LDE index j = k + blowup·i is point i of the sub-coset g·ω_N^k·⟨ω_n⟩, so each sub-coset is one
 * size-n transform, and the trace's next row (j + blowup) stays inside it (i + 1).
 * `values[c]` holds canonical limbs in sub-coset-major order (position k·n + i).
 */
export class LdeColumns {
  readonly N: number;
  readonly values: Uint32Array[];
  private readonly views: BigUint64Array[];

  /** coeffs: internal-form coefficient arrays of length n (kept for OODS and DEEP). */
  constructor(
    readonly coeffs: Uint32Array[],
    readonly n: number,
    readonly blowup: number,
    vf: VecField,
  ) {
    this.N = n * blowup;
    this.values = coeffs.map(() => new Uint32Array(this.N * LIMBS));
    for (let k = 0; k < blowup; k++) {
      const shift = cosetShift(k, this.N);
      coeffs.forEach((c, col) => {
        this.values[col]!.set(vf.canonical(vf.cosetNtt(c, shift)), k * n * LIMBS);
      });
    }
    this.views = this.values.map(u64);
  }

  /** Interpolates trace columns (bigint values on ⟨ω_n⟩) and extends them. */
  static fromColumns(columns: readonly (readonly bigint[])[], blowup: number, vf: VecField): LdeColumns {
    const n = columns[0]!.length;
    const coeffs = columns.map((c) => vf.cosetIntt(vf.fromBigints(c), 1n));
    return new LdeColumns(coeffs, n, blowup, vf);
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

  /** Merkle tree whose leaf j < N/2 holds rows j and j + N/2 of every column (big-endian words). */
  commit(hasher: MerkleHasher): MerkleTree {
    const half = this.N >> 1;
    const width = this.width;
    const leafBytes = width * 64;
    return MerkleTree.fromLeafBytes(
      half,
      leafBytes,
      (from, to, buf) => {
        const out = new Uint32Array(buf.buffer, buf.byteOffset, buf.byteLength >> 2);
        for (let j = from; j < to; j++) {
          const p0 = this.pos(j) * LIMBS;
          const p1 = this.pos(j + half) * LIMBS;
          let o = (j - from) * width * 16;
          for (let c = 0; c < width; c++) {
            const v = this.values[c]!;
            // Big-endian word: limbs from the most significant, each byte-swapped.
            for (let l = 0; l < LIMBS; l++) out[o + l] = bswap(v[p0 + 7 - l]!);
            for (let l = 0; l < LIMBS; l++) out[o + 8 + l] = bswap(v[p1 + 7 - l]!);
            o += 16;
          }
        }
      },
      hasher,
    );
  }

  /** Opened rows: for each unique sorted leaf, [col0(j), col0(j+N/2), col1(j), …]. */
  rows(leaves: readonly number[]): bigint[][] {
    const half = this.N >> 1;
    return leaves.map((j) => {
      const row: bigint[] = [];
      for (let c = 0; c < this.width; c++) row.push(this.at(c, j), this.at(c, j + half));
      return row;
    });
  }
}

function bswap(x: number): number {
  return ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);
}

/** g·ω_N^k: the shift of sub-coset k. */
export function cosetShift(k: number, N: number): bigint {
  return (GENERATOR * pow(rootOfUnity(Math.log2(N)), BigInt(k))) % P;
}
