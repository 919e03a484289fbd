import { readFileSync } from 'node:fs';
import { StarlingError, type WasmMemory, type WasmModule, wasmApi } from '@starling/felt';

/** The exports of crypto.wasm (pointers are byte offsets into `memory`; felts are 8 u32 limbs). */
export interface CryptoKernels {
  readonly memory: WasmMemory;
  initInputArea(): number;
  initTables(points: number, rc: number): number;
  pedersenHash(out: number, a: number, b: number): void;
  pedersenMany(out: number, a: number, b: number, n: number, scratch: number): void;
  pedersenBatchAffine(out: number, a: number, b: number, n: number, scratch: number): void;
  reverseWords(ptr: number, n: number): void;
  poseidonPermute(state: number): void;
  poseidonHashMany(out: number, a: number, b: number, n: number): void;
  poseidonSponge(out: number, values: number, n: number): void;
  ecMulAdd(out: number, p: number, pInf: number, m: number, q: number, qInf: number): number;
  ecdsaPoint(outX: number, u1: number, u2: number, q: number): number;
  ecPointTable(slot: number, q: number): number;
  invModOrder(r: number, a: number): void;
  ecMulAddTable(out: number, p: number, pInf: number, m: number, slot: number): number;
  ecdsaPointTable(outX: number, u1: number, u2: number, slot: number): number;
}

let compiled: WasmModule | undefined;

/** The compiled crypto.wasm module (built by scripts/build-wasm.mjs into dist-wasm/, beside src/ and dist/). */
export function cryptoWasmModule(): WasmModule {
  if (!compiled) {
    const url = new URL('../../dist-wasm/crypto.wasm', import.meta.url);
    let bytes: Buffer;
    try {
      bytes = readFileSync(url);
    } catch (cause) {
      throw new StarlingError('WASM_UNAVAILABLE', `crypto.wasm not built (${url.pathname})`, undefined, {
        cause,
      });
    }
    compiled = new wasmApi.Module(bytes);
  }
  return compiled;
}

/** A fresh instance with its own memory and tables (one per worker thread). */
export function instantiateCryptoWasm(): CryptoKernels {
  const instance = new wasmApi.Instance(cryptoWasmModule(), {
    env: {
      abort: () => {
        throw new StarlingError('WASM_ABORT', 'crypto.wasm aborted');
      },
    },
  });
  return instance.exports as unknown as CryptoKernels;
}
