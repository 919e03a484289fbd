import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vectorsDir } from './vectors.ts';

/** class hash → compiled class hash v2, from the official mainnet and Sepolia tables (64-byte records). */
export function loadCasmV2Table(): Map<bigint, bigint> {
  const table = new Map<bigint, bigint>();
  for (const f of ['mainnet-casm-v2-hashes.bin', 'testnet-sepolia-casm-v2-hashes.bin']) {
    const b = readFileSync(join(vectorsDir, 'casm-hashes', f));
    for (let i = 0; i + 64 <= b.length; i += 64) {
      const key = BigInt(`0x${b.subarray(i, i + 32).toString('hex')}`);
      table.set(key, BigInt(`0x${b.subarray(i + 32, i + 64).toString('hex')}`));
    }
  }
  return table;
}
