// Deterministic pseudo-random inputs (xorshift128+), so failures reproduce.
import { P } from '@starling/felt';

export class Rng {
  private a: bigint;
  private b: bigint;
  constructor(seed: number) {
    this.a = BigInt(seed) * 0x9e3779b97f4a7c15n + 1n;
    this.b = BigInt(seed) ^ 0xdeadbeefcafebaben;
  }
  u64(): bigint {
    const M = (1n << 64n) - 1n;
    let x = this.a;
    const y = this.b;
    this.a = y;
    x ^= (x << 23n) & M;
    this.b = x ^ y ^ (x >> 17n) ^ (y >> 26n);
    return (this.b + y) & M;
  }
  /** An integer below 2^bits. */
  bits(bits: number): bigint {
    let v = 0n;
    for (let i = 0; i < bits; i += 64) v = (v << 64n) | this.u64();
    return v & ((1n << BigInt(bits)) - 1n);
  }
  felt(): bigint {
    // Mix small and full-size values: small ones exercise the short encodings (e.g. Blake2s < 2^63).
    return this.int(4) === 0 ? this.bits(32) : this.bits(252) % P;
  }
  felts(maxLen: number): bigint[] {
    return Array.from({ length: this.int(maxLen + 1) }, () => this.felt());
  }
  int(n: number): number {
    return Number(this.u64() % BigInt(n));
  }
  name(): string {
    const chars = 'abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    return Array.from({ length: 1 + this.int(24) }, () => chars[this.int(chars.length)]).join('');
  }
}

export const hex = (v: bigint) => `0x${v.toString(16)}`;
