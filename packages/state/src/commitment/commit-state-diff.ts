import { P } from '@starling/felt';
import { decodeRecord, NODE_RECORD, recordHash } from '../db/node-record.js';
import { type BlockWrites, blockWrites } from '../db/storage-history.js';
import { StateError } from '../errors.js';
import type { RecordReader } from '../parallel/storage-job.js';
import { flattenTrees } from '../parallel/tree-job.js';
import { hashPending } from '../trie/hash-pending.js';
import { type OffloadedJob, pedersenHasher, poseidonHasher, type TrieHasher } from '../trie/hasher.js';
import type { NodeReader, TrieNode } from '../trie/node.js';
import { type Pending, rootBlock } from '../trie/pending.js';
import { planUpdate, STATE_TRIE_HEIGHT } from '../trie/plan-update.js';
import { sortUpdates } from '../trie/updates.js';
import { viewOf } from '../trie/word.js';
import type { ContractState, GlobalRootRule, RootLocations, StateDiff, StateRoots } from '../types.js';
import { classLeaf, contractStateLeaves, globalStateRoot } from './leaves.js';
import { nodePlaces } from './node-places.js';
import { commitStorageOnRecords } from './storage-on-records.js';

/** From this many storage updates a commit hashes its storage tries on worker threads (when it has some). */
const OFFLOAD_MIN_UPDATES = 256;
/**
 * Storage jobs per hash worker: small enough that the last ones end together (with one worker and
 * this thread, 8 measured 4 to 8% faster than 4; 12 and 16 no faster than 8).
 */
const JOBS_PER_WORKER = 8;
/** Storage jobs (on records) get no smaller than this share of a thread's updates. */
const MIN_GROUPS_PER_THREAD = 16;

export { STATE_TRIE_HEIGHT };

/** What a state commit needs to read: trie nodes and the latest committed contract states. */
export interface StateCommitReader extends NodeReader {
  getContractState(address: bigint): ContractState;
  /** The same nodes as stored records, where the reader keeps them so (storage tries are then planned on bytes). */
  readonly records?: RecordReader;
}

/**
 * Trie nodes read (preimages before) and created (after) by one commit, for one hash function. Nodes
 * hashed on worker threads come back as stored records (db/node-record.ts) in `records` rather than in
 * `created`, unless the commit tracks stale nodes (pruning), which needs them by hash.
 */
export interface TrieWitness {
  readonly read: Map<bigint, TrieNode>;
  readonly created: Map<bigint, TrieNode>;
  readonly records: Uint8Array[];
}

/** The result of committing one block's state diff. */
export interface StateCommit extends StateRoots, RootLocations {
  /** New state of every touched contract. */
  readonly contracts: Map<bigint, ContractState>;
  /** Storage writes per contract (last write per key). */
  readonly storage: Map<bigint, Map<bigint, bigint>>;
  /** Class hash → compiled class hash for declared and migrated classes. */
  readonly classes: Map<bigint, bigint>;
  /** Storage tries and the contracts trie (Pedersen). */
  readonly pedersenNodes: TrieWitness;
  /** The classes trie (Poseidon). */
  readonly poseidonNodes: TrieWitness;
  readonly hashCount: number;
  /** With `trackStale`: the existing nodes (hash, block) that the new tries no longer reference. */
  readonly staleNodes?: { hash: bigint; block: number }[];
  /** With `trackStale`: new nodes that occur at more than one place, by hash (how many places). */
  readonly sharedNodes?: Map<bigint, number>;
  /** With `trackStale`: existing nodes that gained a place (see nodePlaces). */
  readonly gainedNodes?: { hash: bigint; block: number }[];
}

function checkFelt(value: bigint, what: string): void {
  if (typeof value !== 'bigint' || value < 0n || value >= P)
    throw new StateError('INVALID_VALUE', `${what} is not a field element`, { value: String(value) });
}

/** How commitStateDiff runs; everything is optional. */
export interface CommitOptions {
  readonly rule?: GlobalRootRule;
  readonly hashers?: { pedersen: TrieHasher; poseidon: TrieHasher };
  /** The block being committed: new nodes record their children's locations (persistent stores). */
  readonly block?: number;
  /** Report the nodes that this commit makes unreachable from the new roots (for pruning). */
  readonly trackStale?: boolean;
  /**
   * Called once the storage tries are planned (updates checked), while they hash: work to overlap. It
   * gets the diff's last write per storage key (the commit's `storage`).
   */
  readonly whileHashing?: (writes: BlockWrites) => void;
  /**
   * Fill the witnesses' `read` maps (default true). A database leaves them empty: it serves the same
   * preimages later from its archive (getBlockWitness).
   */
  readonly recordReads?: boolean;
}

/** Applies a state diff on top of roots `prev`: storage tries, contract leaves, contracts and classes tries. */
export function commitStateDiff(
  reader: StateCommitReader,
  prev: { contractsRoot: bigint; classesRoot: bigint } & Partial<RootLocations>,
  diff: StateDiff,
  options: CommitOptions = {},
): StateCommit {
  const {
    rule = 'v0_14',
    hashers = { pedersen: pedersenHasher, poseidon: poseidonHasher },
    block,
    trackStale = false,
    whileHashing,
    recordReads = true,
  } = options;
  const staleNodes: { hash: bigint; block: number }[] | undefined = trackStale ? [] : undefined;
  const onStale = staleNodes
    ? (hash: bigint, b: number) => void staleNodes.push({ hash, block: b })
    : undefined;
  const allPending: (Pending | null)[] = [];
  const at = block ?? 0;
  const pedersenNodes: TrieWitness = { read: new Map(), created: new Map(), records: [] };
  const poseidonNodes: TrieWitness = { read: new Map(), created: new Map(), records: [] };
  const pedersenRead = recordReads ? pedersenNodes.read : undefined;
  const poseidonRead = recordReads ? poseidonNodes.read : undefined;
  const storage = blockWrites(diff);
  const contracts = new Map<
    bigint,
    { classHash: bigint; nonce: bigint; storageRoot: bigint; storageRootBlock?: number }
  >();
  const touch = (address: bigint) => {
    let s = contracts.get(address);
    if (!s) contracts.set(address, (s = { ...reader.getContractState(address) }));
    return s;
  };
  for (const d of [...diff.deployedContracts, ...diff.replacedClasses]) {
    checkFelt(d.classHash, 'class hash');
    touch(d.address).classHash = d.classHash;
  }
  for (const n of diff.nonces) {
    checkFelt(n.nonce, 'nonce');
    touch(n.address).nonce = n.nonce;
  }
  let hashCount = 0;
  const storageTries = [...storage].map(([address, writes]) => ({
    state: touch(address),
    sorted: sortUpdates(writes, STATE_TRIE_HEIGHT, 'storage'),
  }));
  let updateCount = 0;
  for (const t of storageTries) updateCount += t.sorted.keys.length;
  const offload = updateCount >= OFFLOAD_MIN_UPDATES ? hashers.pedersen.offload?.() : undefined;
  // Several jobs per worker: workers start while this thread plans or writes, and this thread takes
  // back the jobs that no worker has started once it is done (so no thread idles at the end).
  const groupSize = offload
    ? Math.ceil(updateCount / (JOBS_PER_WORKER * offload.lanes))
    : Number.POSITIVE_INFINITY;
  const threads = (offload?.lanes ?? 0) + 1;
  // Where the reader has the nodes as stored records, the storage tries are planned and hashed on
  // bytes (by workers that read the database themselves); otherwise they are planned here.
  if (
    reader.records &&
    hashers.pedersen.hashManyBytes &&
    block !== undefined &&
    !staleNodes &&
    !recordReads
  ) {
    for (const r of commitStorageOnRecords(
      reader.records,
      storageTries,
      block,
      {
        hasher: hashers.pedersen,
        submit: offload?.submitStorage,
        threads,
        minGroup: Math.ceil(updateCount / (MIN_GROUPS_PER_THREAD * threads)),
      },
      whileHashing && (() => whileHashing(storage)),
    )) {
      pedersenNodes.records.push(r);
      hashCount += r.length / NODE_RECORD;
    }
  } else hashCount += planStorageHere();

  /** Plans the storage tries on this thread, and hashes them together level by level (on workers when it can). */
  function planStorageHere(): number {
    let count = 0;
    const jobs: {
      nodes: Exclude<Pending, { t: 'known' }>[];
      rootIndex: number[];
      queued: OffloadedJob;
      records?: Uint8Array;
    }[] = [];
    let group: (Pending | null)[] = [];
    let groupUpdates = 0;
    const flush = () => {
      if (!offload || group.length === 0) return;
      const { job, nodes, rootIndex } = flattenTrees(group, at);
      jobs.push({ nodes, rootIndex, queued: offload.submit(job) });
      group = [];
      groupUpdates = 0;
    };
    const tries: { state: (typeof storageTries)[number]['state']; pending: Pending | null }[] = [];
    for (const { state, sorted } of storageTries) {
      const pending = planUpdate(
        reader,
        STATE_TRIE_HEIGHT,
        state.storageRoot,
        sorted,
        pedersenRead,
        state.storageRootBlock,
        onStale,
      );
      tries.push({ state, pending });
      group.push(pending);
      groupUpdates += sorted.keys.length;
      if (groupUpdates >= groupSize) flush();
    }
    flush();
    whileHashing?.(storage);
    if (offload) {
      // Take back queued jobs from the last one (the workers start from the first).
      for (let i = jobs.length - 1; i >= 0; i--) {
        const j = jobs[i]!;
        const stolen = j.queued.steal();
        if (stolen) j.records = stolen;
      }
      for (const j of jobs) {
        const answer = j.queued.take();
        const records = j.records ?? answer;
        const view = viewOf(records);
        const nodes = j.nodes;
        if (records.length !== nodes.length * NODE_RECORD)
          throw new StateError('HASH_WORKER_FAILED', 'a hash worker answered the wrong number of nodes');
        // Only the roots' hashes are needed here, unless stale tracking walks the new tries by hash.
        if (staleNodes)
          for (let i = 0; i < nodes.length; i++) {
            const n = nodes[i]!;
            n.hash = recordHash(view, i * NODE_RECORD);
            pedersenNodes.created.set(n.hash, decodeRecord(view, i * NODE_RECORD));
          }
        else {
          for (const i of j.rootIndex) if (i >= 0) nodes[i]!.hash = recordHash(view, i * NODE_RECORD);
          pedersenNodes.records.push(records);
        }
        count += nodes.length;
      }
    } else
      count += hashPending(
        tries.map((t) => t.pending),
        hashers.pedersen,
        pedersenNodes.created,
        block,
      ).hashCount;
    for (const t of tries) {
      allPending.push(t.pending);
      t.state.storageRoot = t.pending ? t.pending.hash : 0n;
      if (block !== undefined) t.state.storageRootBlock = rootBlock(t.pending, at);
    }
    return count;
  }

  const addresses = [...contracts.keys()];
  const states = addresses.map((a) => contracts.get(a)!);
  const leaves = contractStateLeaves(states, (a, b) => hashers.pedersen.hashMany(a, b));
  hashCount += 3 * states.length;
  const contractUpdates = sortUpdates(
    addresses.map((a, i): [bigint, bigint] => [a, leaves[i]!]),
    STATE_TRIE_HEIGHT,
    'contract address',
  );
  const contractsPending = planUpdate(
    reader,
    STATE_TRIE_HEIGHT,
    prev.contractsRoot,
    contractUpdates,
    pedersenRead,
    prev.contractsRootBlock,
    onStale,
  );
  hashCount += hashPending([contractsPending], hashers.pedersen, pedersenNodes.created, block).hashCount;
  allPending.push(contractsPending);
  const contractsRoot = contractsPending ? contractsPending.hash : 0n;
  const contractsRootBlock = rootBlock(contractsPending, at);

  const classes = new Map<bigint, bigint>();
  for (const c of [...diff.declaredClasses, ...(diff.migratedCompiledClasses ?? [])]) {
    checkFelt(c.compiledClassHash, 'compiled class hash');
    classes.set(c.classHash, c.compiledClassHash);
  }
  let classesRoot = prev.classesRoot;
  let classesRootBlock = prev.classesRootBlock ?? 0;
  if (classes.size > 0) {
    const classUpdates = sortUpdates(
      [...classes].map(([h, c]): [bigint, bigint] => [h, classLeaf(c)]),
      STATE_TRIE_HEIGHT,
      'class hash',
    );
    hashCount += classes.size;
    const classesPending = planUpdate(
      reader,
      STATE_TRIE_HEIGHT,
      prev.classesRoot,
      classUpdates,
      poseidonRead,
      prev.classesRootBlock,
      onStale,
    );
    allPending.push(classesPending);
    hashCount += hashPending([classesPending], hashers.poseidon, poseidonNodes.created, block).hashCount;
    classesRoot = classesPending ? classesPending.hash : 0n;
    classesRootBlock = rootBlock(classesPending, at);
  }
  return {
    contractsRoot,
    classesRoot,
    contractsRootBlock,
    classesRootBlock,
    stateRoot: globalStateRoot(contractsRoot, classesRoot, rule),
    contracts,
    storage,
    classes,
    pedersenNodes,
    poseidonNodes,
    hashCount,
    ...(staleNodes ? placesOf(allPending, pedersenNodes, poseidonNodes, reader, at, staleNodes) : {}),
  };
}

function placesOf(
  roots: readonly (Pending | null)[],
  pedersen: TrieWitness,
  poseidon: TrieWitness,
  reader: NodeReader,
  block: number,
  staleNodes: { hash: bigint; block: number }[],
) {
  const p = nodePlaces(roots, (h) => pedersen.created.get(h) ?? poseidon.created.get(h), reader, block);
  for (const l of p.lost) staleNodes.push(l);
  return { staleNodes, sharedNodes: p.shared, gainedNodes: p.gained };
}
