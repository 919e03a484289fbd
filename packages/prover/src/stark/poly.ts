import { type FastField, getFastField, inv, P, rootOfUnity } from '@starling/felt';

/**
 * Array arithmetic the STARK needs in bulk. Columns are plain bigint arrays of canonical felts;
 * a faster backend (typed-array limbs, WASM, workers) can replace this one behind the same shape.
 */
export interface PolyBackend {
  readonly name: string;
  /** In place: coefficients → evaluations on the subgroup of size a.length (natural order). */
  ntt(a: bigint[]): void;
  /** In place: evaluations on the subgroup → coefficients. */
  intt(a: bigint[]): void;
  /** Evaluations of `coeffs` on the coset offset·⟨ω⟩ of the given size (≥ coeffs.length). */
  cosetEvaluate(coeffs: readonly bigint[], offset: bigint, size: number): bigint[];
  /** Coefficients of the polynomial taking `evals` on the coset offset·⟨ω⟩. */
  cosetInterpolate(evals: readonly bigint[], offset: bigint): bigint[];
}

const twiddleCache = new Map<number, bigint[]>();

/** Powers ω^0..ω^(n/2−1) of the primitive n-th root of unity. */
function twiddles(logN: number): bigint[] {
  let t = twiddleCache.get(logN);
  if (!t) {
    const n = 1 << logN;
    const w = rootOfUnity(logN);
    t = new Array<bigint>(Math.max(1, n >> 1));
    let acc = 1n;
    for (let i = 0; i < n >> 1; i++) {
      t[i] = acc;
      acc = (acc * w) % P;
    }
    if (n === 1) t[0] = 1n;
    twiddleCache.set(logN, t);
  }
  return t;
}

function bitReverse(a: bigint[], logN: number): void {
  const n = a.length;
  for (let i = 0, j = 0; i < n; i++) {
    if (i < j) {
      const tmp = a[i]!;
      a[i] = a[j]!;
      a[j] = tmp;
    }
    let bit = n >> 1;
    while (bit > 0 && j & bit) {
      j ^= bit;
      bit >>= 1;
    }
    j |= bit;
  }
  void logN;
}

/** Iterative radix-2 Cooley–Tukey transform; `inverse` uses ω^−1 (via index reversal) without scaling. */
function transform(a: bigint[], inverse: boolean): void {
  const n = a.length;
  const logN = Math.log2(n);
  if (!Number.isInteger(logN)) throw new RangeError(`NTT size ${n} is not a power of two`);
  if (n === 1) return;
  bitReverse(a, logN);
  const tw = twiddles(logN);
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const step = n / len;
    for (let start = 0; start < n; start += len) {
      for (let k = 0; k < half; k++) {
        // ω^-k = -ω^(n/2 - k) avoided: use ω^(n-k) = ω^(n/2) · ω^(n/2-k) = -tw[n/2 - k].
        let w: bigint;
        if (!inverse || k === 0) w = tw[k * step]!;
        else w = P - tw[(n >> 1) - k * step]!;
        const i = start + k;
        const j = i + half;
        const u = a[i]!;
        const v = (a[j]! * w) % P;
        const s = u + v;
        a[i] = s >= P ? s - P : s;
        const d = u - v;
        a[j] = d < 0n ? d + P : d;
      }
    }
  }
}

function intt(a: bigint[]): void {
  transform(a, true);
  const nInv = inv(BigInt(a.length));
  for (let i = 0; i < a.length; i++) a[i] = (a[i]! * nInv) % P;
}

/** The BigInt reference backend. */
export const bigintPolyBackend: PolyBackend = {
  name: 'bigint',
  ntt: (a) => transform(a, false),
  intt,
  cosetEvaluate(coeffs, offset, size) {
    const a = new Array<bigint>(size).fill(0n);
    let s = 1n;
    for (let i = 0; i < coeffs.length; i++) {
      a[i] = offset === 1n ? coeffs[i]! : (coeffs[i]! * s) % P;
      s = (s * offset) % P;
    }
    transform(a, false);
    return a;
  },
  cosetInterpolate(evals, offset) {
    const a = evals.slice();
    intt(a);
    if (offset !== 1n) {
      const oInv = inv(offset);
      let s = 1n;
      for (let i = 0; i < a.length; i++) {
        a[i] = (a[i]! * s) % P;
        s = (s * oInv) % P;
      }
    }
    return a;
  },
};

/** A backend running the transforms in the felt package's WASM kernels (bigints converted at the edges). */
export function wasmPolyBackend(fast: FastField): PolyBackend {
  const copyInto = (dst: bigint[], src: bigint[]) => {
    for (let i = 0; i < src.length; i++) dst[i] = src[i]!;
  };
  return {
    name: 'wasm',
    ntt: (a) => copyInto(a, fast.decode(fast.ntt(fast.encode(a)))),
    intt: (a) => copyInto(a, fast.decode(fast.intt(fast.encode(a)))),
    cosetEvaluate(coeffs, offset, size) {
      const padded = new Array<bigint>(size).fill(0n);
      copyInto(padded, coeffs as bigint[]);
      return fast.decode(fast.cosetNtt(fast.encode(padded), offset));
    },
    cosetInterpolate: (evals, offset) => fast.decode(fast.cosetIntt(fast.encode(evals), offset)),
  };
}

let active: PolyBackend = defaultBackend();

function defaultBackend(): PolyBackend {
  if (process.env.STARLING_PROVER_BIGINT === '1') return bigintPolyBackend;
  const fast = getFastField();
  return fast ? wasmPolyBackend(fast) : bigintPolyBackend;
}

/** The backend the prover uses. */
export function getPolyBackend(): PolyBackend {
  return active;
}

/** Replaces the backend (e.g. with a WASM kernel). */
export function setPolyBackend(b: PolyBackend): void {
  active = b;
}
