import { P } from '@starling/felt';
import { encodeBinaryRecord, encodeEdgeRecord, NODE_RECORD } from '../db/node-record.js';
import type { TrieHasher } from '../trie/hasher.js';
import type { Pending } from '../trie/pending.js';
import { viewOf } from '../trie/word.js';

type NewNode = Exclude<Pending, { t: 'known' }>;

/**
 * The new nodes of some pending tries in post-order (children before parents), in arrays that cross
 * to a worker cheaply: for node i, `edge[i]` is 1 for an edge; `left[i]`/`right[i]` reference a
 * child (≥ 0: a new node's index; < 0: -1 - index into `known`); an edge uses `left` for its child,
 * `paths[i]` and `lengths[i]`. `knownBlocks[k]` is the location of known[k] (its block) and `block` the
 * block being committed, for the stored records of the new nodes.
 */
export interface TreeJob {
  readonly edge: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly lengths: Uint8Array;
  readonly paths: bigint[];
  readonly known: bigint[];
  readonly knownBlocks: Uint32Array;
  readonly block: number;
}

/**
 * Flattens the new nodes of `roots` (committed as `block`); returns the job, the nodes in job order and
 * each root's index among them (negative for a root that is not new).
 */
export function flattenTrees(
  roots: readonly (Pending | null)[],
  block: number,
): { job: TreeJob; nodes: NewNode[]; rootIndex: number[] } {
  const nodes: NewNode[] = [];
  const known: bigint[] = [];
  const knownBlocks: number[] = [];
  const edge: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const lengths: number[] = [];
  const paths: bigint[] = [];
  // Post-order numbering: children get their indices before their parent.
  const visit = (p: Pending): number => {
    if (p.t === 'known') {
      known.push(p.hash);
      knownBlocks.push(p.block ?? 0);
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
  const rootIndex = roots.map((r) => (r ? visit(r) : -1));
  const job: TreeJob = {
    edge: Uint8Array.from(edge),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    lengths: Uint8Array.from(lengths),
    paths,
    known,
    knownBlocks: Uint32Array.from(knownBlocks),
    block,
  };
  return { job, nodes, rootIndex };
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

/** The stored records (node-record.ts) of a job's nodes, in job order, given their hashes. */
export function encodeTreeJob(job: TreeJob, hashes: readonly bigint[]): Uint8Array {
  const n = job.edge.length;
  const out = new Uint8Array(new ArrayBuffer(n * NODE_RECORD));
  const view = viewOf(out);
  const value = (ref: number) => (ref >= 0 ? hashes[ref]! : job.known[-1 - ref]!);
  const location = (ref: number) => (ref >= 0 ? job.block : job.knownBlocks[-1 - ref]!);
  for (let i = 0; i < n; i++) {
    const l = job.left[i]!;
    if (job.edge[i])
      encodeEdgeRecord(
        view,
        i * NODE_RECORD,
        hashes[i]!,
        job.lengths[i]!,
        job.paths[i]!,
        value(l),
        location(l),
      );
    else {
      const r = job.right[i]!;
      encodeBinaryRecord(view, i * NODE_RECORD, hashes[i]!, value(l), value(r), location(l), location(r));
    }
  }
  return out;
}

/** Hashes a job and returns its records (hashTreeJob, then encodeTreeJob). */
export function hashTreeJobRecords(job: TreeJob, hasher: TrieHasher): Uint8Array {
  return encodeTreeJob(job, hashTreeJob(job, hasher));
}
