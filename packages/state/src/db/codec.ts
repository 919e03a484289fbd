import { bytesWord, wordBytes } from '../trie/node.js';
import type { ContractState, StateRoots } from '../types.js';

/** class hash ‖ nonce ‖ storage root. */
export function encodeContractState(s: ContractState): Buffer {
  return Buffer.concat([wordBytes(s.classHash), wordBytes(s.nonce), wordBytes(s.storageRoot)]);
}

/** Inverse of encodeContractState. */
export function decodeContractState(b: Uint8Array): ContractState {
  return { classHash: bytesWord(b, 0), nonce: bytesWord(b, 32), storageRoot: bytesWord(b, 64) };
}

/** contracts root ‖ classes root ‖ state root. */
export function encodeRoots(r: StateRoots): Buffer {
  return Buffer.concat([wordBytes(r.contractsRoot), wordBytes(r.classesRoot), wordBytes(r.stateRoot)]);
}

/** Inverse of encodeRoots. */
export function decodeRoots(b: Uint8Array): StateRoots {
  return { contractsRoot: bytesWord(b, 0), classesRoot: bytesWord(b, 32), stateRoot: bytesWord(b, 64) };
}

/** 0x-hex of a felt. */
export const hex = (v: bigint): string => `0x${v.toString(16)}`;
