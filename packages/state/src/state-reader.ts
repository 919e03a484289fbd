/**
 * Read access to one state snapshot, as execution needs it. This interface belongs to the protocol
 * package (cross-component interfaces); it lives here until protocol exports it.
 */
export interface StateReader {
  getStorageAt(address: bigint, key: bigint): bigint;
  getNonceAt(address: bigint): bigint;
  /** 0 when no contract is deployed at `address`. */
  getClassHashAt(address: bigint): bigint;
  /** The compiled class hash of a declared Sierra class, 0n for Cairo 0, undefined when undeclared. */
  getCompiledClassHash(classHash: bigint): bigint | undefined;
}
