import { batchInverse, getFastField, P } from '@starling/felt';
import { getVecField } from '../stark/vec-field.js';
import type { CairoLayout } from './layout.js';
import { type ProductSpec, runningProductsWasm } from './trace-aux-wasm.js';

/** Running products of the memory and range-check permutation arguments, slot by slot within each row. */
export function buildCairoAux(
  L: CairoLayout,
  main: readonly (readonly bigint[])[],
  ch: readonly bigint[],
  n: number,
): bigint[][] {
  const MEM_SLOTS = L.memSlots;
  const RC_SLOTS = L.rcSlots;
  const [z, alpha, zr] = ch as [bigint, bigint, bigint];
  const f = getVecField().name === 'wasm' ? getFastField() : null;
  if (f) {
    const mem: ProductSpec = {
      slots: MEM_SLOTS,
      unsorted: (k) => L.memAccesses[k]!,
      sorted: (k) => [L.sortedMem + 2 * k, L.sortedMem + 2 * k + 1],
      z,
      alpha,
    };
    const rc: ProductSpec = {
      slots: RC_SLOTS,
      unsorted: (k) => [L.rcCells[k]!, null],
      sorted: (k) => [L.sortedRc + k, null],
      z: zr,
      alpha: 0n,
    };
    return [...runningProductsWasm(f, main, mem, n), ...runningProductsWasm(f, main, rc, n)];
  }
  const memNum: bigint[] = [];
  const memDen: bigint[] = [];
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < MEM_SLOTS; k++) {
      const [ac, vc] = L.memAccesses[k]!;
      memNum.push((((z - main[ac]![r]! - alpha * main[vc]![r]!) % P) + P) % P);
      const sa = main[L.sortedMem + 2 * k]![r]!;
      const sv = main[L.sortedMem + 2 * k + 1]![r]!;
      memDen.push((((z - sa - alpha * sv) % P) + P) % P);
    }
  }
  const rcNum: bigint[] = [];
  const rcDen: bigint[] = [];
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < RC_SLOTS; k++) {
      rcNum.push((zr - main[L.rcCells[k]!]![r]! + P) % P);
      rcDen.push((zr - main[L.sortedRc + k]![r]! + P) % P);
    }
  }
  return [...runningProducts(memNum, memDen, MEM_SLOTS, n), ...runningProducts(rcNum, rcDen, RC_SLOTS, n)];
}

/** num[j]/den[j] for every j (BigInt). */
function ratios(num: bigint[], den: bigint[]): bigint[] {
  const dInv = batchInverse(den);
  return num.map((x, j) => (x * dInv[j]!) % P);
}

function runningProducts(num: bigint[], den: bigint[], slots: number, n: number): bigint[][] {
  const q = ratios(num, den);
  const cols = Array.from({ length: slots }, () => new Array<bigint>(n));
  let acc = 1n;
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < slots; k++) {
      acc = (acc * q[r * slots + k]!) % P;
      cols[k]![r] = acc;
    }
  }
  return cols;
}
