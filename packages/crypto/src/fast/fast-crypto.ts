import { FeltError, FeltMemory, P } from '@starling/felt';
import { type AffinePoint, CURVE_ORDER, GENERATOR, ecMulAdd as referenceEcMulAdd } from '../curve.js';
import { CryptoError } from '../errors.js';
import { type CryptoKernels, instantiateCryptoWasm } from './crypto-wasm.js';
import { PEDERSEN_POINTS } from './pedersen-points.js';
import { PointCache } from './point-cache.js';
import { compressedRoundConstants } from './poseidon-constants.js';

const BYTES = 32;
const MAX_VALUE = 1n << 251n;
/** From this many pairs pedersenMany uses the batched affine kernel (as BATCH_MIN in pedersen-batch.ts). */
const BATCH_MIN = 16;
/** Table slots in crypto.wasm (POINT_SLOTS in tables.ts). */
const POINT_SLOTS = 8;
/** Scalars below this take the precomputed-table kernels (252-bit combs). */
const TABLE_SCALAR_LIMIT = 1n << 252n;
/** Slot number of the generator's table in the table kernels. */
const GENERATOR_SLOT = -1;

/**
 * Pedersen, Poseidon, EC operations and ECDSA verification in crypto.wasm, on bigints. Tables are
 * built when the instance is created (a few milliseconds). One instance per thread.
 */
export class FastCrypto {
  readonly kernels: CryptoKernels;
  private readonly mem: FeltMemory;
  private readonly base: number;
  private u64: BigUint64Array;
  /** Repeated points (public keys, ec_op bases) and their table slots. */
  readonly points: PointCache;

  constructor(kernels: CryptoKernels = instantiateCryptoWasm()) {
    this.kernels = kernels;
    this.mem = new FeltMemory(kernels.memory);
    const input = kernels.initInputArea();
    const rc = compressedRoundConstants();
    const points = [...PEDERSEN_POINTS, GENERATOR];
    this.mem.ensure(input + (points.length * 2 + rc.length) * BYTES);
    points.forEach((pt, i) => {
      this.mem.writeFelt(input + 2 * i * BYTES, pt.x);
      this.mem.writeFelt(input + (2 * i + 1) * BYTES, pt.y);
    });
    const rcPtr = input + points.length * 2 * BYTES;
    for (let i = 0; i < rc.length; i++) this.mem.writeFelt(rcPtr + i * BYTES, rc[i]!);
    this.base = kernels.initTables(input, rcPtr);
    this.mem.ensure(this.base + 16 * BYTES);
    this.u64 = new BigUint64Array(kernels.memory.buffer);
    this.points = new PointCache(POINT_SLOTS, (slot, p) => {
      this.writePoint(this.slot(0), p);
      return this.kernels.ecPointTable(slot, this.slot(0)) === 1;
    });
  }

  // The table slot for q: the generator's, a cached point's, or null (no table).
  private tableSlot(q: AffinePoint): number | null {
    if (q.x === GENERATOR.x && q.y === GENERATOR.y) return GENERATOR_SLOT;
    return this.points.slotOf(q);
  }

  private slot(i: number): number {
    return this.base + i * BYTES;
  }

  /** pedersen(a, b) for felts a, b. */
  pedersen(a: bigint, b: bigint): bigint {
    this.mem.writeFelt(this.slot(1), a);
    this.mem.writeFelt(this.slot(2), b);
    this.kernels.pedersenHash(this.slot(0), this.slot(1), this.slot(2));
    return this.mem.readFelt(this.slot(0));
  }

  /** out[i] = pedersen(a[i], b[i]) in one call (one shared inversion). */
  pedersenMany(a: readonly bigint[], b: readonly bigint[]): bigint[] {
    const n = a.length;
    const area = this.pairArea(n);
    const words = this.words();
    writeFelts(words, area.pa, a, n);
    writeFelts(words, area.pb, b, n);
    this.hashPairs(n, area);
    const po = area.po;
    const out = new Array<bigint>(n);
    for (let i = 0, w = po >>> 3; i < n; i++, w += 4) {
      out[i] = (((words[w + 3]! << 64n) | words[w + 2]!) << 128n) | (words[w + 1]! << 64n) | words[w]!;
    }
    return out;
  }

  /** pedersenMany on felts as 32-byte big-endian words (copied in and out as bytes, reversed in the module). */
  pedersenManyBytes(a: Uint8Array, b: Uint8Array, out: Uint8Array): void {
    const n = a.length / BYTES;
    if (n === 0) return;
    const area = this.pairArea(n);
    const { pa, pb, po } = area;
    const memory = new Uint8Array(this.kernels.memory.buffer);
    memory.set(a, pa);
    memory.set(b, pb);
    // b follows a: one pass turns both into the kernels' little-endian limbs.
    this.kernels.reverseWords(pa, 2 * n);
    this.hashPairs(n, area);
    this.kernels.reverseWords(po, n);
    out.set(memory.subarray(po, po + n * BYTES));
  }

  /** Where n pairs, their hashes and the kernels' scratch go (a, b, out: n felts each, then scratch). */
  private pairArea(n: number): { pa: number; pb: number; po: number; scratch: number } {
    const [pa, pb, po, scratch] = [0, 1, 2, 3].map((k) => this.base + k * n * BYTES) as [
      number,
      number,
      number,
      number,
    ];
    // pedersenMany's scratch: n Jacobian points and elements; the batch kernel's: 214 bytes a pair of a
    // sub-batch of at most 1024 (pedersen-batch.ts), plus one idle partner.
    this.mem.ensure(scratch + Math.max(n * (96 + 64), (Math.min(n, 1024) + 2) * 216));
    return { pa, pb, po, scratch };
  }

  /** Hashes the n pairs in `area` into its out slots. */
  private hashPairs(n: number, area: { pa: number; pb: number; po: number; scratch: number }): void {
    const { pa, pb, po, scratch } = area;
    // Lock-step affine additions share an inversion per step: worth it from a few dozen pairs on.
    if (n >= BATCH_MIN) this.kernels.pedersenBatchAffine(po, pa, pb, n, scratch);
    else this.kernels.pedersenMany(po, pa, pb, n, scratch);
  }

  // A view of the memory as u64 words (the memory's growth detaches older views).
  private words(): BigUint64Array {
    if (this.u64.length === 0) this.u64 = new BigUint64Array(this.kernels.memory.buffer);
    return this.u64;
  }

  private readMany(ptr: number, n: number): bigint[] {
    const out = new Array<bigint>(n);
    for (let i = 0; i < n; i++) out[i] = this.mem.readFelt(ptr + i * BYTES);
    return out;
  }

  /** The two-input Poseidon hash: permute([a, b, 2])[0]. */
  poseidon(a: bigint, b: bigint): bigint {
    this.mem.writeFelt(this.slot(1), a);
    this.mem.writeFelt(this.slot(2), b);
    this.kernels.poseidonHashMany(this.slot(0), this.slot(1), this.slot(2), 1);
    return this.mem.readFelt(this.slot(0));
  }

  /** out[i] = poseidon(a[i], b[i]) in one call. */
  poseidonMany(a: readonly bigint[], b: readonly bigint[]): bigint[] {
    const n = a.length;
    const [pa, pb, po] = [this.base, this.base + n * BYTES, this.base + 2 * n * BYTES];
    this.mem.ensure(po + n * BYTES);
    for (let i = 0; i < n; i++) {
      this.mem.writeFelt(pa + i * BYTES, a[i]!);
      this.mem.writeFelt(pb + i * BYTES, b[i]!);
    }
    this.kernels.poseidonHashMany(po, pa, pb, n);
    return this.readMany(po, n);
  }

  /** The Poseidon sponge over any number of felts. */
  poseidonArray(values: readonly bigint[]): bigint {
    const n = values.length;
    const pv = this.slot(1);
    this.mem.ensure(pv + n * BYTES);
    for (let i = 0; i < n; i++) this.mem.writeFelt(pv + i * BYTES, values[i]!);
    this.kernels.poseidonSponge(this.slot(0), pv, n);
    return this.mem.readFelt(this.slot(0));
  }

  /** The Hades permutation of a 3-felt state. */
  poseidonPermute(state: readonly [bigint, bigint, bigint]): [bigint, bigint, bigint] {
    const s = this.slot(0);
    for (let i = 0; i < 3; i++) this.mem.writeFelt(s + i * BYTES, state[i]!);
    this.kernels.poseidonPermute(s);
    return [this.mem.readFelt(s), this.mem.readFelt(s + BYTES), this.mem.readFelt(s + 2 * BYTES)];
  }

  private writePoint(ptr: number, p: AffinePoint | null): number {
    if (p === null) return 1;
    this.mem.writeFelt(ptr, p.x);
    this.mem.writeFelt(ptr + BYTES, p.y);
    return 0;
  }

  /** P + m·Q (the ec_op builtin); off-curve points and scalars ≥ 2^256 take the reference path. */
  ecMulAdd(p: AffinePoint | null, m: bigint, q: AffinePoint | null): AffinePoint | null {
    if (m < 0n || m >= 1n << 256n || !inField(p) || !inField(q)) return referenceEcMulAdd(p, m, q);
    const [out, pp, mp, qp] = [0, 2, 4, 6].map((k) => this.slot(k)) as [number, number, number, number];
    const table = q !== null && m < TABLE_SCALAR_LIMIT ? this.tableSlot(q) : null;
    const pInf = this.writePoint(pp, p);
    this.mem.writeU256(mp, m);
    let status: number;
    if (table !== null) {
      status = this.kernels.ecMulAddTable(out, pp, pInf, mp, table);
    } else {
      const qInf = this.writePoint(qp, q);
      status = this.kernels.ecMulAdd(out, pp, pInf, mp, qp, qInf);
    }
    if (status < 0) return referenceEcMulAdd(p, m, q);
    if (status === 0) return null;
    return { x: this.mem.readFelt(out), y: this.mem.readFelt(out + BYTES) };
  }

  /** P + Q (through the ec_op kernel with m = 1). */
  ecAdd(p: AffinePoint | null, q: AffinePoint | null): AffinePoint | null {
    return this.ecMulAdd(p, 1n, q);
  }

  /** 2·P (through the ec_op kernel). */
  ecDouble(p: AffinePoint | null): AffinePoint | null {
    return this.ecMulAdd(null, 2n, p);
  }

  /** a^−1 modulo the curve order n, for 0 < a < n (binary extended Euclid in wasm). */
  invModOrder(a: bigint): bigint {
    if (a <= 0n || a >= CURVE_ORDER) throw new CryptoError('INVALID_SIGNATURE_INPUT', 'not in [1, n)');
    const p = this.slot(0);
    this.mem.writeU256(p, a);
    this.kernels.invModOrder(p, p);
    return this.mem.readFelt(p);
  }

  /** Stark ECDSA verification against a full public key, with @scure/starknet's acceptance rules. */
  ecdsaVerifyPoint(hash: bigint, r: bigint, s: bigint, publicKey: AffinePoint): boolean {
    if (r < 1n || r >= MAX_VALUE || s < 1n || s >= CURVE_ORDER) return false;
    if (hash < 0n || hash >= MAX_VALUE || !inField(publicKey)) return false;
    const w = this.invModOrder(s);
    if (w >= MAX_VALUE) return false;
    const u1 = (hash * w) % CURVE_ORDER;
    const u2 = (r * w) % CURVE_ORDER;
    const [out, pu1, pu2, pq] = [0, 1, 2, 3].map((k) => this.slot(k)) as [number, number, number, number];
    const table = this.tableSlot(publicKey);
    this.mem.writeU256(pu1, u1);
    this.mem.writeU256(pu2, u2);
    let status: number;
    if (table !== null) {
      status = this.kernels.ecdsaPointTable(out, pu1, pu2, table);
    } else {
      this.writePoint(pq, publicKey);
      status = this.kernels.ecdsaPoint(out, pu1, pu2, pq);
    }
    if (status !== 1) return false;
    return this.mem.readFelt(out) % CURVE_ORDER === r;
  }
}

/** Writes felts xs[0 … n) at byte offset ptr (8-aligned) of the u64 view; a non-felt gets a typed error. */
function writeFelts(words: BigUint64Array, ptr: number, xs: readonly bigint[], n: number): void {
  for (let i = 0, w = ptr >>> 3; i < n; i++, w += 4) {
    const x = xs[i]!;
    if (typeof x !== 'bigint' || x < 0n || x >= P) {
      throw new FeltError('FELT_OUT_OF_RANGE', 'value is not a field element', { value: String(x) });
    }
    // BigUint64Array stores reduce modulo 2^64.
    const high = x >> 128n;
    words[w] = x;
    words[w + 1] = x >> 64n;
    words[w + 2] = high;
    words[w + 3] = high >> 64n;
  }
}

function inField(p: AffinePoint | null): boolean {
  return p === null || (p.x >= 0n && p.x < P && p.y >= 0n && p.y < P);
}
