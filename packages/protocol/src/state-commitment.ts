// Leaves and root of the global state commitment (the tries themselves live in the state package).
import { pedersen, poseidon, poseidonArray } from '@starling/crypto';
import { PREFIX_CONTRACT_CLASS_LEAF_V0, PREFIX_STARKNET_STATE_V0 } from './constants.js';
import { isVersionAtLeast } from './starknet-version.js';

/** Contracts-trie leaf: ped(ped(ped(class_hash, storage_root), nonce), 0); an all-zero contract is absent (0). */
export function contractStateLeaf(classHash: bigint, storageRoot: bigint, nonce: bigint): bigint {
  if (classHash === 0n && storageRoot === 0n && nonce === 0n) return 0n;
  // The trailing 0 is CONTRACT_STATE_HASH_VERSION.
  return pedersen(pedersen(pedersen(classHash, storageRoot), nonce), 0n);
}

/** Classes-trie leaf: poseidon('CONTRACT_CLASS_LEAF_V0', compiled_class_hash) (two-input form). */
export function classTrieLeaf(compiledClassHash: bigint): bigint {
  return poseidon(PREFIX_CONTRACT_CLASS_LEAF_V0, compiledClassHash);
}

/**
 * Global state root. Since 0.14.0: poseidon('STARKNET_STATE_V0', contracts_root, classes_root), or 0 when
 * both roots are 0. Before 0.14.0 a zero classes root meant the contracts root alone.
 */
export function globalStateRoot(
  contractsRoot: bigint,
  classesRoot: bigint,
  starknetVersion = '0.14.1',
): bigint {
  if (contractsRoot === 0n && classesRoot === 0n) return 0n;
  if (classesRoot === 0n && !isVersionAtLeast(starknetVersion, '0.14.0')) return contractsRoot;
  return poseidonArray([PREFIX_STARKNET_STATE_V0, contractsRoot, classesRoot]);
}
