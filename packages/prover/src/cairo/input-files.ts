import { P } from '@starling/felt';
import { ProverError } from '../errors.js';
import type { RegisterTrace } from './trace-builder.js';

function bad(msg: string): never {
  throw new ProverError('INVALID_INPUT_FILE', msg);
}

/** Reads a relocated trace file: per step ap, fp, pc as u64 little-endian. */
export function readTraceFile(bytes: Uint8Array): RegisterTrace {
  if (bytes.length % 24 !== 0) bad(`trace file size ${bytes.length} is not a multiple of 24`);
  const steps = bytes.length / 24;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pc = new Float64Array(steps);
  const ap = new Float64Array(steps);
  const fp = new Float64Array(steps);
  const u64 = (off: number) => {
    const v = view.getBigUint64(off, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) bad(`register value ${v} too large`);
    return Number(v);
  };
  for (let s = 0; s < steps; s++) {
    ap[s] = u64(24 * s);
    fp[s] = u64(24 * s + 8);
    pc[s] = u64(24 * s + 16);
  }
  return { pc, ap, fp };
}

/** Reads a relocated memory file: per cell a u64 LE address and a 32-byte LE value. */
export function readMemoryFile(bytes: Uint8Array): Map<number, bigint> {
  if (bytes.length % 40 !== 0) bad(`memory file size ${bytes.length} is not a multiple of 40`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const mem = new Map<number, bigint>();
  for (let off = 0; off < bytes.length; off += 40) {
    const addr = view.getBigUint64(off, true);
    if (addr > BigInt(Number.MAX_SAFE_INTEGER)) bad(`address ${addr} too large`);
    let v = 0n;
    for (let k = 3; k >= 0; k--) v = (v << 64n) | view.getBigUint64(off + 8 + 8 * k, true);
    if (v >= P) bad(`memory value at ${addr} is not a felt`);
    mem.set(Number(addr), v);
  }
  return mem;
}

/** Writes a trace file (the inverse of readTraceFile). */
export function writeTraceFile(trace: RegisterTrace): Uint8Array {
  const steps = trace.pc.length;
  const out = new Uint8Array(24 * steps);
  const view = new DataView(out.buffer);
  for (let s = 0; s < steps; s++) {
    view.setBigUint64(24 * s, BigInt(trace.ap[s]!), true);
    view.setBigUint64(24 * s + 8, BigInt(trace.fp[s]!), true);
    view.setBigUint64(24 * s + 16, BigInt(trace.pc[s]!), true);
  }
  return out;
}

/** Writes a memory file (the inverse of readMemoryFile), cells in address order. */
export function writeMemoryFile(memory: ReadonlyMap<number, bigint>): Uint8Array {
  const addrs = [...memory.keys()].sort((a, b) => a - b);
  const out = new Uint8Array(40 * addrs.length);
  const view = new DataView(out.buffer);
  addrs.forEach((a, i) => {
    view.setBigUint64(40 * i, BigInt(a), true);
    let v = memory.get(a)!;
    for (let k = 0; k < 4; k++) {
      view.setBigUint64(40 * i + 8 + 8 * k, BigInt.asUintN(64, v), true);
      v >>= 64n;
    }
  });
  return out;
}

/** Builtin names with inputs listed in air_private_input.json. */
export const PRIVATE_INPUT_BUILTINS = [
  'pedersen',
  'range_check',
  'range_check96',
  'bitwise',
  'ec_op',
  'poseidon',
  'ecdsa',
  'keccak',
  'mul_mod',
  'add_mod',
];

/** The parts of air_private_input.json the prover uses: file paths and per-builtin instance lists. */
export interface PrivateInput {
  tracePath: string | null;
  memoryPath: string | null;
  builtins: Record<string, Record<string, unknown>[]>;
}

/** Parses air_private_input.json. */
export function parseAirPrivateInput(json: unknown): PrivateInput {
  if (typeof json !== 'object' || json === null) bad('air private input: not an object');
  const j = json as Record<string, unknown>;
  const builtins: Record<string, Record<string, unknown>[]> = {};
  for (const name of PRIVATE_INPUT_BUILTINS) {
    const v = j[name];
    if (v === undefined) continue;
    if (!Array.isArray(v)) bad(`air private input: ${name} must be an array`);
    builtins[name] = v as Record<string, unknown>[];
  }
  return {
    tracePath: typeof j.trace_path === 'string' ? j.trace_path : null,
    memoryPath: typeof j.memory_path === 'string' ? j.memory_path : null,
    builtins,
  };
}
