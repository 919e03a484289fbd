// Deterministic random numbers and state diffs for tests.
import type { StateDiff } from '../../src/index.ts';

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

export function randomFelt(r: () => number, bits = 250): bigint {
  let k = 0n;
  for (let i = 0; i < bits; i += 30) k = (k << 30n) | BigInt(Math.floor(r() * 2 ** 30));
  return k & ((1n << BigInt(bits)) - 1n);
}

/** A random diff over a small universe of contracts and keys (so that blocks overwrite and delete). */
export function randomDiff(r: () => number, contracts: bigint[], keys: bigint[], writes: number): StateDiff {
  const storage = new Map<bigint, Map<bigint, bigint>>();
  for (let i = 0; i < writes; i++) {
    const a = contracts[Math.floor(r() * contracts.length)]!;
    const k = keys[Math.floor(r() * keys.length)]!;
    const v = r() < 0.25 ? 0n : BigInt(1 + Math.floor(r() * 1e6));
    let m = storage.get(a);
    if (!m) storage.set(a, (m = new Map()));
    m.set(k, v);
  }
  const nonceOf = contracts[Math.floor(r() * contracts.length)]!;
  return {
    storageDiffs: [...storage].map(([address, m]) => ({
      address,
      entries: [...m].map(([key, value]) => ({ key, value })),
    })),
    nonces: [{ address: nonceOf, nonce: BigInt(1 + Math.floor(r() * 100)) }],
    deployedContracts:
      r() < 0.5 ? [{ address: contracts[Math.floor(r() * contracts.length)]!, classHash: 0x1234n }] : [],
    replacedClasses: [],
    declaredClasses: r() < 0.5 ? [{ classHash: randomFelt(r), compiledClassHash: randomFelt(r) }] : [],
    deprecatedDeclaredClasses: [],
    migratedCompiledClasses: [],
  };
}
