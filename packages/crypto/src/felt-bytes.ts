// Felts as 32-byte little-endian words (the layout of the WASM kernels' memory).
import type { CryptoBackend } from './backend.js';
import { CryptoError } from './errors.js';

/** The top 32-bit word of p = 2^251 + 17·2^192 + 1, and the one below it. */
const P_TOP = 0x08000000;
const P_NEXT = 0x11;

/** Whether the little-endian word at `offset` of `view` is below p. */
function isFelt(view: DataView, offset: number): boolean {
  const top = view.getUint32(offset + 28, true);
  if (top !== P_TOP) return top < P_TOP;
  const next = view.getUint32(offset + 24, true);
  if (next !== P_NEXT) return next < P_NEXT;
  // The remaining words of p are 0 … 0, 1: x < p only if they are all zero.
  for (let o = 4; o < 24; o += 4) if (view.getUint32(offset + o, true) !== 0) return false;
  return view.getUint32(offset, true) === 0;
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

/** The little-endian word at `offset` of `view`. */
export function wordAt(view: DataView, offset: number): bigint {
  let x = 0n;
  for (let o = 24; o >= 0; o -= 8) x = (x << 64n) | view.getBigUint64(offset + o, true);
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
    for (let o = 0; o < 32; o += 8) {
      vo.setBigUint64(32 * i + o, BigInt.asUintN(64, h), true);
      h >>= 64n;
    }
  }
}
