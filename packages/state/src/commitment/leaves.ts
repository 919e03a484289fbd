import { pedersenMany } from '@starling/crypto';
import {
  classTrieLeaf,
  globalStateRoot as protocolGlobalRoot,
  contractStateLeaf as protocolLeaf,
} from '@starling/protocol';
import type { GlobalRootRule } from '../types.js';

// The formulas are protocol's (state-commitment definitions); these wrappers add the batched form and
// the trie conventions (an absent class leaf is 0).

/** CONTRACT_STATE_HASH_VERSION, the last input of the contract-state leaf. */
export const CONTRACT_STATE_HASH_VERSION = 0n;

/** Contracts-trie leaf: ped(ped(ped(class_hash, storage_root), nonce), 0); 0 when all three are 0. */
export const contractStateLeaf: (classHash: bigint, storageRoot: bigint, nonce: bigint) => bigint =
  protocolLeaf;

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
  return compiledClassHash === 0n ? 0n : classTrieLeaf(compiledClassHash);
}

/** The global state root from the contracts and classes roots (§5.3). */
export function globalStateRoot(
  contractsRoot: bigint,
  classesRoot: bigint,
  rule: GlobalRootRule = 'v0_14',
): bigint {
  return protocolGlobalRoot(contractsRoot, classesRoot, rule === 'legacy' ? '0.13.0' : '0.14.0');
}
