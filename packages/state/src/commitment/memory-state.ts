import { decodeRecord, NODE_RECORD, recordHash } from '../db/node-record.js';
import type { TrieNode } from '../trie/node.js';
import { viewOf } from '../trie/word.js';
import type { ContractState, GlobalRootRule, StateDiff, StateRoots } from '../types.js';
import { commitStateDiff, type StateCommit, type StateCommitReader } from './commit-state-diff.js';

const EMPTY: ContractState = { classHash: 0n, nonce: 0n, storageRoot: 0n };

/** A whole state kept in memory (latest version only): tests, tools and proof checks. */
export class MemoryState implements StateCommitReader {
  readonly nodes = new Map<bigint, TrieNode>();
  readonly contracts = new Map<bigint, ContractState>();
  readonly storage = new Map<bigint, Map<bigint, bigint>>();
  readonly compiledClassHashes = new Map<bigint, bigint>();
  roots: StateRoots = { contractsRoot: 0n, classesRoot: 0n, stateRoot: 0n };

  constructor(private readonly rule: GlobalRootRule = 'v0_14') {}

  getNode(hash: bigint): TrieNode | undefined {
    return this.nodes.get(hash);
  }

  getContractState(address: bigint): ContractState {
    return this.contracts.get(address) ?? EMPTY;
  }

  /** Commits a state diff and returns the commit (roots, witnesses). */
  apply(diff: StateDiff): StateCommit {
    const c = commitStateDiff(this, this.roots, diff, { rule: this.rule });
    for (const [h, n] of c.pedersenNodes.created) this.nodes.set(h, n);
    for (const [h, n] of c.poseidonNodes.created) this.nodes.set(h, n);
    for (const r of [...c.pedersenNodes.records, ...c.poseidonNodes.records])
      for (let o = 0; o < r.length; o += NODE_RECORD)
        this.nodes.set(recordHash(viewOf(r), o), decodeRecord(viewOf(r), o));
    for (const [a, s] of c.contracts) this.contracts.set(a, s);
    for (const [a, writes] of c.storage) {
      let m = this.storage.get(a);
      if (!m) this.storage.set(a, (m = new Map()));
      for (const [k, v] of writes) m.set(k, v);
    }
    for (const [h, c2] of c.classes) this.compiledClassHashes.set(h, c2);
    this.roots = { contractsRoot: c.contractsRoot, classesRoot: c.classesRoot, stateRoot: c.stateRoot };
    return c;
  }
}
