import { P } from '@starling/felt';
import { ProverError } from '../errors.js';
import type { ProofOptions } from '../options.js';
import type { LayerOpening } from './fri.js';
import type { StarkProof } from './proof.js';

const hex = (v: bigint) => `0x${v.toString(16)}`;
const hexes = (vs: readonly bigint[]) => vs.map(hex);
const opening = (o: LayerOpening) => ({ values: o.values.map(hexes), proof: hexes(o.proof) });

/** Proof as a JSON string (bigints as 0x-hex). */
export function serializeProof(p: StarkProof): string {
  return JSON.stringify({
    version: p.version,
    airId: p.airId,
    traceLength: p.traceLength,
    options: p.options,
    mainRoot: hex(p.mainRoot),
    auxRoot: p.auxRoot === null ? null : hex(p.auxRoot),
    compositionRoot: hex(p.compositionRoot),
    oodsTrace: p.oodsTrace.map(hexes),
    oodsComposition: hexes(p.oodsComposition),
    fri: { roots: hexes(p.fri.roots), lastLayer: hexes(p.fri.lastLayer), layers: p.fri.layers.map(opening) },
    powNonce: p.powNonce,
    mainOpening: opening(p.mainOpening),
    auxOpening: p.auxOpening ? opening(p.auxOpening) : null,
    compositionOpening: opening(p.compositionOpening),
  });
}

function bad(msg: string): never {
  throw new ProverError('INVALID_PROOF_FORMAT', msg);
}

function big(v: unknown, what: string, bound = 1n << 256n): bigint {
  if (typeof v !== 'string' || !/^0x[0-9a-f]{1,64}$/.test(v)) bad(`${what}: expected 0x-hex`);
  const x = BigInt(v);
  if (x >= bound) bad(`${what}: out of range`);
  return x;
}

function arr(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) bad(`${what}: expected an array`);
  return v;
}

const felts = (v: unknown, what: string) => arr(v, what).map((x) => big(x, what, P));
const digests = (v: unknown, what: string) => arr(v, what).map((x) => big(x, what));

function parseOpening(v: unknown, what: string): LayerOpening {
  if (typeof v !== 'object' || v === null) bad(`${what}: expected an object`);
  const o = v as Record<string, unknown>;
  return { values: arr(o.values, what).map((r) => felts(r, what)), proof: digests(o.proof, what) };
}

/** Parses and shape-checks a serialized proof; throws INVALID_PROOF_FORMAT. */
export function deserializeProof(text: string): StarkProof {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(text) as Record<string, unknown>;
  } catch {
    bad('proof is not JSON');
  }
  if (typeof j !== 'object' || j === null || j.version !== 2) bad('unsupported proof version');
  if (typeof j.airId !== 'string') bad('airId');
  if (!Number.isSafeInteger(j.traceLength)) bad('traceLength');
  if (!Number.isSafeInteger(j.powNonce) || (j.powNonce as number) < 0) bad('powNonce');
  const o = j.options as Record<string, unknown> | undefined;
  if (typeof o !== 'object' || o === null) bad('options');
  const options: ProofOptions = {
    logBlowup: Number(o.logBlowup),
    queries: Number(o.queries),
    powBits: Number(o.powBits),
    lastLayerDegreeBound: Number(o.lastLayerDegreeBound),
    friStepLog: o.friStepLog === undefined ? 1 : Number(o.friStepLog),
    merkleHash: o.merkleHash === 'poseidon' || o.merkleHash === 'sha256' ? o.merkleHash : 'keccak',
  };
  const fri = j.fri as Record<string, unknown> | undefined;
  if (typeof fri !== 'object' || fri === null) bad('fri');
  return {
    version: 2,
    airId: j.airId,
    traceLength: j.traceLength as number,
    options,
    mainRoot: big(j.mainRoot, 'mainRoot'),
    auxRoot: j.auxRoot === null ? null : big(j.auxRoot, 'auxRoot'),
    compositionRoot: big(j.compositionRoot, 'compositionRoot'),
    oodsTrace: arr(j.oodsTrace, 'oodsTrace').map((r) => felts(r, 'oodsTrace')),
    oodsComposition: felts(j.oodsComposition, 'oodsComposition'),
    fri: {
      roots: digests(fri.roots, 'fri.roots'),
      lastLayer: felts(fri.lastLayer, 'fri.lastLayer'),
      layers: arr(fri.layers, 'fri.layers').map((l) => parseOpening(l, 'fri.layers')),
    },
    powNonce: j.powNonce as number,
    mainOpening: parseOpening(j.mainOpening, 'mainOpening'),
    auxOpening: j.auxOpening === null ? null : parseOpening(j.auxOpening, 'auxOpening'),
    compositionOpening: parseOpening(j.compositionOpening, 'compositionOpening'),
  };
}
