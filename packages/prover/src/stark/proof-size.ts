import type { StarkProof } from './proof.js';

/** Size in bytes of the proof's field elements and digests at 32 bytes each (a binary encoding's payload). */
export function proofPayloadBytes(p: StarkProof): number {
  const opening = (o: { values: bigint[][]; proof: bigint[] } | null) =>
    o ? o.values.reduce((a, v) => a + v.length, 0) + o.proof.length : 0;
  const words =
    3 +
    p.oodsTrace.reduce((a, r) => a + r.length, 0) +
    p.oodsComposition.length +
    p.fri.roots.length +
    p.fri.lastLayer.length +
    p.fri.layers.reduce((a, l) => a + opening(l), 0) +
    opening(p.mainOpening) +
    opening(p.auxOpening) +
    opening(p.compositionOpening);
  return words * 32 + 8;
}
