import { StateError } from '../errors.js';
import { bitAt, bitsAt, commonPrefix } from './bits.js';
import type { NodeReader, TrieNode } from './node.js';
import { type Pending, UNHASHED } from './pending.js';

/** The height of every state trie. */
export const STATE_TRIE_HEIGHT = 251;

type Inner = Exclude<Pending, { t: 'known' }>;

/** Sorted, de-duplicated updates of one trie: keys ascending, values (0 = delete). */
export interface SortedUpdates {
  readonly keys: readonly bigint[];
  readonly values: readonly bigint[];
}

/**
 * Builds the new shape of a trie after applying `updates` to the trie with root `root`, without
 * hashing: changed nodes are pending, untouched subtrees stay references. Every existing node that
 * had to be read is recorded in `read`, when given (the preimages of the updated paths before the update).
 */
export function planUpdate(
  reader: NodeReader,
  height: number,
  root: bigint,
  updates: SortedUpdates,
  read: Map<bigint, TrieNode> | undefined,
  rootBlock?: number,
  /** Called for every existing node that the new trie no longer references (it was rewritten or merged). */
  stale?: (hash: bigint, block: number) => void,
): Pending | null {
  const { keys, values } = updates;

  function load(hash: bigint, block: number | undefined): TrieNode {
    const node = reader.getNode(hash, block);
    if (!node) throw new StateError('MISSING_NODE', `trie node ${hash.toString(16)} not found`);
    read?.set(hash, node);
    return node;
  }

  /** A pending form of an existing node whose children are references. */
  function expand(known: { hash: bigint; block?: number }): Inner {
    const node = load(known.hash, known.block);
    stale?.(known.hash, known.block ?? 0);
    if (node.kind === 'binary')
      return {
        t: 'binary',
        left: { t: 'known', hash: node.left, block: node.leftBlock },
        right: { t: 'known', hash: node.right, block: node.rightBlock },
        hash: UNHASHED,
      };
    return {
      t: 'edge',
      path: node.path,
      length: node.length,
      child: { t: 'known', hash: node.child, block: node.childBlock },
      hash: UNHASHED,
    };
  }

  function makeEdge(path: bigint, length: number, child: Pending | null, depth: number): Pending | null {
    if (child === null) return null;
    if (length === 0) return child;
    // An existing inner child may itself be an edge: edges never follow edges, so merge them.
    if (child.t === 'known' && depth + length < height) {
      const n = load(child.hash, child.block);
      if (n.kind === 'edge') {
        stale?.(child.hash, child.block ?? 0);
        child = {
          t: 'edge',
          path: n.path,
          length: n.length,
          child: { t: 'known', hash: n.child, block: n.childBlock },
          hash: UNHASHED,
        };
      }
    }
    if (child.t === 'edge')
      return {
        t: 'edge',
        path: (path << BigInt(child.length)) | child.path,
        length: length + child.length,
        child: child.child,
        hash: UNHASHED,
      };
    return { t: 'edge', path, length, child, hash: UNHASHED };
  }

  function combine(left: Pending | null, right: Pending | null, depth: number): Pending | null {
    if (left && right) return { t: 'binary', left, right, hash: UNHASHED };
    if (left) return makeEdge(0n, 1, left, depth);
    if (right) return makeEdge(1n, 1, right, depth);
    return null;
  }

  /** First index in [lo, hi) whose key has bit 1 at `depth` (keys there share the bits above). */
  function split(lo: number, hi: number, depth: number): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (bitAt(keys[mid]!, depth, height) === 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function merge(node: Pending | null, depth: number, lo: number, hi: number): Pending | null {
    if (lo === hi) return node;
    if (depth === height) {
      const v = values[hi - 1]!;
      return v === 0n ? null : { t: 'known', hash: v };
    }
    const n: Inner | null = node === null ? null : node.t === 'known' ? expand(node) : node;
    if (n === null) {
      const rem = height - depth;
      const first = bitsAt(keys[lo]!, depth, rem, height);
      const cp = commonPrefix(first, bitsAt(keys[hi - 1]!, depth, rem, height), rem);
      if (cp === rem) {
        const v = values[lo]!;
        return v === 0n ? null : makeEdge(first, rem, { t: 'known', hash: v }, depth);
      }
      if (cp > 0) return makeEdge(first >> BigInt(rem - cp), cp, merge(null, depth + cp, lo, hi), depth);
      const mid = split(lo, hi, depth);
      return combine(merge(null, depth + 1, lo, mid), merge(null, depth + 1, mid, hi), depth);
    }
    if (n.t === 'binary') {
      const mid = split(lo, hi, depth);
      return combine(merge(n.left, depth + 1, lo, mid), merge(n.right, depth + 1, mid, hi), depth);
    }
    const len = n.length;
    const cp = Math.min(
      commonPrefix(bitsAt(keys[lo]!, depth, len, height), n.path, len),
      commonPrefix(bitsAt(keys[hi - 1]!, depth, len, height), n.path, len),
    );
    if (cp === len) return makeEdge(n.path, len, merge(n.child, depth + len, lo, hi), depth);
    // The updates leave the edge at depth + cp: split it there into a binary step.
    const restLen = len - cp - 1;
    const rest: Pending =
      restLen > 0
        ? {
            t: 'edge',
            path: n.path & ((1n << BigInt(restLen)) - 1n),
            length: restLen,
            child: n.child,
            hash: UNHASHED,
          }
        : n.child;
    const edgeBit = Number((n.path >> BigInt(restLen)) & 1n);
    const d2 = depth + cp;
    const mid = split(lo, hi, d2);
    const sub =
      edgeBit === 0
        ? combine(merge(rest, d2 + 1, lo, mid), merge(null, d2 + 1, mid, hi), d2)
        : combine(merge(null, d2 + 1, lo, mid), merge(rest, d2 + 1, mid, hi), d2);
    return makeEdge(n.path >> BigInt(len - cp), cp, sub, depth);
  }

  return merge(root === 0n ? null : { t: 'known', hash: root, block: rootBlock }, 0, 0, keys.length);
}
