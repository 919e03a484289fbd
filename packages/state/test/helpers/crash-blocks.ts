// Deterministic blocks for the crash-safety test: few trie updates, many events (a long write).
import type { BlockInput } from '../../src/index.ts';

export const CRASH_CONTRACT = 0xc0ffeen;
export const CRASH_KEYS = [1n, 2n, 3n];
export const EVENTS_PER_BLOCK = 20_000;

export function crashBlock(n: number): BlockInput {
  return {
    blockNumber: n,
    blockHash: BigInt(0xb10c00 + n),
    stateDiff: {
      storageDiffs: [
        { address: CRASH_CONTRACT, entries: CRASH_KEYS.map((key) => ({ key, value: BigInt(n * 10) + key })) },
      ],
      nonces: [{ address: CRASH_CONTRACT, nonce: BigInt(n + 1) }],
      deployedContracts: [],
      replacedClasses: [],
      declaredClasses: [],
      deprecatedDeclaredClasses: [],
      migratedCompiledClasses: [],
    },
    transactions: [
      {
        hash: BigInt(0x7000000 + n),
        transaction: { n },
        receipt: { n },
        events: Array.from({ length: EVENTS_PER_BLOCK }, (_, i) => ({
          fromAddress: CRASH_CONTRACT,
          keys: [BigInt(n)],
          data: [BigInt(i)],
        })),
      },
    ],
  };
}
