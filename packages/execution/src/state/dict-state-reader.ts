// A plain in-memory StateReader (genesis base, tests, and `starknet_call` on a snapshot).
import type { CasmClass, StateReader, StoredClass } from '@starling/protocol';

export class DictStateReader implements StateReader {
  readonly storage = new Map<bigint, Map<bigint, bigint>>();
  readonly nonces = new Map<bigint, bigint>();
  readonly classHashes = new Map<bigint, bigint>();
  readonly compiledClassHashes = new Map<bigint, bigint>();
  readonly classes = new Map<bigint, StoredClass>();
  readonly casm = new Map<bigint, CasmClass>();

  getStorageAt(address: bigint, key: bigint): bigint {
    return this.storage.get(address)?.get(key) ?? 0n;
  }
  getNonceAt(address: bigint): bigint {
    return this.nonces.get(address) ?? 0n;
  }
  getClassHashAt(address: bigint): bigint {
    return this.classHashes.get(address) ?? 0n;
  }
  getCompiledClassHash(classHash: bigint): bigint {
    return this.compiledClassHashes.get(classHash) ?? 0n;
  }
  getClass(classHash: bigint): StoredClass | undefined {
    return this.classes.get(classHash);
  }
  getCompiledClass(classHash: bigint): CasmClass | undefined {
    return this.casm.get(classHash);
  }
}
