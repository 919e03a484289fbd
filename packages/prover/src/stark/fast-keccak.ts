import { keccak256 } from '@starling/crypto';
import { createKeccak, type IHasher } from 'hash-wasm';

// Bulk Keccak-256 for Merkle commitments: a WASM sponge (several times faster than the pure-JS one),
// instantiated once per thread at module load; the pure-JS hash remains the fallback.
let wasm: IHasher | null = null;
try {
  wasm = await createKeccak(256);
} catch {
  wasm = null;
}

/** Keccak-256 of `data` written at out[offset, offset + 32). */
export function keccakInto(data: Uint8Array, out: Uint8Array, offset: number): void {
  if (wasm) {
    wasm.init();
    wasm.update(data);
    out.set(wasm.digest('binary'), offset);
  } else out.set(keccak256(data), offset);
}

/** Keccak-256 of each `leafBytes`-byte leaf of input[from, to) leaves; 32 bytes per leaf at out[i·32]. */
export function keccakLeaves(
  input: Uint8Array,
  leafBytes: number,
  out: Uint8Array,
  from = 0,
  to = input.length / leafBytes,
): void {
  for (let i = from; i < to; i++) keccakInto(input.subarray(i * leafBytes, (i + 1) * leafBytes), out, i * 32);
}
