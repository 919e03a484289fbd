import { pedersen, pedersenMany, poseidon } from '@starling/crypto';

/** The two-input hash of a trie, with a batch form so that fast kernels can hash a whole level at once. */
export interface TrieHasher {
  readonly name: 'pedersen' | 'poseidon';
  hash(a: bigint, b: bigint): bigint;
  hashMany(a: readonly bigint[], b: readonly bigint[]): bigint[];
}

/** Pedersen, used by storage tries and the contracts trie. */
export const pedersenHasher: TrieHasher = {
  name: 'pedersen',
  hash: pedersen,
  hashMany: (a, b) => (a.length === 0 ? [] : pedersenMany(a, b)),
};

/** Poseidon (two-input form), used by the classes trie. */
export const poseidonHasher: TrieHasher = {
  name: 'poseidon',
  hash: poseidon,
  hashMany: (a, b) => a.map((x, i) => poseidon(x, b[i]!)),
};
