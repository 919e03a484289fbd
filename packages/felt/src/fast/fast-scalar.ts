import { FeltError } from '../errors.js';
import { batchInverse, GENERATOR, inv, mod, P, pow, TWO_ADICITY } from '../field.js';
import { sqrt } from '../sqrt.js';
import { FastField } from './fast-field.js';

// Inverse and square root of single felts on a felt.wasm instance of their own (its scratch area is
// never shared with FastField's vector calls). The square root is felt's BigInt method, an 8-bit
// windowed discrete log in the 2^192 subgroup, with every product in wasm.

const BYTES = 32;
const LIMBS = 8;
const WINDOW = 8;
const WINDOWS = TWO_ADICITY / WINDOW;
const ODD = (P - 1n) >> BigInt(TWO_ADICITY);
const MASK64 = (1n << 64n) - 1n;

// Slot layout (32 bytes each) from the instance's heap base.
const A = 0;
const U = 1;
const V = 2;
const Y = 3;
const R = 4;
const GINV = 5;
const EXP = 6; // 4 u64 exponent words
const POWERS = 8; // TWO_ADICITY slots: z^(2^k)
const LOOKUP = POWERS + TWO_ADICITY; // 256 slots: g^(j·2^(192−8))
const NEG = LOOKUP + (1 << WINDOW); // WINDOWS × 256 slots: g^(−x·2^(192−8t)), t = 1…WINDOWS
const SLOTS = NEG + WINDOWS * (1 << WINDOW);

interface Engine {
  readonly fast: FastField;
  /** Low Montgomery limb of each lookup entry → its index (entries are compared in full on a hit). */
  byLimb: Map<number, number> | null;
}

let engine: Engine | null | undefined;

function build(): Engine | null {
  let fast: FastField;
  try {
    fast = new FastField();
  } catch {
    return null; // felt.wasm unavailable: the BigInt paths run instead
  }
  fast.mem.ensure(fast.base + 8 * BYTES);
  return { fast, byLimb: null };
}

function getEngine(): Engine | null {
  engine ??= build();
  return engine;
}

// The square-root tables (about 200 KiB of wasm memory), built on the first root.
function sqrtTables(e: Engine): Map<number, number> | null {
  if (e.byLimb) return e.byLimb;
  const { fast } = e;
  const { mem, base } = fast;
  mem.ensure(base + SLOTS * BYTES);
  const put = (slot: number, x: bigint): void => fast.writeMont(base + slot * BYTES, x);
  const g = pow(GENERATOR, ODD);
  const gInv = inv(g);
  put(GINV, gInv);
  const step = pow(g, 1n << BigInt(TWO_ADICITY - WINDOW));
  const byLimb = new Map<number, number>();
  for (let j = 0, acc = 1n; j < 1 << WINDOW; j++, acc = (acc * step) % P) {
    put(LOOKUP + j, acc);
    const limb = mem.u32[(base + (LOOKUP + j) * BYTES) >>> 2]!;
    if (byLimb.has(limb)) return null; // an ambiguous key (never seen): keep to the BigInt root
    byLimb.set(limb, j);
  }
  for (let t = 1; t <= WINDOWS; t++) {
    const b = pow(gInv, 1n << BigInt(TWO_ADICITY - t * WINDOW));
    for (let x = 0, acc = 1n; x < 1 << WINDOW; x++, acc = (acc * b) % P) put(NEG + (t - 1) * 256 + x, acc);
  }
  e.byLimb = byLimb;
  return byLimb;
}

/** a^−1 mod p on felt.wasm (any bigint, reduced mod p first); throws DIVISION_BY_ZERO for 0. */
export function fastInv(a: bigint): bigint {
  const x = a >= 0n && a < P ? a : mod(a);
  if (x === 0n) throw new FeltError('DIVISION_BY_ZERO', 'inverse of zero');
  const e = getEngine();
  if (!e) return inv(x);
  const { kernels: k, mem, base } = e.fast;
  mem.writeFelt(base, x);
  k.fieldInvInteger(base, base);
  return mem.readFelt(base);
}

/** Inverses of many values with one inversion on felt.wasm; throws DIVISION_BY_ZERO naming the first zero. */
export function fastBatchInverse(values: readonly bigint[]): bigint[] {
  const e = getEngine();
  if (!e || values.length === 0) return batchInverse(values);
  const { fast } = e;
  return fast.decode(fast.batchInverse(fast.encode(values.map((v) => (v >= 0n && v < P ? v : mod(v))))));
}

// The wasm root search: the smaller root, null for a non-residue, undefined when inconclusive.
function wasmRoot(e: Engine, a: bigint): bigint | null | undefined {
  const byLimb = sqrtTables(e);
  if (!byLimb) return undefined;
  const { kernels: k, mem, base } = e.fast;
  const at = (slot: number): number => base + slot * BYTES;
  mem.writeFelt(at(A), a);
  k.toMont(at(A), at(A));
  mem.writeU64(at(EXP), (ODD - 1n) >> 1n);
  k.fieldPow(at(U), at(A), at(EXP), 1); // a^((q−1)/2)
  k.montMul(at(V), at(A), at(U)); // a^((q+1)/2)
  k.montMul(at(POWERS), at(V), at(U)); // z = a^q, in the 2^192 subgroup
  for (let i = 1; i < TWO_ADICITY; i++) k.montSqr(at(POWERS + i), at(POWERS + i - 1));
  const u32 = mem.u32;
  const digits: number[] = [];
  for (let i = 0; i < WINDOWS; i++) {
    // (z·g^(−known low digits))^(2^(192−8i−8)) has order dividing 2^8: its digit is a table index.
    const src = at(POWERS + TWO_ADICITY - (i + 1) * WINDOW) >>> 2;
    u32.copyWithin(at(Y) >>> 2, src, src + LIMBS);
    for (let j = 0; j < i; j++) k.montMul(at(Y), at(Y), at(NEG + (i - j) * 256 + digits[j]!));
    const y = at(Y) >>> 2;
    const d = byLimb.get(u32[y]!);
    if (d === undefined) return undefined;
    const entry = at(LOOKUP + d) >>> 2;
    for (let l = 1; l < LIMBS; l++) if (u32[y + l] !== u32[entry + l]) return undefined;
    digits.push(d);
  }
  // a is a square exactly when the log of a^q is even; then (v·g^(−e/2))² = a.
  if ((digits[0]! & 1) === 1) return null;
  let exp = 0n;
  for (let i = WINDOWS - 1; i >= 0; i--) exp = (exp << BigInt(WINDOW)) | BigInt(digits[i]!);
  const half = exp >> 1n;
  for (let w = 0; w < 3; w++) mem.writeU64(at(EXP) + w * 8, (half >> BigInt(64 * w)) & MASK64);
  k.fieldPow(at(R), at(GINV), at(EXP), 3);
  k.montMul(at(R), at(R), at(V));
  k.fromMont(at(R), at(R));
  const r = mem.readFelt(at(R));
  const root = r < P - r ? r : P - r;
  return (root * root) % P === a ? root : undefined;
}

/** The smaller square root of a (reduced mod p first), or null for a non-residue; felt.wasm when it loads. */
export function trySqrt(a: bigint): bigint | null {
  const x = a >= 0n && a < P ? a : mod(a);
  if (x === 0n) return 0n;
  const e = getEngine();
  const r = e ? wasmRoot(e, x) : undefined;
  if (r !== undefined) return r;
  try {
    return sqrt(x);
  } catch (err) {
    if (err instanceof FeltError && err.code === 'NOT_A_SQUARE') return null;
    throw err;
  }
}

/** As felt's sqrt (the smaller root; NOT_A_SQUARE for non-residues), on felt.wasm when it loads. */
export function fastSqrt(a: bigint): bigint {
  const r = trySqrt(a);
  if (r === null) throw new FeltError('NOT_A_SQUARE', 'value is not a quadratic residue');
  return r;
}
