import { StateError } from '../errors.js';

/** A stored inner node; children are referenced by hash (a leaf's hash is its value). */
export type TrieNode =
  | { readonly kind: 'binary'; readonly left: bigint; readonly right: bigint }
  | { readonly kind: 'edge'; readonly path: bigint; readonly length: number; readonly child: bigint };

/** Read access to inner nodes by hash. */
export interface NodeReader {
  getNode(hash: bigint): TrieNode | undefined;
}

const BINARY_SIZE = 64;
const EDGE_SIZE = 65;

function writeWord(out: Uint8Array, offset: number, value: bigint): void {
  for (let i = 31; i >= 0; i--) {
    out[offset + i] = Number(value & 0xffn);
    value >>= 8n;
  }
}

function readWord(bytes: Uint8Array, offset: number): bigint {
  let hex = '0x';
  for (let i = 0; i < 32; i++) hex += (bytes[offset + i]! < 16 ? '0' : '') + bytes[offset + i]!.toString(16);
  return BigInt(hex);
}

/** Encodes a node: binary = left‖right (64 bytes); edge = length‖path‖child (65 bytes). */
export function encodeNode(node: TrieNode): Uint8Array {
  if (node.kind === 'binary') {
    const out = new Uint8Array(BINARY_SIZE);
    writeWord(out, 0, node.left);
    writeWord(out, 32, node.right);
    return out;
  }
  const out = new Uint8Array(EDGE_SIZE);
  out[0] = node.length;
  writeWord(out, 1, node.path);
  writeWord(out, 33, node.child);
  return out;
}

/** Decodes the encoding of encodeNode. */
export function decodeNode(bytes: Uint8Array): TrieNode {
  if (bytes.length === BINARY_SIZE)
    return { kind: 'binary', left: readWord(bytes, 0), right: readWord(bytes, 32) };
  if (bytes.length === EDGE_SIZE)
    return { kind: 'edge', length: bytes[0]!, path: readWord(bytes, 1), child: readWord(bytes, 33) };
  throw new StateError('CORRUPT_NODE', `stored trie node has ${bytes.length} bytes`);
}

/** 32-byte big-endian encoding of a felt or key. */
export function wordBytes(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  writeWord(out, 0, value);
  return out;
}

/** Inverse of wordBytes (from any offset). */
export function bytesWord(bytes: Uint8Array, offset = 0): bigint {
  return readWord(bytes, offset);
}
