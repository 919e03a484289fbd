import { FeltError } from '../errors.js';
import { P } from '../field.js';
import type { WasmMemory } from './wasm-api.js';

const MASK64 = (1n << 64n) - 1n;
const PAGE = 65536;

/** Views over a wasm memory that survive its growth: felts are 32 bytes, four little-endian u64 words. */
export class FeltMemory {
  private u32v: Uint32Array;
  private u64v: BigUint64Array;

  constructor(private readonly memory: WasmMemory) {
    this.u32v = new Uint32Array(memory.buffer);
    this.u64v = new BigUint64Array(memory.buffer);
  }

  /** Makes sure bytes [0, end) exist, growing the memory if needed. */
  ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / PAGE));
    this.refresh();
  }

  get u32(): Uint32Array {
    this.refresh();
    return this.u32v;
  }

  // Growth detaches the old buffer, which empties views over it: checking that costs no call into the
  // memory object's buffer getter, which shows in single-hash calls.
  private refresh(): void {
    if (this.u32v.length === 0) {
      this.u32v = new Uint32Array(this.memory.buffer);
      this.u64v = new BigUint64Array(this.memory.buffer);
    }
  }

  /** Writes a canonical felt (0 ≤ x < p) at ptr. */
  writeFelt(ptr: number, x: bigint): void {
    if (typeof x !== 'bigint' || x < 0n || x >= P) {
      throw new FeltError('FELT_OUT_OF_RANGE', 'value is not a field element', { value: String(x) });
    }
    this.refresh();
    const i = ptr >>> 3;
    const v = this.u64v;
    // BigUint64Array stores reduce modulo 2^64, so no masking is needed.
    v[i] = x;
    v[i + 1] = x >> 64n;
    v[i + 2] = x >> 128n;
    v[i + 3] = x >> 192n;
  }

  /** Writes any non-negative integer below 2^256 at ptr (an exponent or scalar). */
  writeU256(ptr: number, x: bigint): void {
    this.refresh();
    const i = ptr >>> 3;
    for (let k = 0; k < 4; k++) this.u64v[i + k] = (x >> BigInt(64 * k)) & MASK64;
  }

  /** Writes x mod 2^64 at ptr (8-byte aligned). */
  writeU64(ptr: number, x: bigint): void {
    this.refresh();
    this.u64v[ptr >>> 3] = x;
  }

  /** Reads the 256-bit value at ptr. */
  readFelt(ptr: number): bigint {
    this.refresh();
    const i = ptr >>> 3;
    const v = this.u64v;
    return (v[i + 3]! << 192n) | (v[i + 2]! << 128n) | (v[i + 1]! << 64n) | v[i]!;
  }
}
