import type { NodeReader, TrieNode } from '../trie/node.js';
import { planUpdate } from '../trie/plan-update.js';
import { collectProof } from '../trie/proof.js';
import { sortUpdates } from '../trie/updates.js';
import type { ContractState, RootLocations, StateDiff, StateRoots } from '../types.js';
import { STATE_TRIE_HEIGHT } from './commit-state-diff.js';

/** Trie witnesses of one block: the preimages of the nodes read (before) and created (after). */
export interface BlockWitness {
  readonly pedersen: { read: Map<bigint, TrieNode>; created: Map<bigint, TrieNode> };
  readonly poseidon: { read: Map<bigint, TrieNode>; created: Map<bigint, TrieNode> };
}

/** The two states around a block, as the witness needs them. */
export interface WitnessSource extends NodeReader {
  contractBefore(address: bigint): ContractState;
  contractAfter(address: bigint): ContractState;
}

/**
 * Recomputes the witness of a block from the states before and after it, without hashing: the nodes
 * the commit reads (paths, and siblings merged on deletion) by re-planning the diff on the old tries,
 * and the nodes it creates as the paths to every updated key in the new tries.
 */
export function blockWitness(
  src: WitnessSource,
  before: StateRoots & Partial<RootLocations>,
  after: StateRoots & Partial<RootLocations>,
  diff: StateDiff,
): BlockWitness {
  const w: BlockWitness = {
    pedersen: { read: new Map(), created: new Map() },
    poseidon: { read: new Map(), created: new Map() },
  };
  const storage = new Map<bigint, Map<bigint, bigint>>();
  for (const sd of diff.storageDiffs) {
    let m = storage.get(sd.address);
    if (!m) storage.set(sd.address, (m = new Map()));
    for (const e of sd.entries) m.set(e.key, e.value);
  }
  const touched = new Set<bigint>(storage.keys());
  for (const d of [...diff.deployedContracts, ...diff.replacedClasses, ...diff.nonces])
    touched.add(d.address);
  for (const [address, writes] of storage) {
    const sorted = sortUpdates(writes, STATE_TRIE_HEIGHT);
    const old = src.contractBefore(address);
    planUpdate(src, STATE_TRIE_HEIGHT, old.storageRoot, sorted, w.pedersen.read, old.storageRootBlock);
    const now = src.contractAfter(address);
    for (const k of sorted.keys)
      collectProof(src, STATE_TRIE_HEIGHT, now.storageRoot, k, w.pedersen.created, now.storageRootBlock);
  }
  // Only zero versus non-zero leaves changes which nodes an update reads.
  const contractUpdates = [...touched].map((a): [bigint, bigint] => {
    const s = src.contractAfter(a);
    return [a, s.classHash === 0n && s.nonce === 0n && s.storageRoot === 0n ? 0n : 1n];
  });
  const sortedContracts = sortUpdates(contractUpdates, STATE_TRIE_HEIGHT);
  planUpdate(
    src,
    STATE_TRIE_HEIGHT,
    before.contractsRoot,
    sortedContracts,
    w.pedersen.read,
    before.contractsRootBlock,
  );
  for (const a of sortedContracts.keys)
    collectProof(
      src,
      STATE_TRIE_HEIGHT,
      after.contractsRoot,
      a,
      w.pedersen.created,
      after.contractsRootBlock,
    );
  const classes = [...diff.declaredClasses, ...diff.migratedCompiledClasses].map((c): [bigint, bigint] => [
    c.classHash,
    1n,
  ]);
  if (classes.length > 0) {
    const sortedClasses = sortUpdates(classes, STATE_TRIE_HEIGHT);
    planUpdate(
      src,
      STATE_TRIE_HEIGHT,
      before.classesRoot,
      sortedClasses,
      w.poseidon.read,
      before.classesRootBlock,
    );
    for (const c of sortedClasses.keys)
      collectProof(src, STATE_TRIE_HEIGHT, after.classesRoot, c, w.poseidon.created, after.classesRootBlock);
  }
  addSplitSiblings(src, w.pedersen);
  addSplitSiblings(src, w.poseidon);
  return w;
}

/**
 * Adds the new nodes that lie beside the updated paths: when an update leaves an edge midway, the
 * edge's lower part becomes a new, shorter edge under a new binary node. An old sibling is always a
 * child of some node read before the update, so any other unknown child of a new binary node is new.
 */
function addSplitSiblings(
  src: NodeReader,
  g: { read: Map<bigint, TrieNode>; created: Map<bigint, TrieNode> },
) {
  const oldChildren = new Set<bigint>();
  for (const n of g.read.values()) {
    if (n.kind === 'binary') {
      oldChildren.add(n.left);
      oldChildren.add(n.right);
    } else oldChildren.add(n.child);
  }
  for (const n of [...g.created.values()]) {
    if (n.kind !== 'binary') continue;
    for (const [c, block] of [
      [n.left, n.leftBlock],
      [n.right, n.rightBlock],
    ] as const) {
      if (g.created.has(c) || oldChildren.has(c)) continue;
      const node = src.getNode(c, block);
      if (node) g.created.set(c, node);
    }
  }
}
