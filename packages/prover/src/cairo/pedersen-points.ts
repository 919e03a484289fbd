import { type AffinePoint, ecAdd, PEDERSEN_SHIFT_POINT, pedersen, recoverY } from '@starling/crypto';
import { P } from '@starling/felt';
import { ProverError } from '../errors.js';

let cached: AffinePoint[] | null = null;

/**
 * The Pedersen constant points P1..P4 (a_low, a_high, b_low, b_high), recovered from the hash itself:
 * H(x, 0) = (S + x·P1).x etc. gives S + P up to sign; the sign is the one for which (S + 2P).x
 * matches the hash of the doubled input.
 */
export function pedersenConstantPoints(): AffinePoint[] {
  if (cached) return cached;
  const S = PEDERSEN_SHIFT_POINT;
  const minusS = { x: S.x, y: (P - S.y) % P };
  const inputs: [bigint, bigint][] = [
    [1n, 0n],
    [1n << 248n, 0n],
    [0n, 1n],
    [0n, 1n << 248n],
  ];
  cached = inputs.map(([a, b]) => {
    const x = pedersen(a, b);
    const y = recoverY(x);
    const doubled = pedersen(2n * a, 2n * b);
    for (const yy of [y, (P - y) % P]) {
      const pt = ecAdd({ x, y: yy }, minusS);
      if (pt && ecAdd(S, ecAdd(pt, pt))?.x === doubled) return pt;
    }
    throw new ProverError('INVALID_TRACE', 'cannot recover a Pedersen constant point');
  });
  return cached;
}
