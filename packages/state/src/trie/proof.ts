import { P } from '@starling/felt';
import { StateError } from '../errors.js';
import { bitAt, bitsAt } from './bits.js';
import type { TrieHasher } from './hasher.js';
import type { NodeReader, TrieNode } from './node.js';

/** Adds to `out` the nodes on the path from `root` towards `key` (a membership or non-membership proof). */
export function collectProof(
  reader: NodeReader,
  height: number,
  root: bigint,
  key: bigint,
  out: Map<bigint, TrieNode> = new Map(),
  rootBlock?: number,
): Map<bigint, TrieNode> {
  if (key < 0n || key >= 1n << BigInt(height))
    throw new StateError('INVALID_KEY', `key out of range [0, 2^${height})`, { key: String(key) });
  let hash = root;
  let block = rootBlock;
  let depth = 0;
  while (hash !== 0n && depth < height) {
    const node = reader.getNode(hash, block);
    if (!node) throw new StateError('MISSING_NODE', `trie node ${hash.toString(16)} not found`);
    out.set(hash, node);
    if (node.kind === 'binary') {
      const right = bitAt(key, depth, height) === 1;
      hash = right ? node.right : node.left;
      block = right ? node.rightBlock : node.leftBlock;
      depth++;
    } else {
      if (bitsAt(key, depth, node.length, height) !== node.path) break;
      hash = node.child;
      block = node.childBlock;
      depth += node.length;
    }
  }
  return out;
}

/** The hash a node must have given its contents. */
export function nodeHash(node: TrieNode, hasher: TrieHasher): bigint {
  if (node.kind === 'binary') return hasher.hash(node.left, node.right);
  return (hasher.hash(node.child, node.path) + BigInt(node.length)) % P;
}

/**
 * Verifies a proof for `key` against `root` and returns the proven value (0 = absent).
 * Every node used is re-hashed; a missing or inconsistent node gives INVALID_PROOF.
 */
export function verifyProof(
  nodes: ReadonlyMap<bigint, TrieNode>,
  hasher: TrieHasher,
  height: number,
  root: bigint,
  key: bigint,
): bigint {
  if (key < 0n || key >= 1n << BigInt(height))
    throw new StateError('INVALID_KEY', `key out of range [0, 2^${height})`, { key: String(key) });
  let hash = root;
  let depth = 0;
  while (hash !== 0n && depth < height) {
    const node = nodes.get(hash);
    if (!node) throw new StateError('INVALID_PROOF', `proof lacks node ${hash.toString(16)}`, { depth });
    if (nodeHash(node, hasher) !== hash)
      throw new StateError('INVALID_PROOF', `node ${hash.toString(16)} does not hash to its key`);
    if (node.kind === 'binary') {
      hash = bitAt(key, depth, height) === 0 ? node.left : node.right;
      depth++;
    } else {
      if (node.length < 1 || depth + node.length > height || node.path >> BigInt(node.length) !== 0n)
        throw new StateError('INVALID_PROOF', 'malformed edge node in proof');
      if (bitsAt(key, depth, node.length, height) !== node.path) return 0n;
      hash = node.child;
      depth += node.length;
    }
  }
  return hash;
}
