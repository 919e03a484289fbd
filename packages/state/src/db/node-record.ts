// The stored form of a trie node: one fixed-size record, hash first, so that pages of records can be
// sorted and searched by their bytes. Hash workers write records directly (parallel/tree-job.ts).
import { StateError } from '../errors.js';
import type { TrieNode } from '../trie/node.js';
import { readWordAt, writeWordAt } from '../trie/word.js';

/** One record: hash (32) ‖ kind (1: 0 binary, 1 edge) ‖ body (72). */
export const NODE_RECORD = 105;

/** Writes a binary node's record at `offset` of `view`. */
export function encodeBinaryRecord(
  view: DataView,
  offset: number,
  hash: bigint,
  left: bigint,
  right: bigint,
  leftBlock: number,
  rightBlock: number,
): void {
  writeWordAt(view, offset, hash);
  const o = offset + 33;
  view.setUint8(offset + 32, 0);
  writeWordAt(view, o, left);
  writeWordAt(view, o + 32, right);
  view.setUint32(o + 64, leftBlock);
  view.setUint32(o + 68, rightBlock);
}

/** Writes an edge node's record at `offset` of `view`. */
export function encodeEdgeRecord(
  view: DataView,
  offset: number,
  hash: bigint,
  length: number,
  path: bigint,
  child: bigint,
  childBlock: number,
): void {
  writeWordAt(view, offset, hash);
  const o = offset + 33;
  view.setUint8(offset + 32, 1);
  view.setUint8(o, length);
  writeWordAt(view, o + 1, path);
  writeWordAt(view, o + 33, child);
  view.setUint32(o + 65, childBlock);
  view.setUint16(o + 69, 0);
  view.setUint8(o + 71, 0);
}

/** Writes the record of (hash, node) at `offset` of `view` (a missing child location is 0). */
export function encodeRecord(view: DataView, offset: number, hash: bigint, node: TrieNode): void {
  if (node.kind === 'binary')
    encodeBinaryRecord(view, offset, hash, node.left, node.right, node.leftBlock ?? 0, node.rightBlock ?? 0);
  else encodeEdgeRecord(view, offset, hash, node.length, node.path, node.child, node.childBlock ?? 0);
}

/** The node of the record at `offset` of `view`. */
export function decodeRecord(view: DataView, offset: number): TrieNode {
  const o = offset + 33;
  const kind = view.getUint8(offset + 32);
  if (kind === 0)
    return {
      kind: 'binary',
      left: readWordAt(view, o),
      right: readWordAt(view, o + 32),
      leftBlock: view.getUint32(o + 64),
      rightBlock: view.getUint32(o + 68),
    };
  if (kind === 1)
    return {
      kind: 'edge',
      length: view.getUint8(o),
      path: readWordAt(view, o + 1),
      child: readWordAt(view, o + 33),
      childBlock: view.getUint32(o + 65),
    };
  throw new StateError('CORRUPT_NODE', `stored trie node has kind ${kind}`);
}

/** The hash of the record at `offset` of `view`. */
export function recordHash(view: DataView, offset: number): bigint {
  return readWordAt(view, offset);
}
