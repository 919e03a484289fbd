import { FastField, GENERATOR, inv, P, pow, TWO_ADICITY } from '@starling/felt';

// Square roots on felt.wasm's Montgomery kernels, same method as felt's BigInt sqrt (an 8-bit
// windowed discrete log in the 2^192 subgroup) but with every multiplication in wasm: about ten
// times faster, which matters because each signature check takes one fresh root.

const BYTES = 32;
const LIMBS = 8;
const WINDOW = 8;
const WINDOWS = TWO_ADICITY / WINDOW;
const ODD = (P - 1n) >> BigInt(TWO_ADICITY);

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
const NEG = LOOKUP + (1 << WINDOW); // WINDOWS × 256 slots: g^(−x·2^(192−8t)), t = 1…24
const SLOTS = NEG + WINDOWS * (1 << WINDOW);

interface Engine {
  fast: FastField;
  base: number;
  /** Low Montgomery limb of each lookup entry → j (entries checked in full on a hit). */
  byLimb: Map<number, number>;
}

let engine: Engine | null | undefined;

function build(): Engine | null {
  let fast: FastField;
  try {
    fast = new FastField();
  } catch {
    return null; // felt.wasm unavailable: callers use the BigInt root
  }
  const { kernels: k, mem } = fast;
  const base = fast.base;
  mem.ensure(base + SLOTS * BYTES);
  const put = (slot: number, x: bigint): void => {
    mem.writeFelt(base + slot * BYTES, x);
    k.toMont(base + slot * BYTES, base + slot * BYTES);
  };
  const g = pow(GENERATOR, ODD);
  const gInv = inv(g);
  put(GINV, gInv);
  const step = pow(g, 1n << BigInt(TWO_ADICITY - WINDOW));
  const byLimb = new Map<number, number>();
  const u32 = (): Uint32Array => mem.u32;
  for (let j = 0, acc = 1n; j < 1 << WINDOW; j++, acc = (acc * step) % P) {
    put(LOOKUP + j, acc);
    const limb = u32()[((base + (LOOKUP + j) * BYTES) >>> 2) as number] as number;
    if (byLimb.has(limb)) return null; // ambiguous key: keep to the BigInt root
    byLimb.set(limb, j);
  }
  for (let t = 1; t <= WINDOWS; t++) {
    const b = pow(gInv, 1n << BigInt(TWO_ADICITY - t * WINDOW));
    for (let x = 0, acc = 1n; x < 1 << WINDOW; x++, acc = (acc * b) % P) put(NEG + (t - 1) * 256 + x, acc);
  }
  return { fast, base, byLimb };
}

/**
 * The smaller square root of a in [1, P): a bigint, null for a non-residue, or undefined when the
 * wasm path is unavailable or inconclusive (the caller then uses the BigInt root).
 */
export function wasmSqrt(a: bigint): bigint | null | undefined {
  engine ??= build();
  if (engine === null) return undefined;
  const { fast, base, byLimb } = engine;
  const { kernels: k, mem } = fast;
  const at = (slot: number): number => base + slot * BYTES;
  mem.writeFelt(at(A), a);
  k.toMont(at(A), at(A));
  mem.writeU64(at(EXP), (ODD - 1n) >> 1n);
  k.fieldPow(at(U), at(A), at(EXP), 1); // a^((q−1)/2)
  k.montMul(at(V), at(A), at(U)); // a^((q+1)/2)
  k.montMul(at(POWERS), at(V), at(U)); // z = a^q
  for (let i = 1; i < TWO_ADICITY; i++) k.montSqr(at(POWERS + i), at(POWERS + i - 1));
  const u32 = mem.u32;
  const digits: number[] = [];
  for (let i = 0; i < WINDOWS; i++) {
    // (z·g^(−known low digits))^(2^(192−8i−8)) has order dividing 2^8: its digit is a table index.
    const src = at(POWERS + TWO_ADICITY - (i + 1) * WINDOW) >>> 2;
    u32.copyWithin(at(Y) >>> 2, src, src + LIMBS);
    for (let j = 0; j < i; j++) k.montMul(at(Y), at(Y), at(NEG + (i - j) * 256 + (digits[j] as number)));
    const y = at(Y) >>> 2;
    const d = byLimb.get(u32[y] as number);
    if (d === undefined) return undefined;
    const e = at(LOOKUP + d) >>> 2;
    for (let l = 1; l < LIMBS; l++) if (u32[y + l] !== u32[e + l]) return undefined;
    digits.push(d);
  }
  if (((digits[0] as number) & 1) === 1) return null; // odd log of a^q: not a square
  let e = 0n;
  for (let i = WINDOWS - 1; i >= 0; i--) e = (e << BigInt(WINDOW)) | BigInt(digits[i] as number);
  const half = e >> 1n;
  for (let w = 0; w < 3; w++) mem.writeU64(at(EXP) + w * 8, (half >> BigInt(64 * w)) & ((1n << 64n) - 1n));
  k.fieldPow(at(R), at(GINV), at(EXP), 3);
  k.montMul(at(R), at(R), at(V));
  k.fromMont(at(R), at(R));
  const r = mem.readFelt(at(R));
  const root = r < P - r ? r : P - r;
  return (root * root) % P === a ? root : undefined;
}
