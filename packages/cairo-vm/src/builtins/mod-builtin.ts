import { vmError } from '../errors.js';
import type { Relocatable } from '../types.js';
import { BuiltinRunner, hex, type PrivateInputEntry } from './builtin-runner.js';

const LIMB = 1n << 96n;

/** add_mod / mul_mod: (p0..p3, values_ptr, offsets_ptr, n); checks a op b = c (mod p) per gate. */
export class ModBuiltin extends BuiltinRunner {
  readonly name: 'add_mod' | 'mul_mod';
  readonly cellsPerInstance = 7;
  readonly nInputCells = 7;

  constructor(kind: 'add_mod' | 'mul_mod') {
    super();
    this.name = kind;
  }

  private value(ptr: Relocatable): bigint {
    const m = this.vm?.memory;
    if (m === undefined) throw vmError('INVALID_PROGRAM', 'mod builtin not initialized');
    let v = 0n;
    for (let i = 3; i >= 0; i--) v = v * LIMB + m.getFelt({ segment: ptr.segment, offset: ptr.offset + i });
    return v;
  }

  private instances(): {
    index: number;
    p: bigint[];
    values: Relocatable;
    offsets: Relocatable;
    n: number;
  }[] {
    const m = this.vm?.memory;
    const out = [];
    if (m === undefined) return [];
    for (let i = 0; i < this.usedInstances(); i++) {
      const base = i * 7;
      const at = (k: number): Relocatable => ({ segment: this.base, offset: base + k });
      if (m.get(at(0)) === undefined) continue;
      out.push({
        index: i,
        p: m.getFelts(at(0), 4),
        values: m.getRel(at(4)),
        offsets: m.getRel(at(5)),
        n: Number(m.getFelt(at(6))),
      });
    }
    return out;
  }

  /** Verifies every filled gate: a + b = c or a · b = c modulo p. */
  override finalCheck(): void {
    const m = this.vm?.memory;
    if (m === undefined) return;
    for (const inst of this.instances()) {
      const p = inst.p.reduce((acc, l, k) => acc + (l << BigInt(96 * k)), 0n);
      const off = (k: number): Relocatable => ({
        segment: inst.values.segment,
        offset:
          inst.values.offset +
          Number(m.getFelt({ segment: inst.offsets.segment, offset: inst.offsets.offset + k })),
      });
      const a = this.value(off(0));
      const b = this.value(off(1));
      const c = this.value(off(2));
      const ok = this.name === 'add_mod' ? (a + b - c) % p === 0n : (a * b - c) % p === 0n;
      if (!ok)
        throw vmError('SECURITY_CHECK', `${this.name}: instance ${inst.index} does not satisfy its relation`);
    }
  }

  override airPrivateInput(): PrivateInputEntry[] {
    const m = this.vm?.memory;
    if (m === undefined) return [];
    const instances = this.instances().map((inst) => {
      const vars: Record<string, unknown> = {};
      for (const [k, name] of ['a', 'b', 'c'].entries()) {
        const o = Number(m.getFelt({ segment: inst.offsets.segment, offset: inst.offsets.offset + k }));
        vars[`${name}_offset`] = o;
        for (let l = 0; l < 4; l++) {
          const v = m.get({ segment: inst.values.segment, offset: inst.values.offset + o + l });
          vars[`${name}${l}`] = hex(typeof v === 'bigint' ? v : 0n);
        }
      }
      return {
        index: inst.index,
        p0: hex(inst.p[0] as bigint),
        p1: hex(inst.p[1] as bigint),
        p2: hex(inst.p[2] as bigint),
        p3: hex(inst.p[3] as bigint),
        values_ptr: inst.values.offset,
        offsets_ptr: inst.offsets.offset,
        n: inst.n,
        batch: { '0': vars },
      };
    });
    return instances.length === 0 ? [] : [{ instances, zero_value_address: 0 }];
  }
}
