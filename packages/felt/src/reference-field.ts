import type { FieldBackend } from './backend.js';
import { add, batchInverse, inv, mul, pow, sqrt, sub } from './field.js';

/** The BigInt reference backend, kept for differential tests against faster kernels. */
export const referenceField: FieldBackend = {
  name: 'reference',
  add,
  sub,
  mul,
  inv,
  batchInverse,
  pow,
  sqrt,
};
