import { P } from '@starling/felt';
import { ProverError } from '../errors.js';
import { encodeU256s } from '../stark/bytes.js';

/** A public memory cell (address ≥ 1). */
export interface PublicMemoryCell {
  address: number;
  value: bigint;
}

/** Memory segment bounds from the VM (begin address and stop pointer). */
export interface SegmentBounds {
  begin: number;
  stop: number;
}

/** What the verifier knows about a Cairo execution. */
export interface CairoPublicInput {
  /** Layout name written by the VM (informational; our AIR has one layout). */
  layout: string;
  nSteps: number;
  rcMin: number;
  rcMax: number;
  initialPc: number;
  finalPc: number;
  /** Initial ap (= initial fp). */
  initialAp: number;
  finalAp: number;
  publicMemory: PublicMemoryCell[];
  /** Every memory segment by name (program, execution, output, builtins…). */
  segments: Record<string, SegmentBounds>;
}

function bad(msg: string): never {
  throw new ProverError('INVALID_INPUT_FILE', `air public input: ${msg}`);
}

function int(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    bad(`${what} must be a non-negative integer`);
  return v;
}

function felt(v: unknown, what: string): bigint {
  let x: bigint;
  if (typeof v === 'string' && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(v)) x = BigInt(v);
  else if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) x = BigInt(v);
  else bad(`${what} must be a felt`);
  if (x >= P) bad(`${what} is not below the field prime`);
  return x;
}

/** Parses the cairo-run air_public_input.json (standard format). */
export function parseAirPublicInput(json: unknown): CairoPublicInput {
  if (typeof json !== 'object' || json === null) bad('not an object');
  const j = json as Record<string, unknown>;
  const segs = j.memory_segments as Record<string, { begin_addr?: unknown; stop_ptr?: unknown }> | undefined;
  if (typeof segs !== 'object' || segs === null) bad('memory_segments missing');
  const segments: Record<string, SegmentBounds> = {};
  for (const [name, s] of Object.entries(segs)) {
    segments[name] = {
      begin: int(s?.begin_addr, `${name}.begin_addr`),
      stop: int(s?.stop_ptr, `${name}.stop_ptr`),
    };
  }
  const program = segments.program;
  const execution = segments.execution;
  if (!program || !execution) bad('program and execution segments are required');
  if (!Array.isArray(j.public_memory)) bad('public_memory must be an array');
  const publicMemory = j.public_memory.map((c: unknown, i: number) => {
    const cell = c as Record<string, unknown>;
    return {
      address: int(cell?.address, `public_memory[${i}].address`),
      value: felt(cell?.value, `public_memory[${i}].value`),
    };
  });
  const pub: CairoPublicInput = {
    layout: typeof j.layout === 'string' ? j.layout : 'unknown',
    nSteps: int(j.n_steps, 'n_steps'),
    rcMin: int(j.rc_min, 'rc_min'),
    rcMax: int(j.rc_max, 'rc_max'),
    initialPc: program.begin,
    finalPc: program.stop,
    initialAp: execution.begin,
    finalAp: execution.stop,
    publicMemory,
    segments,
  };
  validatePublicInput(pub);
  return pub;
}

/** Checks the ranges the AIR relies on (16-bit range-check bounds, addresses ≥ 1). */
export function validatePublicInput(pub: CairoPublicInput): void {
  if (!(pub.rcMin <= pub.rcMax && pub.rcMax < 1 << 16)) bad('rc_min ≤ rc_max < 2^16 required');
  if (pub.nSteps < 1) bad('n_steps must be positive');
  for (const c of pub.publicMemory) {
    if (c.address < 1) bad('public memory addresses start at 1');
    if (c.value < 0n || c.value >= P) bad('public memory value out of range');
  }
}

/** Canonical bytes of the public input, bound into the proof transcript. */
export function publicInputBytes(pub: CairoPublicInput): Uint8Array {
  const head = [pub.nSteps, pub.rcMin, pub.rcMax, pub.initialPc, pub.finalPc, pub.initialAp, pub.finalAp];
  const segNames = Object.keys(pub.segments).sort();
  const segText = new TextEncoder().encode(
    JSON.stringify(segNames.map((s) => [s, pub.segments[s]!.begin, pub.segments[s]!.stop])),
  );
  const words = [
    ...head.map(BigInt),
    BigInt(segText.length),
    BigInt(pub.publicMemory.length),
    ...pub.publicMemory.flatMap((c) => [BigInt(c.address), c.value]),
  ];
  const body = encodeU256s(words);
  const out = new Uint8Array(segText.length + body.length);
  out.set(segText, 0);
  out.set(body, segText.length);
  return out;
}

/** The public input in the air_public_input.json format (inverse of parseAirPublicInput). */
export function publicInputToJson(pub: CairoPublicInput): Record<string, unknown> {
  const memory_segments: Record<string, { begin_addr: number; stop_ptr: number }> = {};
  for (const [name, s] of Object.entries(pub.segments))
    memory_segments[name] = { begin_addr: s.begin, stop_ptr: s.stop };
  memory_segments.program = { begin_addr: pub.initialPc, stop_ptr: pub.finalPc };
  memory_segments.execution = { begin_addr: pub.initialAp, stop_ptr: pub.finalAp };
  return {
    layout: pub.layout,
    rc_min: pub.rcMin,
    rc_max: pub.rcMax,
    n_steps: pub.nSteps,
    memory_segments,
    public_memory: pub.publicMemory.map((c) => ({
      address: c.address,
      value: `0x${c.value.toString(16)}`,
      page: 0,
    })),
    dynamic_params: null,
  };
}
