import { FastField, inv, P } from '@starling/felt';

// Field inverses on felt.wasm's kernel (about twice as fast as BigInt extended Euclid, which
// dominates the VM's division deductions); the BigInt inverse when felt.wasm cannot load.

const BYTES = 32;
let fast: FastField | null | undefined;

function load(): FastField | null {
  try {
    const f = new FastField();
    f.mem.ensure(f.base + BYTES);
    return f;
  } catch {
    return null;
  }
}

/** Multiplicative inverse of a felt; throws DIVISION_BY_ZERO for 0 (as felt's inv). */
export function fastInv(x: bigint): bigint {
  fast ??= load();
  if (fast === null || x <= 0n || x >= P) return inv(x);
  const { kernels: k, mem, base } = fast;
  mem.writeFelt(base, x);
  k.toMont(base, base);
  k.fieldInv(base, base);
  k.fromMont(base, base);
  return mem.readFelt(base);
}
