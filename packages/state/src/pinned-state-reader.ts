/**
 * Reads of the stored state pinned at one block (StateDatabase.reader). Unlike the protocol
 * StateReader, getCompiledClassHash tells undeclared classes (undefined) from Cairo 0 ones (0n).
 */
export interface PinnedStateReader {
  getStorageAt(address: bigint, key: bigint): bigint;
  getNonceAt(address: bigint): bigint;
  /** 0 when no contract is deployed at `address`. */
  getClassHashAt(address: bigint): bigint;
  /** The compiled class hash of a declared Sierra class, 0n for Cairo 0, undefined when undeclared. */
  getCompiledClassHash(classHash: bigint): bigint | undefined;
}
