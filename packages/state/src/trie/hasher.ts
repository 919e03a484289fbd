import { autoCrypto, getCryptoBackend, pedersen, pedersenMany, poseidon } from '@starling/crypto';
import { StateError } from '../errors.js';
import type { HashPool } from '../parallel/hash-pool.js';
import { hashTreeJobRecords, type TreeJob } from '../parallel/tree-job.js';

/** The two-input hash of a trie, with a batch form so that fast kernels can hash a whole level at once. */
export interface TrieHasher {
  readonly name: 'pedersen' | 'poseidon';
  hash(a: bigint, b: bigint): bigint;
  hashMany(a: readonly bigint[], b: readonly bigint[]): bigint[];
  /** Where whole pending tries can be hashed elsewhere (worker threads), if anywhere now. */
  offload?(): TreeOffload | undefined;
}

/** Hashing of whole pending tries on other threads: `lanes` jobs run at once. */
export interface TreeOffload {
  readonly lanes: number;
  /** Queues `job`; see OffloadedJob. */
  submit(job: TreeJob): OffloadedJob;
}

/** A queued job: the caller may hash it itself while no worker has started it. */
export interface OffloadedJob {
  /** Hashes the job on this thread if no worker has started it (its records), else undefined. */
  steal(): Uint8Array | undefined;
  /** Blocks until the job's node records (job order) are ready; after a successful steal, call it anyway. */
  take(): Uint8Array;
}

type ManyFn = (a: readonly bigint[], b: readonly bigint[]) => bigint[];

/** Batched two-input Poseidon: the backend's poseidonMany when it has one, else one call per pair. */
export function poseidonMany(a: readonly bigint[], b: readonly bigint[]): bigint[] {
  const many = (getCryptoBackend() as { poseidonMany?: ManyFn }).poseidonMany;
  if (typeof many === 'function') return many(a, b);
  return a.map((x, i) => poseidon(x, b[i]!));
}

/** Pedersen, used by storage tries and the contracts trie. */
export const pedersenHasher: TrieHasher = {
  name: 'pedersen',
  hash: pedersen,
  hashMany: (a, b) => (a.length === 0 ? [] : pedersenMany(a, b)),
};

/** Poseidon (two-input form), used by the classes trie. */
export const poseidonHasher: TrieHasher = {
  name: 'poseidon',
  hash: poseidon,
  hashMany: (a, b) => (a.length === 0 ? [] : poseidonMany(a, b)),
};

const local = (kind: TrieHasher['name'], a: readonly bigint[], b: readonly bigint[]) =>
  kind === 'pedersen' ? pedersenHasher.hashMany(a, b) : poseidonHasher.hashMany(a, b);

/**
 * Hashers that split large batches across `pool`. The workers run the default (automatic) backend, so
 * the pool is used only while that backend is active here too; any other backend hashes in-thread.
 */
export function pooledHashers(pool: HashPool): { pedersen: TrieHasher; poseidon: TrieHasher } {
  const usable = () => pool.active && getCryptoBackend() === autoCrypto;
  const make = (base: TrieHasher): TrieHasher => ({
    name: base.name,
    hash: base.hash,
    hashMany: (a, b) => (usable() ? pool.hashMany(base.name, a, b, local) : base.hashMany(a, b)),
    offload: () =>
      usable() && pool.ensureStarted()
        ? {
            lanes: pool.size,
            submit: (job) => {
              // 0: queued, 1: a worker started it, 2: the caller took it back.
              const claim = new Int32Array(new SharedArrayBuffer(4));
              const ticket = pool.send({ op: 'trees', kind: base.name, job, claim });
              return {
                steal: () =>
                  Atomics.compareExchange(claim, 0, 0, 2) === 0 ? hashTreeJobRecords(job, base) : undefined,
                take: () => {
                  const records = pool.take(ticket);
                  if (records instanceof Uint8Array) return records;
                  throw new StateError('HASH_WORKER_FAILED', 'a hash worker answered hashes for a tree job');
                },
              };
            },
          }
        : undefined,
  });
  return { pedersen: make(pedersenHasher), poseidon: make(poseidonHasher) };
}
