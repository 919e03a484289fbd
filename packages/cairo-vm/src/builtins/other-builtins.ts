import { CURVE_ORDER, ecdsaVerify } from '@starling/crypto';
import { vmError } from '../errors.js';
import type { Segment } from '../memory/segment.js';
import { TAG_BIG, TAG_INT, TAG_REL } from '../memory/value.js';
import type { BuiltinName } from '../types.js';
import { BuiltinRunner, DeducingBuiltin, hex, type PrivateInputEntry } from './builtin-runner.js';
import { keccakF1600 } from './keccak-f.js';

/** range_check (bound 2^128) and range_check96 (bound 2^96): every cell is checked on write. */
export class RangeCheckBuiltin extends BuiltinRunner {
  readonly name: BuiltinName;
  readonly cellsPerInstance = 1;
  readonly nInputCells = 1;
  readonly bound: bigint;

  constructor(bits: 128 | 96) {
    super();
    this.name = bits === 128 ? 'range_check' : 'range_check96';
    this.bound = 1n << BigInt(bits);
  }

  override validate(s: Segment, offset: number): void {
    const t = s.tags[offset];
    if (t === TAG_REL)
      throw vmError('BUILTIN_VALIDATION', `${this.name}: ${s.index}:${offset} holds a pointer`);
    const v = t === TAG_INT ? (s.vals[offset] as number) : -1;
    // Small non-negative cells are always in range; negative small cells are P - n (too big).
    if (t === TAG_INT && v >= 0) return;
    const big = t === TAG_BIG ? (s.bigs[offset] as bigint) : this.bound;
    if (big >= this.bound) {
      throw vmError('BUILTIN_VALIDATION', `${this.name}: value at ${s.index}:${offset} is out of range`, {
        offset,
      });
    }
  }

  override airPrivateInput(): PrivateInputEntry[] {
    const out: PrivateInputEntry[] = [];
    for (let i = 0; i < this.usedCells(); i++) {
      const v = this.input(i);
      if (v !== undefined) out.push({ index: i, value: hex(v) });
    }
    return out;
  }

  /** Smallest and largest 16-bit part seen (rc_min / rc_max for the public input). */
  partBounds(): [number, number] | undefined {
    const parts = this.name === 'range_check' ? 8 : 6;
    let min = Number.POSITIVE_INFINITY;
    let max = -1;
    for (let i = 0; i < this.usedCells(); i++) {
      let v = this.input(i);
      if (v === undefined) continue;
      for (let p = 0; p < parts; p++) {
        const part = Number(v & 0xffffn);
        v >>= 16n;
        if (part < min) min = part;
        if (part > max) max = part;
      }
    }
    return max < 0 ? undefined : [min, max];
  }
}

/** output: a plain segment, public memory in proof mode. */
export class OutputBuiltin extends BuiltinRunner {
  readonly name = 'output' as const;
  readonly cellsPerInstance = 1;
  readonly nInputCells = 1;
}

const KECCAK_INPUT_BOUND = 1n << 200n;

/** keccak: 8 inputs of 200 bits (the 1600-bit state) → 8 outputs of Keccak-f[1600]. */
export class KeccakBuiltin extends DeducingBuiltin {
  readonly name = 'keccak' as const;
  readonly cellsPerInstance = 16;
  readonly nInputCells = 8;
  compute(inputs: bigint[]): bigint[] {
    let state = 0n;
    for (let i = 7; i >= 0; i--) {
      const v = inputs[i] as bigint;
      if (v >= KECCAK_INPUT_BOUND) throw vmError('BUILTIN_DEDUCTION', 'keccak: input is not below 2^200');
      state = (state << 200n) | v;
    }
    const lanes: bigint[] = [];
    for (let i = 0; i < 25; i++) lanes.push((state >> BigInt(64 * i)) & ((1n << 64n) - 1n));
    keccakF1600(lanes);
    let out = 0n;
    for (let i = 24; i >= 0; i--) out = (out << 64n) | (lanes[i] as bigint);
    const res: bigint[] = [];
    for (let i = 0; i < 8; i++) res.push((out >> BigInt(200 * i)) & (KECCAK_INPUT_BOUND - 1n));
    return res;
  }
  protected privateFields(s: bigint[]): Record<string, string> {
    const o: Record<string, string> = {};
    for (let i = 0; i < 8; i++) o[`input_s${i}`] = hex(s[i] as bigint);
    return o;
  }
}

/** ecdsa: (pubkey, msg); a signature registered for the instance is verified once both are written. */
export class EcdsaBuiltin extends BuiltinRunner {
  readonly name = 'ecdsa' as const;
  readonly cellsPerInstance = 2;
  readonly nInputCells = 2;
  readonly signatures = new Map<number, { r: bigint; s: bigint }>();

  /** Registers the signature of the instance at `offset` (what the Cairo 0 hint does). */
  addSignature(offset: number, r: bigint, s: bigint): void {
    this.signatures.set(Math.floor(offset / 2), { r, s });
  }

  override validate(_s: Segment, offset: number): void {
    const inst = Math.floor(offset / 2);
    const pub = this.input(inst * 2);
    const msg = this.input(inst * 2 + 1);
    if (pub === undefined || msg === undefined) return;
    const sig = this.signatures.get(inst);
    if (sig === undefined) throw vmError('BUILTIN_VALIDATION', `ecdsa: no signature for instance ${inst}`);
    if (!ecdsaVerify(msg, sig.r, sig.s, pub)) {
      throw vmError('BUILTIN_VALIDATION', `ecdsa: invalid signature for instance ${inst}`);
    }
  }

  override airPrivateInput(): PrivateInputEntry[] {
    const out: PrivateInputEntry[] = [];
    for (const [inst, sig] of [...this.signatures].sort((a, b) => a[0] - b[0])) {
      const pub = this.input(inst * 2);
      const msg = this.input(inst * 2 + 1);
      if (pub === undefined || msg === undefined) continue;
      const w = modInverse(sig.s, CURVE_ORDER);
      out.push({
        index: inst,
        pubkey: hex(pub),
        msg: hex(msg),
        signature_input: { r: hex(sig.r), w: hex(w) },
      });
    }
    return out;
  }
}

function modInverse(a: bigint, n: bigint): bigint {
  let [r0, r1] = [((a % n) + n) % n, n];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % n) + n) % n;
}
