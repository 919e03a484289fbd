/** Iterative DFS post-order over statements (cycles are ignored), as the Sierra algorithms use. */
export function reverseTopologicalOrdering(
  roots: Iterable<number>,
  nodeCount: number,
  children: (idx: number) => Iterable<number>,
): number[] {
  const ordering: number[] = [];
  // 0 = not started, 1 = in progress, 2 = done.
  const status = new Uint8Array(nodeCount);
  for (const root of roots) {
    const stack = [root];
    while (stack.length) {
      const idx = stack.pop()!;
      const s = status[idx];
      if (s === 0) {
        status[idx] = 1;
        stack.push(idx);
        for (const c of children(idx)) if (status[c] === 0) stack.push(c);
      } else if (s === 1) {
        status[idx] = 2;
        ordering.push(idx);
      }
    }
  }
  return ordering;
}
