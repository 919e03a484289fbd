import { readFileSync } from 'node:fs';
import { StarlingError } from '../errors.js';
import { type WasmMemory, type WasmModule, wasmApi } from './wasm-api.js';

/** The exports of felt.wasm (pointers are byte offsets into `memory`; counts are element counts). */
export interface FeltKernels {
  readonly memory: WasmMemory;
  heapBase(): number;
  fieldAdd(r: number, a: number, b: number): void;
  fieldSub(r: number, a: number, b: number): void;
  montMul(r: number, a: number, b: number): void;
  montSqr(r: number, a: number): void;
  toMont(r: number, a: number): void;
  fromMont(r: number, a: number): void;
  fieldInv(r: number, a: number): void;
  fieldInvFermat(r: number, a: number): void;
  fieldInvBinary(r: number, a: number): void;
  /** r = a^−1 for a canonical (not Montgomery) a < p; 0 maps to 0. */
  fieldInvInteger(r: number, a: number): void;
  fieldPow(r: number, a: number, e: number, words: number): void;
  vecAdd(r: number, a: number, b: number, n: number): void;
  vecSub(r: number, a: number, b: number, n: number): void;
  vecMul(r: number, a: number, b: number, n: number): void;
  vecSqr(r: number, a: number, n: number): void;
  vecScale(r: number, a: number, s: number, n: number): void;
  vecToMont(r: number, a: number, n: number): void;
  vecFromMont(r: number, a: number, n: number): void;
  vecBatchInv(r: number, a: number, n: number, scratch: number): number;
  powers(r: number, g: number, n: number): void;
  mulPowers(a: number, g: number, n: number): void;
  bitReverse(a: number, logN: number): void;
  ntt(a: number, logN: number, tw: number, inverse: number): void;
}

let compiled: WasmModule | undefined;

/** The compiled felt.wasm module (built by scripts/build-wasm.mjs into dist-wasm/, beside src/ and dist/). */
export function feltWasmModule(): WasmModule {
  if (!compiled) {
    const url = new URL('../../dist-wasm/felt.wasm', import.meta.url);
    let bytes: Buffer;
    try {
      bytes = readFileSync(url);
    } catch (cause) {
      throw new StarlingError('WASM_UNAVAILABLE', `felt.wasm not built (${url.pathname})`, undefined, {
        cause,
      });
    }
    compiled = new wasmApi.Module(bytes);
  }
  return compiled;
}

/** A fresh instance with its own memory (one per worker thread, or per independent user). */
export function instantiateFeltWasm(): FeltKernels {
  const instance = new wasmApi.Instance(feltWasmModule(), {
    env: {
      abort: () => {
        throw new StarlingError('WASM_ABORT', 'felt.wasm aborted');
      },
    },
  });
  return instance.exports as unknown as FeltKernels;
}
