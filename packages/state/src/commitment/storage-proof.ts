import { StateError } from '../errors.js';
import { pedersenHasher, poseidonHasher } from '../trie/hasher.js';
import type { NodeReader, TrieNode } from '../trie/node.js';
import { collectProof, verifyProof } from '../trie/proof.js';
import type { ContractState, GlobalRootRule, RootLocations, StateRoots } from '../types.js';
import { STATE_TRIE_HEIGHT } from './commit-state-diff.js';
import { contractStateLeaf, globalStateRoot } from './leaves.js';

/** starknet_getStorageProof parameters. */
export interface StorageProofRequest {
  readonly classHashes?: readonly bigint[];
  readonly contractAddresses?: readonly bigint[];
  readonly contractsStorageKeys?: readonly { contractAddress: bigint; storageKeys: readonly bigint[] }[];
}

/** NODE_HASH_TO_NODE_MAPPING (RPC 0.10.3). */
export type NodeMappingJson = {
  node_hash: string;
  node: { left: string; right: string } | { path: string; length: number; child: string };
}[];

/** The starknet_getStorageProof result (RPC 0.10.3), with felts as 0x-hex strings. */
export interface StorageProofJson {
  classes_proof: NodeMappingJson;
  contracts_proof: {
    nodes: NodeMappingJson;
    contract_leaves_data: { nonce: string; class_hash: string; storage_root: string }[];
  };
  contracts_storage_proofs: NodeMappingJson[];
  global_roots: { contracts_tree_root: string; classes_tree_root: string; block_hash: string };
}

/** What producing a proof reads: nodes, and the state at the block. */
export interface ProofSource extends NodeReader {
  getContractState(address: bigint, block?: number): ContractState;
}

const hex = (v: bigint) => `0x${v.toString(16)}`;

function toJson(nodes: Map<bigint, TrieNode>): NodeMappingJson {
  return [...nodes].map(([h, n]) => ({
    node_hash: hex(h),
    node:
      n.kind === 'binary'
        ? { left: hex(n.left), right: hex(n.right) }
        : { path: hex(n.path), length: n.length, child: hex(n.child) },
  }));
}

function fromJson(m: NodeMappingJson): Map<bigint, TrieNode> {
  const out = new Map<bigint, TrieNode>();
  for (const { node_hash, node } of m) {
    out.set(
      BigInt(node_hash),
      'left' in node
        ? { kind: 'binary', left: BigInt(node.left), right: BigInt(node.right) }
        : { kind: 'edge', path: BigInt(node.path), length: node.length, child: BigInt(node.child) },
    );
  }
  return out;
}

/** Builds a starknet_getStorageProof result for the state with roots `roots` at block `block`. */
export function produceStorageProof(
  src: ProofSource,
  block: number,
  roots: StateRoots & Partial<RootLocations>,
  blockHash: bigint,
  req: StorageProofRequest,
): StorageProofJson {
  const classNodes = new Map<bigint, TrieNode>();
  for (const h of req.classHashes ?? [])
    collectProof(src, STATE_TRIE_HEIGHT, roots.classesRoot, h, classNodes, roots.classesRootBlock);
  const contractNodes = new Map<bigint, TrieNode>();
  const leaves = (req.contractAddresses ?? []).map((a) => {
    collectProof(src, STATE_TRIE_HEIGHT, roots.contractsRoot, a, contractNodes, roots.contractsRootBlock);
    const s = src.getContractState(a, block);
    return { nonce: hex(s.nonce), class_hash: hex(s.classHash), storage_root: hex(s.storageRoot) };
  });
  const storageProofs = (req.contractsStorageKeys ?? []).map(({ contractAddress, storageKeys }) => {
    const s = src.getContractState(contractAddress, block);
    const nodes = new Map<bigint, TrieNode>();
    for (const k of storageKeys)
      collectProof(src, STATE_TRIE_HEIGHT, s.storageRoot, k, nodes, s.storageRootBlock);
    return toJson(nodes);
  });
  return {
    classes_proof: toJson(classNodes),
    contracts_proof: { nodes: toJson(contractNodes), contract_leaves_data: leaves },
    contracts_storage_proofs: storageProofs,
    global_roots: {
      contracts_tree_root: hex(roots.contractsRoot),
      classes_tree_root: hex(roots.classesRoot),
      block_hash: hex(blockHash),
    },
  };
}

/** What a verified storage proof establishes. */
export interface VerifiedStorageProof {
  /** The global state root implied by the proof's two roots (compare with the block header). */
  readonly stateRoot: bigint;
  readonly contracts: { address: bigint; classHash: bigint; nonce: bigint; storageRoot: bigint }[];
  /** Per contractsStorageKeys entry, the proven values in request order. */
  readonly storage: bigint[][];
  /** Classes-trie leaves (0 = not declared). */
  readonly classLeaves: bigint[];
}

/**
 * Checks a starknet_getStorageProof result against the request: every path is re-hashed up to the
 * roots and the contract leaves are recomputed from their data. Throws INVALID_PROOF otherwise.
 */
export function verifyStorageProof(
  proof: StorageProofJson,
  req: StorageProofRequest,
  rule: GlobalRootRule = 'v0_14',
): VerifiedStorageProof {
  const contractsRoot = BigInt(proof.global_roots.contracts_tree_root);
  const classesRoot = BigInt(proof.global_roots.classes_tree_root);
  const classNodes = fromJson(proof.classes_proof);
  const classLeaves = (req.classHashes ?? []).map((h) =>
    verifyProof(classNodes, poseidonHasher, STATE_TRIE_HEIGHT, classesRoot, h),
  );
  const contractNodes = fromJson(proof.contracts_proof.nodes);
  const addresses = req.contractAddresses ?? [];
  if (proof.contracts_proof.contract_leaves_data.length !== addresses.length)
    throw new StateError('INVALID_PROOF', 'contract_leaves_data does not match the requested addresses');
  const contracts = addresses.map((address, i) => {
    const d = proof.contracts_proof.contract_leaves_data[i]!;
    const s = {
      classHash: BigInt(d.class_hash),
      nonce: BigInt(d.nonce),
      storageRoot: BigInt(d.storage_root ?? 0),
    };
    const leaf = verifyProof(contractNodes, pedersenHasher, STATE_TRIE_HEIGHT, contractsRoot, address);
    if (leaf !== contractStateLeaf(s.classHash, s.storageRoot, s.nonce))
      throw new StateError('INVALID_PROOF', `contract leaf data of ${hex(address)} does not match the trie`);
    return { address, ...s };
  });
  const requests = req.contractsStorageKeys ?? [];
  if (proof.contracts_storage_proofs.length !== requests.length)
    throw new StateError('INVALID_PROOF', 'contracts_storage_proofs does not match the request');
  const storage = requests.map(({ contractAddress, storageKeys }, i) => {
    const c = contracts.find((x) => x.address === contractAddress);
    if (!c) throw new StateError('INVALID_PROOF', `storage root of ${hex(contractAddress)} is not proven`);
    const nodes = fromJson(proof.contracts_storage_proofs[i]!);
    return storageKeys.map((k) => verifyProof(nodes, pedersenHasher, STATE_TRIE_HEIGHT, c.storageRoot, k));
  });
  return { stateRoot: globalStateRoot(contractsRoot, classesRoot, rule), contracts, storage, classLeaves };
}
