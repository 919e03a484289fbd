import {
  type RecordReader,
  runStorageJob,
  type StorageJob,
  type StorageJobResult,
} from '../parallel/storage-job.js';
import type { OffloadedJob, TrieHasher } from '../trie/hasher.js';
import type { SortedUpdates } from '../trie/plan-update.js';

/** A storage trie to update: its contract's state (whose root is updated in place) and its sorted writes. */
export interface StorageTrie {
  readonly state: { storageRoot: bigint; storageRootBlock?: number };
  readonly sorted: SortedUpdates;
}

/**
 * Updates storage tries on stored records (parallel/storage-job.ts) and returns the new nodes' records.
 * With `submit`, groups of updates go to workers that read the committed nodes themselves;
 * `whileHashing` runs meanwhile, then this thread takes the groups that no worker has started, in the
 * workers' order. Groups shrink as they go (guided scheduling: each takes a share of what is left,
 * down to `minGroup` updates), so the last ones, on which one thread may wait for another, are small.
 */
export function commitStorageOnRecords(
  reader: RecordReader,
  tries: readonly StorageTrie[],
  block: number,
  how: {
    readonly hasher: TrieHasher;
    readonly submit?: (job: StorageJob) => OffloadedJob<StorageJobResult, RecordReader>;
    /** Threads that take groups (workers and this one). */
    readonly threads: number;
    readonly minGroup: number;
  },
  whileHashing?: () => void,
): Uint8Array[] {
  const { hasher, submit, threads, minGroup } = how;
  const jobOf = (group: readonly StorageTrie[]): StorageJob => ({
    block,
    tries: group.map((t) => ({
      ...t.sorted,
      root: t.state.storageRoot,
      rootBlock: t.state.storageRootBlock ?? 0,
    })),
  });
  const groups: { tries: readonly StorageTrie[]; queued?: OffloadedJob<StorageJobResult, RecordReader> }[] =
    [];
  let left = 0;
  for (const t of tries) left += t.sorted.keys.length;
  for (let from = 0; from < tries.length; ) {
    const size = submit ? Math.max(minGroup, Math.ceil(left / (2 * threads))) : left;
    let to = from;
    let n = 0;
    while (to < tries.length && n < size) n += tries[to++]!.sorted.keys.length;
    left -= n;
    const group = tries.slice(from, to);
    groups.push({ tries: group, queued: submit?.(jobOf(group)) });
    from = to;
  }
  whileHashing?.();
  for (const g of groups) g.queued?.steal(reader);
  return groups.map((g) => {
    const r = g.queued ? g.queued.take() : runStorageJob(reader, jobOf(g.tries), hasher);
    g.tries.forEach((t, i) => {
      t.state.storageRoot = r.roots[i]!;
      t.state.storageRootBlock = r.rootBlocks[i]!;
    });
    return r.records;
  });
}
