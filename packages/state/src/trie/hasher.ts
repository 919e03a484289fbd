import {
  autoCrypto,
  getCryptoBackend,
  pedersen,
  pedersenMany,
  pedersenManyBytes,
  poseidon,
} from '@starling/crypto';
import { StateError } from '../errors.js';
import type { HashPool } from '../parallel/hash-pool.js';
import {
  type RecordReader,
  runStorageJob,
  type StorageJob,
  type StorageJobResult,
} from '../parallel/storage-job.js';
import { hashTreeJobRecords, type TreeJob } from '../parallel/tree-job.js';

/** The two-input hash of a trie, with a batch form so that fast kernels can hash a whole level at once. */
export interface TrieHasher {
  readonly name: 'pedersen' | 'poseidon';
  hash(a: bigint, b: bigint): bigint;
  hashMany(a: readonly bigint[], b: readonly bigint[]): bigint[];
  /** hashMany on 32-byte big-endian words (see pedersenManyBytes), where the hash has it. */
  hashManyBytes?(a: Uint8Array, b: Uint8Array, out: Uint8Array): void;
  /** Where whole pending tries can be hashed elsewhere (worker threads), if anywhere now. */
  offload?(): TreeOffload | undefined;
}

/** Hashing of whole pending tries on other threads: `lanes` jobs run at once. */
export interface TreeOffload {
  readonly lanes: number;
  /** Queues `job`; see OffloadedJob. */
  submit(job: TreeJob): OffloadedJob;
  /**
   * Queues storage tries to plan and hash elsewhere, where the committed nodes can be read (a
   * database's workers); `steal` plans a job that no worker started with the caller's reader.
   */
  submitStorage?(job: StorageJob): OffloadedJob<StorageJobResult, RecordReader>;
}

/** A queued job: the caller may run it itself while no worker has started it. */
export interface OffloadedJob<Result = Uint8Array, Reader = void> {
  /** Runs the job on this thread if no worker has started it (its result), else undefined. */
  steal(reader: Reader): Result | undefined;
  /** Blocks until the job's result (node records in job order) is ready; after a successful steal, call it anyway. */
  take(): Result;
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
  hashManyBytes: pedersenManyBytes,
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
 * With `databasePath`, workers also plan storage tries, reading that database (submitStorage).
 */
export function pooledHashers(
  pool: HashPool,
  databasePath?: string,
): { pedersen: TrieHasher; poseidon: TrieHasher } {
  const usable = () => pool.active && getCryptoBackend() === autoCrypto;
  // 0: queued, 1: a worker started it, 2: the caller took it back.
  const newClaim = () => new Int32Array(new SharedArrayBuffer(4));
  const takeBack = (claim: Int32Array) => Atomics.compareExchange(claim, 0, 0, 2) === 0;
  const make = (base: TrieHasher): TrieHasher => ({
    name: base.name,
    hash: base.hash,
    ...(base.hashManyBytes ? { hashManyBytes: base.hashManyBytes } : {}),
    hashMany: (a, b) => (usable() ? pool.hashMany(base.name, a, b, local) : base.hashMany(a, b)),
    offload: () =>
      usable() && pool.ensureStarted()
        ? {
            lanes: pool.size,
            submit: (job) => {
              const claim = newClaim();
              const ticket = pool.send({ op: 'trees', kind: base.name, job, claim });
              return {
                steal: () => (takeBack(claim) ? hashTreeJobRecords(job, base) : undefined),
                take: () => {
                  const records = pool.take(ticket);
                  if (records instanceof Uint8Array) return records;
                  throw new StateError('HASH_WORKER_FAILED', 'a hash worker answered hashes for a tree job');
                },
              };
            },
            ...(databasePath === undefined
              ? {}
              : {
                  submitStorage: (job: StorageJob) => {
                    const claim = newClaim();
                    const ticket = pool.send({
                      op: 'storage',
                      kind: base.name,
                      path: databasePath,
                      job,
                      claim,
                    });
                    let stolen: StorageJobResult | undefined;
                    return {
                      steal: (reader: RecordReader) =>
                        takeBack(claim) ? (stolen = runStorageJob(reader, job, base)) : undefined,
                      take: () => {
                        const answer = pool.take(ticket);
                        if (answer && 'roots' in answer) return answer;
                        if (answer === null && stolen) return stolen;
                        throw new StateError('HASH_WORKER_FAILED', 'a hash worker gave no storage result');
                      },
                    };
                  },
                }),
          }
        : undefined,
  });
  return { pedersen: make(pedersenHasher), poseidon: make(poseidonHasher) };
}
