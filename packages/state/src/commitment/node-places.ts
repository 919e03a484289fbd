import type { NodeReader, TrieNode } from '../trie/node.js';
import type { Pending } from '../trie/pending.js';

/** How one commit changes the number of places (positions in the tries) that stored nodes occupy. */
export interface NodePlaces {
  /** New nodes (keyed block ‖ hash) at more than one place, by hash: how many places. */
  readonly shared: Map<bigint, number>;
  /** Existing nodes that gained a place (identical subtrees now reached through one stored parent). */
  readonly gained: { hash: bigint; block: number }[];
  /** Existing nodes that lost a place that way (in addition to the rewritten ones). */
  readonly lost: { hash: bigint; block: number }[];
}

const HEIGHT = 251;

/**
 * Counts the places of the new nodes of `roots` at `block`. Identical new subtrees share one stored
 * node (one key per block and hash) whose children's locations are those of one copy; where another
 * copy had a child at a different location (an older copy, or its own new one), that child's subtree
 * loses the place and the stored copy's child subtree gains it (walked node by node, as pruning
 * counts places per node).
 */
export function nodePlaces(
  roots: readonly (Pending | null)[],
  created: (hash: bigint) => TrieNode | undefined,
  reader: NodeReader,
  block: number,
): NodePlaces {
  const shared = new Map<bigint, number>();
  const gained: NodePlaces['gained'] = [];
  const lost: NodePlaces['lost'] = [];
  const subtree = (hash: bigint, at: number, depth: number, out: NodePlaces['gained']) => {
    if (hash === 0n || depth >= HEIGHT) return;
    const n = at === block ? created(hash) : reader.getNode(hash, at);
    if (!n) return;
    out.push({ hash, block: at });
    if (n.kind === 'binary') {
      subtree(n.left, n.leftBlock ?? 0, depth + 1, out);
      subtree(n.right, n.rightBlock ?? 0, depth + 1, out);
    } else subtree(n.child, n.childBlock ?? 0, depth + n.length, out);
  };
  const compare = (child: Pending, storedAt: number | undefined, depth: number) => {
    // A new child is stored at `block`; the stored parent may still point to an older copy.
    const at = child.t === 'known' ? (child.block ?? 0) : block;
    if (storedAt === undefined || storedAt === at) return;
    subtree(child.hash, at, depth, lost);
    subtree(child.hash, storedAt, depth, gained);
  };
  const visit = (p: Pending, depth: number): void => {
    if (p.t === 'known') return;
    shared.set(p.hash, (shared.get(p.hash) ?? 0) + 1);
    const stored = created(p.hash);
    if (p.t === 'binary') {
      if (stored?.kind === 'binary') {
        compare(p.left, stored.leftBlock, depth + 1);
        compare(p.right, stored.rightBlock, depth + 1);
      }
      visit(p.left, depth + 1);
      visit(p.right, depth + 1);
    } else {
      if (stored?.kind === 'edge') compare(p.child, stored.childBlock, depth + p.length);
      visit(p.child, depth + p.length);
    }
  };
  for (const r of roots) if (r) visit(r, 0);
  for (const [h, c] of shared) if (c === 1) shared.delete(h);
  return { shared, gained, lost };
}
