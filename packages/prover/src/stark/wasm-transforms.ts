import { type FastField, inv, P, rootOfUnity } from '@starling/felt';
import { ProverError } from '../errors.js';

/** Limbs per element (as in vec-field.ts, which imports this file). */
const LIMBS = 8;
const BYTES = LIMBS * 4;
/** Cap on the cached tables of one thread (bytes); past it the cache starts over. */
const CACHE_BYTES = 256 << 20;

/**
 * Coset transforms on the felt WASM kernels with their tables cached per thread: the twiddles ω^k
 * (k < n/2) per size, and per (size, shift) the factors the coefficients are multiplied by (shift^j
 * forward; shift^−j/n inverse). The felt package's transform recomputes both on every call (3n/2
 * to 5n/2 products, a third of a size-2^14 transform); here one vector product remains.
 */
export class CachedTransforms {
  private readonly tables = new Map<string, Uint32Array>();
  private bytes = 0;

  constructor(private readonly f: FastField) {}

  /** Coefficients → evaluations on shift·⟨ω⟩ (Montgomery form, natural order). */
  cosetNtt(coeffs: Uint32Array, shift: bigint, out?: Uint32Array): Uint32Array {
    return this.run(coeffs, shift, false, out);
  }

  /** Evaluations on shift·⟨ω⟩ → coefficients. */
  cosetIntt(evals: Uint32Array, shift: bigint, out?: Uint32Array): Uint32Array {
    return this.run(evals, shift, true, out);
  }

  private run(a: Uint32Array, shift: bigint, inverse: boolean, out?: Uint32Array): Uint32Array {
    const n = a.length / LIMBS;
    const logN = Math.log2(n);
    if (!Number.isInteger(logN) || logN < 1 || logN > 24)
      throw new ProverError('INVALID_OPTIONS', `transform size ${n} is not a power of two in [2, 2^24]`);
    if (shift % P === 0n) throw new ProverError('INVALID_OPTIONS', 'coset shift is zero');
    const k = this.f.kernels;
    const half = n >> 1;
    const tw = this.table(`w${logN}`, half, rootOfUnity(logN), 1n);
    // Forward: a_j·shift^j, then the transform. Inverse: the transform, then a_j·shift^−j/n.
    const factors =
      !inverse && shift === 1n
        ? null
        : inverse
          ? this.table(`i${logN}:${shift}`, n, inv(shift % P), inv(BigInt(n)))
          : this.table(`f${logN}:${shift}`, n, shift % P, 1n);
    const base = this.f.base;
    const pt = base;
    const pf = pt + half * BYTES;
    const pa = pf + (factors ? n * BYTES : 0);
    this.f.mem.ensure(pa + n * BYTES);
    const u32 = this.f.mem.u32;
    u32.set(tw, pt >>> 2);
    if (factors) u32.set(factors, pf >>> 2);
    u32.set(a, pa >>> 2);
    if (factors && !inverse) k.vecMul(pa, pa, pf, n);
    k.ntt(pa, logN, pt, inverse ? 1 : 0);
    if (factors && inverse) k.vecMul(pa, pa, pf, n);
    const result = out ?? new Uint32Array(n * LIMBS);
    if (result.length !== n * LIMBS) throw new ProverError('INVALID_OPTIONS', 'output has the wrong length');
    result.set(u32.subarray(pa >>> 2, (pa >>> 2) + n * LIMBS));
    return result;
  }

  /** first·g^i for i < count, Montgomery form, cached under `key`. */
  private table(key: string, count: number, g: bigint, first: bigint): Uint32Array {
    let t = this.tables.get(key);
    if (t) return t;
    const base = this.f.base;
    const pg = base;
    const ps = pg + BYTES;
    const pr = ps + BYTES;
    this.f.mem.ensure(pr + count * BYTES);
    this.f.writeMont(pg, g);
    this.f.writeMont(ps, first);
    this.f.kernels.powers(pr, pg, count);
    if (first !== 1n) this.f.kernels.vecScale(pr, pr, ps, count);
    t = this.f.mem.u32.slice(pr >>> 2, (pr >>> 2) + count * LIMBS);
    if (this.bytes + t.byteLength > CACHE_BYTES) {
      this.tables.clear();
      this.bytes = 0;
    }
    this.tables.set(key, t);
    this.bytes += t.byteLength;
    return t;
  }
}
