import { StateError } from '../errors.js';
import { bitAt, bitsAt } from './bits.js';
import type { NodeReader } from './node.js';

/** The value at `key` in the trie with root `root` (0 when absent). */
export function getLeaf(
  reader: NodeReader,
  height: number,
  root: bigint,
  key: bigint,
  rootBlock?: number,
): bigint {
  if (key < 0n || key >= 1n << BigInt(height))
    throw new StateError('INVALID_KEY', `key out of range [0, 2^${height})`, { key: String(key) });
  let hash = root;
  let block = rootBlock;
  let depth = 0;
  while (hash !== 0n && depth < height) {
    const node = reader.getNode(hash, block);
    if (!node) throw new StateError('MISSING_NODE', `trie node ${hash.toString(16)} not found`);
    if (node.kind === 'binary') {
      const right = bitAt(key, depth, height) === 1;
      hash = right ? node.right : node.left;
      block = right ? node.rightBlock : node.leftBlock;
      depth++;
    } else {
      if (bitsAt(key, depth, node.length, height) !== node.path) return 0n;
      hash = node.child;
      block = node.childBlock;
      depth += node.length;
    }
  }
  return hash;
}
