import * as scure from '@scure/starknet';
import { add, sub } from '@starling/felt';

/** Full rounds at each end and partial rounds in the middle of Starknet's Hades permutation. */
const HALF_FULL = 4;
const PARTIAL = 83;

/** M·(v0, v1, 0) for the MDS matrix [[3,1,1],[1,−1,1],[1,1,−2]]. */
function mixTwo(v0: bigint, v1: bigint): [bigint, bigint, bigint] {
  return [add(add(add(v0, v0), v0), v1), sub(v0, v1), add(v0, v1)];
}

/**
 * Starknet Poseidon's round constants (from @scure/starknet), 91 × 3, with the partial rounds'
 * constants for s0, s1 moved forward: a partial round maps s + c to M·S(s + c) and S touches only s2,
 * so M·(c0, c1, 0) can join the next round's constants. Partial rounds then keep only their s2 entry.
 */
export function compressedRoundConstants(): bigint[] {
  const rc = scure.poseidonSmall.roundConstants.map((row) => [...row]);
  let carry: [bigint, bigint, bigint] = [0n, 0n, 0n];
  for (let i = HALF_FULL; i < HALF_FULL + PARTIAL; i++) {
    const row = rc[i]!;
    const c = row.map((v, k) => add(v, carry[k]!));
    carry = mixTwo(c[0]!, c[1]!);
    rc[i] = [0n, 0n, c[2]!];
  }
  const next = rc[HALF_FULL + PARTIAL]!;
  rc[HALF_FULL + PARTIAL] = next.map((v, k) => add(v, carry[k]!));
  return rc.flat();
}
