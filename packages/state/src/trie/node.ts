import { StateError } from '../errors.js';
import { readWordAt, viewOf, writeWordAt } from './word.js';

/**
 * A stored inner node; children are referenced by hash (a leaf's hash is its value). A persistent
 * store also records the block that created each child (its location): nodes are keyed by
 * block ‖ hash so that the nodes of one commit are written together, not scattered over the file.
 */
export type TrieNode =
  | {
      readonly kind: 'binary';
      readonly left: bigint;
      readonly right: bigint;
      readonly leftBlock?: number;
      readonly rightBlock?: number;
    }
  | {
      readonly kind: 'edge';
      readonly path: bigint;
      readonly length: number;
      readonly child: bigint;
      readonly childBlock?: number;
    };

/** Read access to inner nodes by hash (and, for persistent stores, the block that created them). */
export interface NodeReader {
  getNode(hash: bigint, block?: number): TrieNode | undefined;
}

const BINARY_SIZE = 64;
const EDGE_SIZE = 65;

/** The size of the encoding of `node` (see encodeNode). */
export function encodedNodeSize(node: TrieNode): number {
  if (node.kind === 'binary') return node.leftBlock !== undefined ? BINARY_SIZE + 8 : BINARY_SIZE;
  return node.childBlock !== undefined ? EDGE_SIZE + 4 : EDGE_SIZE;
}

/** Writes the encoding of `node` at `offset` of `view`; returns the offset after it. */
export function encodeNodeAt(view: DataView, offset: number, node: TrieNode): number {
  if (node.kind === 'binary') {
    writeWordAt(view, offset, node.left);
    writeWordAt(view, offset + 32, node.right);
    if (node.leftBlock === undefined) return offset + BINARY_SIZE;
    view.setUint32(offset + 64, node.leftBlock);
    view.setUint32(offset + 68, node.rightBlock ?? 0);
    return offset + BINARY_SIZE + 8;
  }
  view.setUint8(offset, node.length);
  writeWordAt(view, offset + 1, node.path);
  writeWordAt(view, offset + 33, node.child);
  if (node.childBlock === undefined) return offset + EDGE_SIZE;
  view.setUint32(offset + 65, node.childBlock);
  return offset + EDGE_SIZE + 4;
}

/**
 * Encodes a node: binary = left‖right (64 bytes); edge = length‖path‖child (65 bytes); with
 * locations, binary adds leftBlock‖rightBlock and edge adds childBlock (u32 each).
 */
export function encodeNode(node: TrieNode): Buffer {
  const out = Buffer.allocUnsafe(encodedNodeSize(node));
  encodeNodeAt(viewOf(out), 0, node);
  return out;
}

/** Decodes the encoding of encodeNode. */
export function decodeNode(bytes: Uint8Array): TrieNode {
  const view = viewOf(bytes);
  const n = bytes.length;
  if (n === BINARY_SIZE + 8)
    return {
      kind: 'binary',
      left: readWordAt(view, 0),
      right: readWordAt(view, 32),
      leftBlock: view.getUint32(64),
      rightBlock: view.getUint32(68),
    };
  if (n === EDGE_SIZE + 4)
    return {
      kind: 'edge',
      length: bytes[0]!,
      path: readWordAt(view, 1),
      child: readWordAt(view, 33),
      childBlock: view.getUint32(65),
    };
  if (n === BINARY_SIZE) return { kind: 'binary', left: readWordAt(view, 0), right: readWordAt(view, 32) };
  if (n === EDGE_SIZE)
    return { kind: 'edge', length: bytes[0]!, path: readWordAt(view, 1), child: readWordAt(view, 33) };
  throw new StateError('CORRUPT_NODE', `stored trie node has ${n} bytes`);
}

/** 32-byte big-endian encoding of a felt or key. */
export function wordBytes(value: bigint): Buffer {
  const out = Buffer.allocUnsafe(32);
  writeWordAt(viewOf(out), 0, value);
  return out;
}

/** Inverse of wordBytes (from any offset). */
export function bytesWord(bytes: Uint8Array, offset = 0): bigint {
  return readWordAt(viewOf(bytes), offset);
}
