import { P } from '@starling/felt';
import type { TrieHasher } from '../trie/hasher.js';
import type { Pending } from '../trie/pending.js';

type NewNode = Exclude<Pending, { t: 'known' }>;

/**
 * The new nodes of some pending tries in post-order (children before parents), in arrays that cross
 * to a worker cheaply: for node i, `edge[i]` is 1 for an edge; `left[i]`/`right[i]` reference a
 * child (≥ 0: a new node's index; < 0: -1 - index into `known`); an edge uses `left` for its child,
 * `paths[i]` and `lengths[i]`.
 */
export interface TreeJob {
  readonly edge: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly lengths: Uint8Array;
  readonly paths: bigint[];
  readonly known: bigint[];
}

/** Flattens the new nodes of `roots`; returns the job and the nodes in job order. */
export function flattenTrees(roots: readonly (Pending | null)[]): { job: TreeJob; nodes: NewNode[] } {
  const nodes: NewNode[] = [];
  const known: bigint[] = [];
  const edge: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const lengths: number[] = [];
  const paths: bigint[] = [];
  // Post-order numbering: children get their indices before their parent.
  const visit = (p: Pending): number => {
    if (p.t === 'known') {
      known.push(p.hash);
      return -known.length;
    }
    if (p.t === 'binary') {
      const l = visit(p.left);
      const r = visit(p.right);
      edge.push(0);
      left.push(l);
      right.push(r);
      lengths.push(0);
      paths.push(0n);
    } else {
      const c = visit(p.child);
      edge.push(1);
      left.push(c);
      right.push(0);
      lengths.push(p.length);
      paths.push(p.path);
    }
    nodes.push(p);
    return nodes.length - 1;
  };
  for (const r of roots) if (r) visit(r);
  const job: TreeJob = {
    edge: Uint8Array.from(edge),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    lengths: Uint8Array.from(lengths),
    paths,
    known,
  };
  return { job, nodes };
}

/** Hashes every node of a job, level by level (one hashMany per level); returns the hashes in job order. */
export function hashTreeJob(job: TreeJob, hasher: TrieHasher): bigint[] {
  const n = job.edge.length;
  const rank = new Int32Array(n);
  const levels: number[][] = [];
  for (let i = 0; i < n; i++) {
    const l = job.left[i]!;
    const r = job.edge[i] ? -1 : job.right[i]!;
    const rk = 1 + Math.max(l >= 0 ? rank[l]! : 0, r >= 0 ? rank[r]! : 0);
    rank[i] = rk;
    (levels[rk] ??= []).push(i);
  }
  const hashes = new Array<bigint>(n);
  const value = (ref: number) => (ref >= 0 ? hashes[ref]! : job.known[-1 - ref]!);
  for (const level of levels) {
    if (!level) continue;
    const a = new Array<bigint>(level.length);
    const b = new Array<bigint>(level.length);
    for (let j = 0; j < level.length; j++) {
      const i = level[j]!;
      a[j] = value(job.left[i]!);
      b[j] = job.edge[i] ? job.paths[i]! : value(job.right[i]!);
    }
    const out = hasher.hashMany(a, b);
    for (let j = 0; j < level.length; j++) {
      const i = level[j]!;
      // Edge hash = h(child, path) + length, in the field.
      hashes[i] = job.edge[i] ? (out[j]! + BigInt(job.lengths[i]!)) % P : out[j]!;
    }
  }
  return hashes;
}
