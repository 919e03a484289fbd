// Felts as 32-byte big-endian words (as stored records and most wire formats hold them).
import type { CryptoBackend } from './backend.js';
import { CryptoError } from './errors.js';

/** The top 32-bit word of p = 2^251 + 17·2^192 + 1, and the one below it. */
const P_TOP = 0x08000000;
const P_NEXT = 0x11;

/** Whether the big-endian word at `offset` of `view` is below p. */
function isFelt(view: DataView, offset: number): boolean {
  const top = view.getUint32(offset);
  if (top !== P_TOP) return top < P_TOP;
  const next = view.getUint32(offset + 4);
  if (next !== P_NEXT) return next < P_NEXT;
  // The remaining words of p are 0 … 0, 1: x < p only if they are all zero.
  for (let o = 8; o < 32; o += 4) if (view.getUint32(offset + o) !== 0) return false;
  return true;
}

/** Throws INVALID_HASH_INPUT unless every 32-byte word of `bytes` is a felt. */
export function checkFeltBytes(bytes: Uint8Array, what: string): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let o = 0; o < bytes.length; o += 32)
    if (!isFelt(view, o))
      throw new CryptoError('INVALID_HASH_INPUT', `${what}[${o / 32}] is not a field element`, {
        value: `0x${wordAt(view, o).toString(16)}`,
      });
}

/** The big-endian word at `offset` of `view`. */
function wordAt(view: DataView, offset: number): bigint {
  let x = 0n;
  for (let o = 0; o < 32; o += 8) x = (x << 64n) | view.getBigUint64(offset + o);
  return x;
}

/** pedersenManyBytes for a backend without it: through its bigint pedersenMany. */
export function pedersenManyViaBigints(
  backend: CryptoBackend,
  a: Uint8Array,
  b: Uint8Array,
  out: Uint8Array,
): void {
  const n = a.length / 32;
  const va = new DataView(a.buffer, a.byteOffset, a.byteLength);
  const vb = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const xs = Array.from({ length: n }, (_, i) => wordAt(va, 32 * i));
  const ys = Array.from({ length: n }, (_, i) => wordAt(vb, 32 * i));
  const hashes = backend.pedersenMany(xs, ys);
  const vo = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (let i = 0; i < n; i++) {
    let h = hashes[i]!;
    for (let o = 24; o >= 0; o -= 8) {
      vo.setBigUint64(32 * i + o, BigInt.asUintN(64, h));
      h >>= 64n;
    }
  }
}
