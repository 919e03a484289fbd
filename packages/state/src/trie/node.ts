import { StateError } from '../errors.js';

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

function writeWord(out: Buffer, offset: number, value: bigint): void {
  // Via hex: far cheaper than 32 BigInt shifts.
  out.write(value.toString(16).padStart(64, '0'), offset, 32, 'hex');
}

function readWord(bytes: Uint8Array, offset: number): bigint {
  return BigInt(`0x${Buffer.from(bytes.buffer, bytes.byteOffset + offset, 32).toString('hex')}`);
}

/**
 * Encodes a node: binary = left‖right (64 bytes); edge = length‖path‖child (65 bytes); with
 * locations, binary adds leftBlock‖rightBlock and edge adds childBlock (u32 each).
 */
export function encodeNode(node: TrieNode): Buffer {
  if (node.kind === 'binary') {
    const located = node.leftBlock !== undefined;
    const out = Buffer.allocUnsafe(located ? BINARY_SIZE + 8 : BINARY_SIZE);
    writeWord(out, 0, node.left);
    writeWord(out, 32, node.right);
    if (located) {
      out.writeUInt32BE(node.leftBlock!, 64);
      out.writeUInt32BE(node.rightBlock ?? 0, 68);
    }
    return out;
  }
  const located = node.childBlock !== undefined;
  const out = Buffer.allocUnsafe(located ? EDGE_SIZE + 4 : EDGE_SIZE);
  out[0] = node.length;
  writeWord(out, 1, node.path);
  writeWord(out, 33, node.child);
  if (located) out.writeUInt32BE(node.childBlock!, 65);
  return out;
}

/** Decodes the encoding of encodeNode. */
export function decodeNode(bytes: Uint8Array): TrieNode {
  if (bytes.length === BINARY_SIZE)
    return { kind: 'binary', left: readWord(bytes, 0), right: readWord(bytes, 32) };
  if (bytes.length === EDGE_SIZE)
    return { kind: 'edge', length: bytes[0]!, path: readWord(bytes, 1), child: readWord(bytes, 33) };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length === BINARY_SIZE + 8)
    return {
      kind: 'binary',
      left: readWord(bytes, 0),
      right: readWord(bytes, 32),
      leftBlock: view.getUint32(64),
      rightBlock: view.getUint32(68),
    };
  if (bytes.length === EDGE_SIZE + 4)
    return {
      kind: 'edge',
      length: bytes[0]!,
      path: readWord(bytes, 1),
      child: readWord(bytes, 33),
      childBlock: view.getUint32(65),
    };
  throw new StateError('CORRUPT_NODE', `stored trie node has ${bytes.length} bytes`);
}

/** 32-byte big-endian encoding of a felt or key. */
export function wordBytes(value: bigint): Buffer {
  return Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
}

/** Inverse of wordBytes (from any offset). */
export function bytesWord(bytes: Uint8Array, offset = 0): bigint {
  return readWord(bytes, offset);
}
