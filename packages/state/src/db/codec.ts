import { bytesWord, wordBytes } from '../trie/node.js';
import type { ContractState, RootLocations, StateRoots } from '../types.js';

function u32s(...xs: number[]): Buffer {
  const out = Buffer.allocUnsafe(4 * xs.length);
  xs.forEach((x, i) => {
    out.writeUInt32BE(x, 4 * i);
  });
  return out;
}

function readU32(b: Uint8Array, offset: number): number {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(offset);
}

/** class hash ‖ nonce ‖ storage root ‖ storage-root location (u32). */
export function encodeContractState(s: ContractState): Buffer {
  return Buffer.concat([
    wordBytes(s.classHash),
    wordBytes(s.nonce),
    wordBytes(s.storageRoot),
    u32s(s.storageRootBlock ?? 0),
  ]);
}

/** Inverse of encodeContractState. */
export function decodeContractState(b: Uint8Array): ContractState {
  return {
    classHash: bytesWord(b, 0),
    nonce: bytesWord(b, 32),
    storageRoot: bytesWord(b, 64),
    storageRootBlock: readU32(b, 96),
  };
}

/** contracts root ‖ classes root ‖ state root ‖ root locations (u32 each). */
export function encodeRoots(r: StateRoots & RootLocations): Buffer {
  return Buffer.concat([
    wordBytes(r.contractsRoot),
    wordBytes(r.classesRoot),
    wordBytes(r.stateRoot),
    u32s(r.contractsRootBlock, r.classesRootBlock),
  ]);
}

/** Inverse of encodeRoots. */
export function decodeRoots(b: Uint8Array): StateRoots & RootLocations {
  return {
    contractsRoot: bytesWord(b, 0),
    classesRoot: bytesWord(b, 32),
    stateRoot: bytesWord(b, 64),
    contractsRootBlock: readU32(b, 96),
    classesRootBlock: readU32(b, 100),
  };
}

/** 0x-hex of a felt. */
export const hex = (v: bigint): string => `0x${v.toString(16)}`;
