// The stored form of a trie node: one fixed-size record, hash first, so that pages of records can be
// sorted and searched by their bytes. Hash workers write records directly (parallel/tree-job.ts).
import { StateError } from '../errors.js';
import type { TrieNode } from '../trie/node.js';
import { readWordAt, writeWordAt } from '../trie/word.js';

/** One record: hash (32) ‖ kind (1: 0 binary, 1 edge) ‖ body (72). */
export const NODE_RECORD = 105;

/**
 * Byte offsets in a record: a binary body is left ‖ right ‖ left block ‖ right block; an edge body is
 * length (1) ‖ path ‖ child ‖ child block ‖ three zero bytes. Words are 32-byte big-endian, blocks u32.
 */
export const AT = {
  kind: 32,
  left: 33,
  right: 65,
  leftBlock: 97,
  rightBlock: 101,
  length: 33,
  path: 34,
  child: 66,
  childBlock: 98,
} as const;

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
  view.setUint8(offset + AT.kind, 0);
  writeWordAt(view, offset + AT.left, left);
  writeWordAt(view, offset + AT.right, right);
  view.setUint32(offset + AT.leftBlock, leftBlock);
  view.setUint32(offset + AT.rightBlock, rightBlock);
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
  view.setUint8(offset + AT.kind, 1);
  view.setUint8(offset + AT.length, length);
  writeWordAt(view, offset + AT.path, path);
  writeWordAt(view, offset + AT.child, child);
  view.setUint32(offset + AT.childBlock, childBlock);
  view.setUint16(offset + AT.childBlock + 4, 0);
  view.setUint8(offset + AT.childBlock + 6, 0);
}

/** Writes the record of (hash, node) at `offset` of `view` (a missing child location is 0). */
export function encodeRecord(view: DataView, offset: number, hash: bigint, node: TrieNode): void {
  if (node.kind === 'binary')
    encodeBinaryRecord(view, offset, hash, node.left, node.right, node.leftBlock ?? 0, node.rightBlock ?? 0);
  else encodeEdgeRecord(view, offset, hash, node.length, node.path, node.child, node.childBlock ?? 0);
}

/** The node of the record at `offset` of `view`. */
export function decodeRecord(view: DataView, offset: number): TrieNode {
  const kind = view.getUint8(offset + AT.kind);
  if (kind === 0)
    return {
      kind: 'binary',
      left: readWordAt(view, offset + AT.left),
      right: readWordAt(view, offset + AT.right),
      leftBlock: view.getUint32(offset + AT.leftBlock),
      rightBlock: view.getUint32(offset + AT.rightBlock),
    };
  if (kind === 1)
    return {
      kind: 'edge',
      length: view.getUint8(offset + AT.length),
      path: readWordAt(view, offset + AT.path),
      child: readWordAt(view, offset + AT.child),
      childBlock: view.getUint32(offset + AT.childBlock),
    };
  throw new StateError('CORRUPT_NODE', `stored trie node has kind ${kind}`);
}

/** The hash of the record at `offset` of `view`. */
export function recordHash(view: DataView, offset: number): bigint {
  return readWordAt(view, offset);
}
