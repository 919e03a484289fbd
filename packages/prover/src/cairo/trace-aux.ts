import { batchInverse, P } from '@starling/felt';
import { COL, MEM_ACCESSES, MEM_SLOTS, RC_CELLS, RC_SLOTS } from './layout.js';

/** Running products of the memory (slots 0..4) and range-check (0..3) permutation arguments. */
export function buildCairoAux(
  main: readonly (readonly bigint[])[],
  ch: readonly bigint[],
  n: number,
): bigint[][] {
  const [z, alpha, zr] = ch as [bigint, bigint, bigint];
  const memNum: bigint[] = [];
  const memDen: bigint[] = [];
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < MEM_SLOTS; k++) {
      const [ac, vc] = MEM_ACCESSES[k]!;
      memNum.push((((z - main[ac]![r]! - alpha * main[vc]![r]!) % P) + P) % P);
      const sa = main[COL.SORTED_MEM + 2 * k]![r]!;
      const sv = main[COL.SORTED_MEM + 2 * k + 1]![r]!;
      memDen.push((((z - sa - alpha * sv) % P) + P) % P);
    }
  }
  const rcNum: bigint[] = [];
  const rcDen: bigint[] = [];
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < RC_SLOTS; k++) {
      rcNum.push((zr - main[RC_CELLS[k]!]![r]! + P) % P);
      rcDen.push((zr - main[COL.SORTED_RC + k]![r]! + P) % P);
    }
  }
  return [...runningProducts(memNum, memDen, MEM_SLOTS, n), ...runningProducts(rcNum, rcDen, RC_SLOTS, n)];
}

function runningProducts(num: bigint[], den: bigint[], slots: number, n: number): bigint[][] {
  const dInv = batchInverse(den);
  const cols = Array.from({ length: slots }, () => new Array<bigint>(n));
  let acc = 1n;
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < slots; k++) {
      const j = r * slots + k;
      acc = (((acc * num[j]!) % P) * dInv[j]!) % P;
      cols[k]![r] = acc;
    }
  }
  return cols;
}
