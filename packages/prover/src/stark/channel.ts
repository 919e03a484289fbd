import { keccak256 } from '@starling/crypto';
import { encodeU256s, readU256 } from './bytes.js';
import { keccakInto } from './fast-keccak.js';

const MASK_251 = (1n << 251n) - 1n;

/**
 * Keccak Fiat–Shamir transcript. Every message is absorbed into a 32-byte state; draws hash
 * (state ‖ counter). Felts are drawn below 2^251 < p, uniformly on that range.
 */
export class Channel {
  private state: Uint8Array;
  private counter = 0;

  constructor(seed: Uint8Array) {
    this.state = keccak256(seed);
  }

  /** Absorbs raw bytes. */
  absorb(bytes: Uint8Array): void {
    const buf = new Uint8Array(32 + bytes.length);
    buf.set(this.state, 0);
    buf.set(bytes, 32);
    this.state = keccak256(buf);
    this.counter = 0;
  }

  /** Absorbs felts or 256-bit digests. */
  absorbValues(values: readonly bigint[]): void {
    this.absorb(encodeU256s(values));
  }

  private next(): Uint8Array {
    const buf = new Uint8Array(40);
    buf.set(this.state, 0);
    new DataView(buf.buffer).setBigUint64(32, BigInt(this.counter++));
    return keccak256(buf);
  }

  /** A pseudo-random field element. */
  drawFelt(): bigint {
    const h = this.next();
    return readU256(new DataView(h.buffer, h.byteOffset, 32), 0) & MASK_251;
  }

  /** `count` felts. */
  drawFelts(count: number): bigint[] {
    const out: bigint[] = [];
    for (let i = 0; i < count; i++) out.push(this.drawFelt());
    return out;
  }

  /** A pseudo-random integer in [0, bound) for a power-of-two bound ≤ 2^32. */
  drawIndex(bound: number): number {
    const h = this.next();
    return new DataView(h.buffer, h.byteOffset, 32).getUint32(28) % bound;
  }

  /** Finds the smallest nonce whose proof-of-work hash has `bits` leading zero bits. */
  grind(bits: number): number {
    const prefix = this.powPrefix(bits);
    for (let nonce = 0; ; nonce++) if (powOk(prefix, nonce, bits)) return nonce;
  }

  /** Checks a grinding nonce against the current state, then absorbs it. */
  checkAndAbsorbPow(nonce: number, bits: number): boolean {
    if (!Number.isSafeInteger(nonce) || nonce < 0) return false;
    const ok = powOk(this.powPrefix(bits), nonce, bits);
    if (ok) this.absorbPowNonce(nonce);
    return ok;
  }

  /** Absorbs the nonce (after grinding). */
  absorbPowNonce(nonce: number): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(nonce));
    this.absorb(b);
  }

  private powPrefix(bits: number): Uint8Array {
    const buf = new Uint8Array(41);
    buf.set(new TextEncoder().encode('POW:'), 0);
    buf.set(this.state, 4);
    buf[36] = bits;
    return keccak256(buf);
  }
}

const powBuf = new Uint8Array(40);
const powView = new DataView(powBuf.buffer);
const powOut = new Uint8Array(32);
const powOutView = new DataView(powOut.buffer);

function powOk(prefix: Uint8Array, nonce: number, bits: number): boolean {
  if (bits === 0) return true;
  powBuf.set(prefix, 0);
  powView.setBigUint64(32, BigInt(nonce));
  keccakInto(powBuf, powOut, 0);
  const top = powOutView.getBigUint64(0);
  return top >> BigInt(64 - bits) === 0n;
}
