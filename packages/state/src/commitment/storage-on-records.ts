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
 * With `submit`, groups of about `groupSize` updates go to workers that read the committed nodes
 * themselves; `whileHashing` runs meanwhile, then this thread takes back the groups that no worker
 * has started, from the last one (the workers start from the first), so no thread idles.
 */
export function commitStorageOnRecords(
  reader: RecordReader,
  tries: readonly StorageTrie[],
  block: number,
  how: {
    readonly hasher: TrieHasher;
    readonly submit?: (job: StorageJob) => OffloadedJob<StorageJobResult, RecordReader>;
    readonly groupSize: number;
  },
  whileHashing?: () => void,
): Uint8Array[] {
  const { hasher, submit, groupSize } = how;
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
  for (let from = 0; from < tries.length; ) {
    let to = from;
    for (let n = 0; to < tries.length && n < groupSize; to++) n += tries[to]!.sorted.keys.length;
    const group = tries.slice(from, to);
    groups.push({ tries: group, queued: submit?.(jobOf(group)) });
    from = to;
  }
  whileHashing?.();
  for (let i = groups.length - 1; i >= 0; i--) groups[i]!.queued?.steal(reader);
  return groups.map((g) => {
    const r = g.queued ? g.queued.take() : runStorageJob(reader, jobOf(g.tries), hasher);
    g.tries.forEach((t, i) => {
      t.state.storageRoot = r.roots[i]!;
      t.state.storageRootBlock = r.rootBlocks[i]!;
    });
    return r.records;
  });
}
