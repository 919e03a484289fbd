// Entry point of felt.wasm: field, vector and NTT kernels. Pointers address this module's memory.
export {
  fieldAdd,
  fieldInv,
  fieldInvFermat,
  fieldPow,
  fieldSub,
  fromMont,
  montMul,
  montSqr,
  toMont,
} from './field';
export { fieldInvBinary, fieldInvInteger } from './inverse';
export { bitReverse, mulPowers, ntt, powers } from './ntt';
export {
  vecAdd,
  vecBatchInv,
  vecFromMont,
  vecMul,
  vecScale,
  vecSqr,
  vecSub,
  vecToMont,
} from './vector';

/** First free byte after the module's static data, 64-byte aligned: callers own memory from here. */
export function heapBase(): usize {
  return (__heap_base + 63) & ~63;
}
