// Domain type of a block's state diff (what changed in the global state).

export interface StorageEntry {
  key: bigint;
  value: bigint;
}

export interface ContractStorageDiff {
  address: bigint;
  entries: StorageEntry[];
}

export interface DeployedContract {
  address: bigint;
  classHash: bigint;
}

export interface DeclaredClass {
  classHash: bigint;
  compiledClassHash: bigint;
}

export interface NonceUpdate {
  address: bigint;
  nonce: bigint;
}

/** The state diff of one block; every list may be in any order (hashing sorts them). */
export interface StateDiff {
  storageDiffs: ContractStorageDiff[];
  nonces: NonceUpdate[];
  deployedContracts: DeployedContract[];
  replacedClasses: DeployedContract[];
  declaredClasses: DeclaredClass[];
  /** Cairo 0 classes declared in the block. */
  deprecatedDeclaredClasses: bigint[];
  /** Classes whose compiled class hash moved from v1 (Poseidon) to v2 (Blake2s), 0.14.1+. */
  migratedCompiledClasses: DeclaredClass[];
}
