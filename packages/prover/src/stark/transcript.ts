import { GENERATOR, P, pow } from '@starling/felt';
import type { ProofOptions } from '../options.js';
import type { Air } from './air.js';
import { Channel } from './channel.js';

/** A transcript seeded with the AIR id, trace length, parameters and public input. */
export function newTranscript(air: Air, o: ProofOptions): Channel {
  const header = new TextEncoder().encode(
    JSON.stringify([
      air.id,
      air.traceLength,
      o.logBlowup,
      o.queries,
      o.powBits,
      o.lastLayerDegreeBound,
      o.friStepLog,
      o.merkleHash,
    ]),
  );
  const pub = air.publicInputBytes();
  const seed = new Uint8Array(header.length + 1 + pub.length);
  seed.set(header, 0);
  seed[header.length] = 0;
  seed.set(pub, header.length + 1);
  return new Channel(seed);
}

/** Draws the out-of-domain point, outside the trace subgroup and the LDE coset. */
export function drawOodsPoint(channel: Channel, n: number, N: number): bigint {
  const gN = pow(GENERATOR, BigInt(N));
  for (;;) {
    const z = channel.drawFelt();
    if (z === 0n) continue;
    if (pow(z, BigInt(n)) === 1n) continue;
    if (pow(z, BigInt(N)) === gN % P) continue;
    return z;
  }
}

/** Query indices in [0, N): each opens LDE row q of every commitment and the FRI cosets above it. */
export function drawQueries(channel: Channel, count: number, N: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(channel.drawIndex(N));
  return out;
}
