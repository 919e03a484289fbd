import { type FastField, getFastField, inv, P } from '@starling/felt';
import { CachedTransforms } from './wasm-transforms.js';

/** Limbs per element: 8 little-endian u32 words. */
export const LIMBS = 8;

/**
 * Bulk field arithmetic over typed-array columns (8 u32 limbs per element). Each backend keeps
 * elements in its own internal form (Montgomery for WASM, canonical for BigInt); `canonical` and
 * `toBigints` leave it, `fromBigints` enters it. All transforms are on natural-order arrays.
 */
export interface VecField {
  readonly name: string;
  /** Internal-form array of `size` elements (≥ values.length, zero-padded). */
  fromBigints(values: readonly bigint[], size?: number): Uint32Array;
  /** Canonical bigints of an internal-form array. */
  toBigints(a: Uint32Array): bigint[];
  /**
   * Canonical limbs (each < p) of an internal-form array; may return `a` itself. The transforms commute
   * with this map: cosetNtt(canonical(c)) = canonical(cosetNtt(c)) (for Montgomery form, by linearity).
   */
  canonical(a: Uint32Array): Uint32Array;
  /** Internal form of a canonical limb array, into `out` when given (may be `a`); else may return `a` itself. */
  fromCanonical(a: Uint32Array, out?: Uint32Array): Uint32Array;
  /** Coefficients → evaluations on shift·⟨ω⟩ (size = a.length), into `out` or a new array. */
  cosetNtt(coeffs: Uint32Array, shift: bigint, out?: Uint32Array): Uint32Array;
  /** Evaluations on shift·⟨ω⟩ → coefficients, into `out` (may be `evals`) or a new array. */
  cosetIntt(evals: Uint32Array, shift: bigint, out?: Uint32Array): Uint32Array;
  mul(a: Uint32Array, b: Uint32Array, out?: Uint32Array): Uint32Array;
  add(a: Uint32Array, b: Uint32Array, out?: Uint32Array): Uint32Array;
  /** a·s for a canonical scalar s. */
  scale(a: Uint32Array, s: bigint, out?: Uint32Array): Uint32Array;
}

/** A 64-bit view of a limb array (4 words per element). */
export function u64(a: Uint32Array): BigUint64Array {
  return new BigUint64Array(a.buffer, a.byteOffset, a.length >> 1);
}

/** Reads element i of a canonical array through its 64-bit view. */
export function readCanonical(v: BigUint64Array, i: number): bigint {
  const o = i << 2;
  return (v[o + 3]! << 192n) | (v[o + 2]! << 128n) | (v[o + 1]! << 64n) | v[o]!;
}

const TWO64 = 1n << 64n;

/** Writes canonical x as element i through a 64-bit view (stores truncate modulo 2^64). */
export function writeCanonical(v: BigUint64Array, i: number, x: bigint): void {
  const o = i << 2;
  if (x < TWO64) {
    // Most trace cells (flags, offsets, addresses) fit one word: no shifted temporaries.
    v[o] = x;
    v[o + 1] = 0n;
    v[o + 2] = 0n;
    v[o + 3] = 0n;
    return;
  }
  v[o] = x;
  v[o + 1] = x >> 64n;
  v[o + 2] = x >> 128n;
  v[o + 3] = x >> 192n;
}

/** The WASM kernels of @starling/felt (Montgomery form). */
export function wasmVecField(f: FastField): VecField {
  const pad = (a: Uint32Array, size: number) => {
    if (a.length === size * LIMBS) return a;
    const out = new Uint32Array(size * LIMBS);
    out.set(a);
    return out;
  };
  const transforms = new CachedTransforms(f);
  return {
    name: 'wasm',
    fromBigints(values, size = values.length) {
      return pad(f.encode(values), size);
    },
    toBigints: (a) => f.decode(a),
    canonical: (a) => f.fromMontgomery(a),
    fromCanonical: (a, out) => f.toMontgomery(a, out),
    cosetNtt: (c, shift, out) => transforms.cosetNtt(c, shift, out),
    cosetIntt: (e, shift, out) => transforms.cosetIntt(e, shift, out),
    mul: (a, b, out) => f.mul(a, b, out),
    add: (a, b, out) => f.add(a, b, out),
    scale: (a, s, out) => f.scale(a, s, out),
  };
}

function toBig(a: Uint32Array): bigint[] {
  const n = a.length / LIMBS;
  const v = u64(a);
  const out = new Array<bigint>(n);
  for (let i = 0; i < n; i++) out[i] = readCanonical(v, i);
  return out;
}

function fromBig(values: readonly bigint[], size: number): Uint32Array {
  const out = new Uint32Array(size * LIMBS);
  const v = u64(out);
  for (let i = 0; i < values.length; i++) writeCanonical(v, i, values[i]!);
  return out;
}

/** Radix-2 transform on bigints (natural order in and out); `inverse` uses ω^−1, unscaled. */
function bigTransform(a: bigint[], inverse: boolean): void {
  const n = a.length;
  if (n === 1) return;
  for (let i = 0, j = 0; i < n; i++) {
    if (i < j) [a[i], a[j]] = [a[j]!, a[i]!];
    let bit = n >> 1;
    while (bit > 0 && j & bit) {
      j ^= bit;
      bit >>= 1;
    }
    j |= bit;
  }
  const tw = twiddles(Math.log2(n), inverse);
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const step = n / len;
    for (let start = 0; start < n; start += len) {
      // k = 0: the twiddle is 1, no product.
      {
        const u = a[start]!;
        const v = a[start + half]!;
        const s = u + v;
        a[start] = s >= P ? s - P : s;
        const d = u - v;
        a[start + half] = d < 0n ? d + P : d;
      }
      for (let k = 1; k < half; k++) {
        const i = start + k;
        const j = i + half;
        const u = a[i]!;
        const v = (a[j]! * tw[k * step]!) % P;
        const s = u + v;
        a[i] = s >= P ? s - P : s;
        const d = u - v;
        a[j] = d < 0n ? d + P : d;
      }
    }
  }
}

const factorCache = new Map<string, bigint[]>();
let factorCount = 0;

/** first·g^i for i < n, cached per (n, g, first) (at most about 2^22 entries in all, then started over). */
function factors(n: number, g: bigint, first: bigint): bigint[] {
  const key = `${n}/${g}/${first}`;
  let t = factorCache.get(key);
  if (!t) {
    t = new Array<bigint>(n);
    let s = first;
    for (let i = 0; i < n; i++) {
      t[i] = s;
      s = (s * g) % P;
    }
    if (factorCount + n > 1 << 22) {
      factorCache.clear();
      factorCount = 0;
    }
    factorCache.set(key, t);
    factorCount += n;
  }
  return t;
}

const twiddleCache = new Map<string, bigint[]>();

/** ω^0..ω^(n/2−1) (or the inverse root's powers), cached per size. */
function twiddles(logN: number, inverse: boolean): bigint[] {
  const key = `${logN}/${inverse}`;
  let tw = twiddleCache.get(key);
  if (!tw) {
    const w = rootOf(logN, inverse);
    tw = new Array<bigint>(1 << (logN - 1));
    tw[0] = 1n;
    for (let i = 1; i < tw.length; i++) tw[i] = (tw[i - 1]! * w) % P;
    twiddleCache.set(key, tw);
  }
  return tw;
}

const roots = new Map<string, bigint>();
function rootOf(logN: number, inverse: boolean): bigint {
  const key = `${logN}/${inverse}`;
  let r = roots.get(key);
  if (r === undefined) {
    // ω_n = 3^((p−1)/n); the inverse root is its inverse.
    const w = powMod(3n, (P - 1n) >> BigInt(logN));
    r = inverse ? inv(w) : w;
    roots.set(key, r);
  }
  return r;
}

function powMod(b: bigint, e: bigint): bigint {
  let r = 1n;
  let x = b % P;
  let k = e;
  while (k > 0n) {
    if (k & 1n) r = (r * x) % P;
    x = (x * x) % P;
    k >>= 1n;
  }
  return r;
}

/** The BigInt reference arithmetic (canonical limbs, every operation through bigints). */
export const bigintVecField: VecField = {
  name: 'bigint',
  fromBigints: (values, size = values.length) => fromBig(values, size),
  toBigints: toBig,
  canonical: (a) => a,
  fromCanonical(a, out) {
    if (!out) return a;
    if (out !== a) out.set(a);
    return out;
  },
  cosetNtt(coeffs, shift, out) {
    const a = toBig(coeffs);
    if (shift !== 1n) {
      const f = factors(a.length, shift % P, 1n);
      for (let i = 1; i < a.length; i++) a[i] = (a[i]! * f[i]!) % P;
    }
    bigTransform(a, false);
    const r = fromBig(a, a.length);
    if (out) out.set(r);
    return out ?? r;
  },
  cosetIntt(evals, shift, out) {
    const a = toBig(evals);
    bigTransform(a, true);
    const f = factors(a.length, inv(shift % P), inv(BigInt(a.length)));
    for (let i = 0; i < a.length; i++) a[i] = (a[i]! * f[i]!) % P;
    const r = fromBig(a, a.length);
    if (out) out.set(r);
    return out ?? r;
  },
  mul: (a, b, out) => binary(a, b, out, (x, y) => (x * y) % P),
  add: (a, b, out) =>
    binary(a, b, out, (x, y) => {
      const s = x + y;
      return s >= P ? s - P : s;
    }),
  scale(a, s, out) {
    const r = out ?? new Uint32Array(a.length);
    const va = u64(a);
    const vr = u64(r);
    for (let i = 0; i < a.length / LIMBS; i++) writeCanonical(vr, i, (readCanonical(va, i) * s) % P);
    return r;
  },
};

function binary(
  a: Uint32Array,
  b: Uint32Array,
  out: Uint32Array | undefined,
  op: (x: bigint, y: bigint) => bigint,
): Uint32Array {
  const r = out ?? new Uint32Array(a.length);
  const [va, vb, vr] = [u64(a), u64(b), u64(r)];
  for (let i = 0; i < a.length / LIMBS; i++)
    writeCanonical(vr, i, op(readCanonical(va, i), readCanonical(vb, i)));
  return r;
}

let active: VecField | undefined;

/** The vector field the prover uses: WASM when it loads (unless STARLING_PROVER_BIGINT=1), else BigInt. */
export function getVecField(): VecField {
  if (!active) {
    const fast = process.env.STARLING_PROVER_BIGINT === '1' ? null : getFastField();
    active = fast ? wasmVecField(fast) : bigintVecField;
  }
  return active;
}

/** Replaces the vector field (e.g. the BigInt reference, for comparison figures). */
export function setVecField(f: VecField): void {
  active = f;
}
