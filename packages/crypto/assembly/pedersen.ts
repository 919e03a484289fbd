// Starknet Pedersen hash: x of P0 + a_low·P1 + a_high·P2 + b_low·P3 + b_high·P4 (low = 248 bits).
import { FELT_BYTES, fieldCopy, fromMont } from '../../felt/assembly/field';
import { vecBatchInv } from '../../felt/assembly/vector';
import {
  AFFINE_BYTES,
  JAC_BYTES,
  jacAddAffine,
  jacFromAffine,
  jacIsInfinity,
  jacToAffine,
  jacToAffineWith,
} from './curve';
import { combAddSigned } from './signed-comb';
import { ensurePedersenTables, PED_BITS, pedersenShift, pedP1, pedP2, pedP3, pedP4 } from './tables';

const ACC = memory.data(96, 32);
const AFF = memory.data(64, 32);

// acc += k·B for k < 2^252: the low 248 bits from B's signed table, bits 248…251 from `high`.
function addScalar(acc: usize, k: usize, low: usize, high: usize): void {
  combAddSigned(acc, k, low, 248, PED_BITS);
  const top = <usize>(load<u8>(k + 31) & 0x0f);
  if (top !== 0) jacAddAffine(acc, acc, high + (top - 1) * AFFINE_BYTES);
}

function accumulate(acc: usize, a: usize, b: usize): void {
  ensurePedersenTables();
  jacFromAffine(acc, pedersenShift);
  addScalar(acc, a, pedP1, pedP2);
  addScalar(acc, b, pedP3, pedP4);
}

/** out = pedersen(a, b); inputs and output canonical felts (8 u32 limbs). */
export function pedersenHash(out: usize, a: usize, b: usize): void {
  accumulate(ACC, a, b);
  // The sum is never infinity for felt inputs (it would need a discrete-log relation).
  if (!jacToAffine(AFF, ACC)) fieldCopy(AFF, ACC);
  fromMont(out, AFF);
}

/**
 * out[i] = pedersen(a[i], b[i]) for n pairs, sharing one inversion; scratch holds n·(96 + 64) bytes.
 */
export function pedersenMany(out: usize, a: usize, b: usize, n: i32, scratch: usize): void {
  const zs = scratch + <usize>n * JAC_BYTES;
  const inv = zs + <usize>n * FELT_BYTES;
  for (let i = 0; i < n; i++) {
    const o = <usize>i * FELT_BYTES;
    const acc = scratch + <usize>i * JAC_BYTES;
    accumulate(acc, a + o, b + o);
    fieldCopy(zs + o, acc + 64);
    if (jacIsInfinity(acc)) store<u32>(zs + o, 1); // keep the batch inversion defined
  }
  vecBatchInv(zs, zs, n, inv);
  for (let i = 0; i < n; i++) {
    const o = <usize>i * FELT_BYTES;
    jacToAffineWith(AFF, scratch + <usize>i * JAC_BYTES, zs + o);
    fromMont(out + o, AFF);
  }
}
