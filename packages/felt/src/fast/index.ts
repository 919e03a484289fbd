import type { FieldBackend } from '../backend.js';
import { referenceField } from '../reference-field.js';
import { FastField } from './fast-field.js';
import { createWasmField } from './wasm-field.js';

export { FAST_FIELD_LIMBS, FastField, MAX_NTT_LOG } from './fast-field.js';
export { fastBatchInverse, fastInv, fastSqrt, trySqrt } from './fast-scalar.js';
export { FeltMemory } from './felt-memory.js';
export { type FeltKernels, feltWasmModule, instantiateFeltWasm } from './felt-wasm.js';
export { type WasmMemory, type WasmModule, wasmApi } from './wasm-api.js';
export { createWasmField } from './wasm-field.js';

let shared: FastField | null | undefined;

/** This thread's FastField instance, or null when felt.wasm is not built or cannot load. */
export function getFastField(): FastField | null {
  if (shared === undefined) {
    try {
      shared = new FastField();
    } catch {
      shared = null;
    }
  }
  return shared;
}

let backend: FieldBackend | undefined;

/** The fastest available FieldBackend: WASM when it loads, the BigInt reference otherwise. */
export function getFieldBackend(): FieldBackend {
  if (!backend) {
    const fast = getFastField();
    backend = fast ? createWasmField(fast) : referenceField;
  }
  return backend;
}
