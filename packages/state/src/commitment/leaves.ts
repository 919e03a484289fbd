import { pedersen, pedersenMany, poseidon, poseidonArray } from '@starling/crypto';
import { encodeShortString } from '@starling/felt';
import type { GlobalRootRule } from '../types.js';

// These formulas belong to the protocol package (state-commitment definitions); kept here until it exports them.

/** CONTRACT_STATE_HASH_VERSION, the last input of the contract-state leaf. */
export const CONTRACT_STATE_HASH_VERSION = 0n;
const CLASS_LEAF_PREFIX = encodeShortString('CONTRACT_CLASS_LEAF_V0');
const STATE_PREFIX = encodeShortString('STARKNET_STATE_V0');

/** Contracts-trie leaf: ped(ped(ped(class_hash, storage_root), nonce), 0); 0 when all three are 0. */
export function contractStateLeaf(classHash: bigint, storageRoot: bigint, nonce: bigint): bigint {
  if (classHash === 0n && storageRoot === 0n && nonce === 0n) return 0n;
  return pedersen(pedersen(pedersen(classHash, storageRoot), nonce), CONTRACT_STATE_HASH_VERSION);
}

/** contractStateLeaf for many contracts, three batched Pedersen rounds. */
export function contractStateLeaves(
  states: readonly { classHash: bigint; storageRoot: bigint; nonce: bigint }[],
  hashMany: (a: readonly bigint[], b: readonly bigint[]) => bigint[] = pedersenMany,
): bigint[] {
  const live = states.map((s) => !(s.classHash === 0n && s.storageRoot === 0n && s.nonce === 0n));
  const h1 = hashMany(
    states.map((s) => s.classHash),
    states.map((s) => s.storageRoot),
  );
  const h2 = hashMany(
    h1,
    states.map((s) => s.nonce),
  );
  const h3 = hashMany(
    h2,
    h2.map(() => CONTRACT_STATE_HASH_VERSION),
  );
  return h3.map((h, i) => (live[i] ? h : 0n));
}

/** Classes-trie leaf: pos('CONTRACT_CLASS_LEAF_V0', compiled_class_hash); 0 (absent) for 0. */
export function classLeaf(compiledClassHash: bigint): bigint {
  if (compiledClassHash === 0n) return 0n;
  return poseidon(CLASS_LEAF_PREFIX, compiledClassHash);
}

/** The global state root from the contracts and classes roots (§5.3). */
export function globalStateRoot(
  contractsRoot: bigint,
  classesRoot: bigint,
  rule: GlobalRootRule = 'v0_14',
): bigint {
  if (contractsRoot === 0n && classesRoot === 0n) return 0n;
  if (rule === 'legacy' && classesRoot === 0n) return contractsRoot;
  return poseidonArray([STATE_PREFIX, contractsRoot, classesRoot]);
}
