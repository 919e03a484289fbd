import { FeltError } from '../errors.js';
import { inv, P, rootOfUnity } from '../field.js';
import { FeltMemory } from './felt-memory.js';
import { type FeltKernels, instantiateFeltWasm } from './felt-wasm.js';

/** Limbs per element in a felt array: 8 little-endian u32 words (32 bytes). */
export const FAST_FIELD_LIMBS = 8;
const FELT_LIMBS = FAST_FIELD_LIMBS;
const BYTES = 32;
/** Largest NTT size (log2) the kernels accept. */
export const MAX_NTT_LOG = 24;
const R = (1n << 256n) % P;
/** Elements per staging chunk of the element-wise operations (64 KiB per operand). */
const CHUNK = 2048;

function count(a: Uint32Array, what: string): number {
  if (a.length % FELT_LIMBS !== 0) {
    throw new FeltError('INVALID_LENGTH', `${what}: length ${a.length} is not a multiple of ${FELT_LIMBS}`);
  }
  return a.length / FELT_LIMBS;
}

/**
 * Stark252 vector kernels in WASM over typed arrays (8 u32 limbs per element). Arrays passed to the
 * arithmetic methods are in Montgomery form (x·2^256 mod p): use `encode`/`decode`, or
 * `toMontgomery`/`fromMontgomery` for canonical limb arrays. One instance per thread.
 */
export class FastField {
  readonly kernels: FeltKernels;
  readonly mem: FeltMemory;
  /** First byte of the scratch area every call lays out from. */
  readonly base: number;

  constructor(kernels: FeltKernels = instantiateFeltWasm()) {
    this.kernels = kernels;
    this.mem = new FeltMemory(kernels.memory);
    this.base = kernels.heapBase();
  }

  /** Copies arrays into wasm memory at consecutive slots; returns their byte offsets. */
  private stage(arrays: readonly Uint32Array[], extraElements = 0): number[] {
    let total = extraElements * BYTES;
    for (const a of arrays) total += a.length * 4;
    this.mem.ensure(this.base + total);
    const u32 = this.mem.u32;
    const ptrs: number[] = [];
    let ptr = this.base;
    for (const a of arrays) {
      u32.set(a, ptr >>> 2);
      ptrs.push(ptr);
      ptr += a.length * 4;
    }
    ptrs.push(ptr);
    return ptrs;
  }

  private unstage(ptr: number, n: number, out?: Uint32Array): Uint32Array {
    const result = out ?? new Uint32Array(n * FELT_LIMBS);
    if (result.length !== n * FELT_LIMBS)
      throw new FeltError('INVALID_LENGTH', 'output array has the wrong length');
    result.set(this.mem.u32.subarray(ptr >>> 2, (ptr >>> 2) + n * FELT_LIMBS));
    return result;
  }

  /** Canonical bigints → Montgomery-form array. */
  encode(values: readonly bigint[]): Uint32Array {
    const n = values.length;
    this.mem.ensure(this.base + n * BYTES);
    for (let i = 0; i < n; i++) this.mem.writeFelt(this.base + i * BYTES, values[i]!);
    this.kernels.vecToMont(this.base, this.base, n);
    return this.unstage(this.base, n);
  }

  /** Montgomery-form array → canonical bigints. */
  decode(a: Uint32Array): bigint[] {
    const n = count(a, 'decode');
    const [p] = this.stage([a]);
    this.kernels.vecFromMont(p!, p!, n);
    const out = new Array<bigint>(n);
    for (let i = 0; i < n; i++) out[i] = this.mem.readFelt(p! + i * BYTES);
    return out;
  }

  /** Canonical limb array (each element < p) → Montgomery form. */
  toMontgomery(a: Uint32Array, out?: Uint32Array): Uint32Array {
    const n = count(a, 'toMontgomery');
    const [p] = this.stage([a]);
    this.kernels.vecToMont(p!, p!, n);
    return this.unstage(p!, n, out);
  }

  /** Montgomery form → canonical limb array. */
  fromMontgomery(a: Uint32Array, out?: Uint32Array): Uint32Array {
    const n = count(a, 'fromMontgomery');
    const [p] = this.stage([a]);
    this.kernels.vecFromMont(p!, p!, n);
    return this.unstage(p!, n, out);
  }

  private binary(
    a: Uint32Array,
    b: Uint32Array,
    op: (r: number, x: number, y: number, n: number) => void,
    out?: Uint32Array,
  ): Uint32Array {
    const n = count(a, 'first operand');
    if (count(b, 'second operand') !== n) throw new FeltError('INVALID_LENGTH', 'operands differ in length');
    const result = out ?? new Uint32Array(a.length);
    if (result.length !== a.length)
      throw new FeltError('INVALID_LENGTH', 'output array has the wrong length');
    // Chunks small enough that the copies in and out stay in cache.
    const chunk = Math.min(n, CHUNK);
    this.mem.ensure(this.base + 2 * chunk * BYTES);
    const u32 = this.mem.u32;
    const pa = this.base;
    const pb = pa + chunk * BYTES;
    for (let start = 0; start < n; start += chunk) {
      const m = Math.min(chunk, n - start);
      const lo = start * FELT_LIMBS;
      const hi = lo + m * FELT_LIMBS;
      u32.set(a.subarray(lo, hi), pa >>> 2);
      u32.set(b.subarray(lo, hi), pb >>> 2);
      op(pa, pa, pb, m);
      result.set(u32.subarray(pa >>> 2, (pa >>> 2) + m * FELT_LIMBS), lo);
    }
    return result;
  }

  /** out[i] = a[i] + b[i]. */
  add(a: Uint32Array, b: Uint32Array, out?: Uint32Array): Uint32Array {
    return this.binary(a, b, this.kernels.vecAdd, out);
  }

  /** out[i] = a[i] − b[i]. */
  sub(a: Uint32Array, b: Uint32Array, out?: Uint32Array): Uint32Array {
    return this.binary(a, b, this.kernels.vecSub, out);
  }

  /** out[i] = a[i]·b[i]. */
  mul(a: Uint32Array, b: Uint32Array, out?: Uint32Array): Uint32Array {
    return this.binary(a, b, this.kernels.vecMul, out);
  }

  /** out[i] = a[i]². */
  square(a: Uint32Array, out?: Uint32Array): Uint32Array {
    const n = count(a, 'square');
    const [p] = this.stage([a]);
    this.kernels.vecSqr(p!, p!, n);
    return this.unstage(p!, n, out);
  }

  /** out[i] = a[i]·s for a canonical felt s. */
  scale(a: Uint32Array, s: bigint, out?: Uint32Array): Uint32Array {
    const n = count(a, 'scale');
    const [p, sp] = this.stage([a], 1);
    this.writeMont(sp!, s);
    this.kernels.vecScale(p!, p!, sp!, n);
    return this.unstage(p!, n, out);
  }

  /** out[i] = a[i]^−1; throws DIVISION_BY_ZERO naming the first zero element. */
  batchInverse(a: Uint32Array, out?: Uint32Array): Uint32Array {
    const n = count(a, 'batchInverse');
    const [p, scratch] = this.stage([a], n);
    const zero = this.kernels.vecBatchInv(p!, p!, n, scratch!);
    if (zero >= 0) {
      throw new FeltError('DIVISION_BY_ZERO', `batch inverse: element ${zero} is zero`, { index: zero });
    }
    return this.unstage(p!, n, out);
  }

  /** Writes canonical felt x at ptr in Montgomery form. */
  writeMont(ptr: number, x: bigint): void {
    this.mem.writeFelt(ptr, x);
    this.kernels.toMont(ptr, ptr);
  }

  /** Evaluations on the subgroup of size n: out[i] = Σ_j a[j]·ω^(ij), ω = rootOfUnity(log2 n). */
  ntt(coeffs: Uint32Array, out?: Uint32Array): Uint32Array {
    return this.transform(coeffs, false, 1n, out);
  }

  /** Inverse of `ntt`: coefficients from evaluations on the subgroup. */
  intt(evals: Uint32Array, out?: Uint32Array): Uint32Array {
    return this.transform(evals, true, 1n, out);
  }

  /** Evaluations on the coset shift·H: out[i] = Σ_j a[j]·(shift·ω^i)^j. */
  cosetNtt(coeffs: Uint32Array, shift: bigint, out?: Uint32Array): Uint32Array {
    return this.transform(coeffs, false, shift, out);
  }

  /** Inverse of `cosetNtt`: coefficients from evaluations on the coset shift·H. */
  cosetIntt(evals: Uint32Array, shift: bigint, out?: Uint32Array): Uint32Array {
    return this.transform(evals, true, shift, out);
  }

  private transform(a: Uint32Array, inverse: boolean, shift: bigint, out?: Uint32Array): Uint32Array {
    const n = count(a, 'ntt');
    const logN = Math.log2(n);
    if (!Number.isInteger(logN) || logN > MAX_NTT_LOG) {
      throw new FeltError('INVALID_LENGTH', `NTT size ${n} is not a power of two up to 2^${MAX_NTT_LOG}`);
    }
    if (shift === 0n) throw new FeltError('DIVISION_BY_ZERO', 'coset shift is zero');
    const k = this.kernels;
    // Layout: data, twiddles (n/2), two scalars.
    const [p, tw] = this.stage([a], Math.max(n >> 1, 1) + 2);
    const s0 = tw! + Math.max(n >> 1, 1) * BYTES;
    const s1 = s0 + BYTES;
    this.writeMont(s0, rootOfUnity(logN));
    k.powers(tw!, s0, n >> 1);
    if (!inverse && shift !== 1n) {
      this.writeMont(s1, shift);
      k.mulPowers(p!, s1, n);
    }
    k.ntt(p!, logN, tw!, inverse ? 1 : 0);
    if (inverse) {
      this.writeMont(s1, inv(BigInt(n)));
      k.vecScale(p!, p!, s1, n);
      if (shift !== 1n) {
        this.writeMont(s1, inv(shift));
        k.mulPowers(p!, s1, n);
      }
    }
    return this.unstage(p!, n, out);
  }

  /** x·R mod p as a Montgomery-form constant, for callers composing kernels. */
  static montgomery(x: bigint): bigint {
    return (x * R) % P;
  }
}
