import { vmError } from '../errors.js';
import type { MaybeRelocatable, Relocatable } from '../types.js';
import { Segment } from './segment.js';
import * as valueMod from './value.js';

// Local copies: module bindings cost a getter call per use under some loaders (hot loop).
const {
  normalizeBig,
  packRel,
  relOffset,
  relSegment,
  SEG_SHIFT,
  scratch,
  smallToBig,
  TAG_BIG,
  TAG_EMPTY,
  TAG_INT,
  TAG_REL,
} = valueMod;

/** Segmented write-once memory. Temporary segments have negative indexes (-1, -2, …). */
export class Memory {
  readonly segments: Segment[] = [];
  readonly temp: Segment[] = [];
  /** Relocation rules: temporary segment index → destination pointer. */
  readonly rules = new Map<number, Relocatable>();

  addSegment(capacity?: number): Segment {
    const s = new Segment(this.segments.length, capacity);
    this.segments.push(s);
    return s;
  }

  addTempSegment(): Segment {
    const s = new Segment(-(this.temp.length + 1));
    this.temp.push(s);
    return s;
  }

  /** The segment with this index; throws INVALID_ADDRESS when it does not exist. */
  segment(index: number): Segment {
    const s = index >= 0 ? this.segments[index] : this.temp[-index - 1];
    if (s === undefined) throw vmError('INVALID_ADDRESS', `segment ${index} does not exist`);
    return s;
  }

  /** Writes an encoded value; equal rewrites are no-ops, different ones are INCONSISTENT_MEMORY. */
  writeCell(s: Segment, off: number, tag: number, num: number, big: bigint): void {
    if (off < 0) throw vmError('INVALID_ADDRESS', `negative offset ${off} in segment ${s.index}`);
    if (off >= s.tags.length) s.grow(off);
    const t = s.tags[off];
    if (t === TAG_EMPTY) {
      if (s.readOnly) {
        throw vmError('WRITE_TO_READ_ONLY', `write into read-only segment at ${s.index}:${off}`);
      }
      s.tags[off] = tag;
      s.vals[off] = num;
      if (tag === TAG_BIG) s.bigs[off] = big;
      if (off >= s.size) s.size = off + 1;
      if (s.hooks?.validate !== undefined) s.hooks.validate(s, off);
      return;
    }
    if (t !== tag || (tag === TAG_BIG ? s.bigs[off] !== big : s.vals[off] !== num)) {
      const old = this.decode(s, off);
      throw vmError(
        'INCONSISTENT_MEMORY',
        `inconsistent memory at ${s.index}:${off}: ${fmt(old)} != ${fmt(this.decodeRaw(tag, num, big))}`,
      );
    }
  }

  /** Writes an API value at an address. */
  write(addr: Relocatable, v: MaybeRelocatable): void {
    const s = this.segment(addr.segment);
    if (typeof v === 'bigint') {
      normalizeBig(v);
      this.writeCell(s, addr.offset, scratch.tag, scratch.num, scratch.big);
    } else {
      this.writeCell(s, addr.offset, TAG_REL, packRel(v.segment, v.offset), 0n);
    }
  }

  /** Writes consecutive values from `addr`. */
  load(addr: Relocatable, values: readonly MaybeRelocatable[]): void {
    for (let i = 0; i < values.length; i++) {
      this.write({ segment: addr.segment, offset: addr.offset + i }, values[i] as MaybeRelocatable);
    }
  }

  /** Decodes a cell into an API value (undefined when empty). */
  decode(s: Segment, off: number): MaybeRelocatable | undefined {
    if (off < 0 || off >= s.tags.length) return undefined;
    const t = s.tags[off] as number;
    if (t === TAG_EMPTY) return undefined;
    return this.decodeRaw(t, s.vals[off] as number, t === TAG_BIG ? (s.bigs[off] as bigint) : 0n);
  }

  decodeRaw(tag: number, num: number, big: bigint): MaybeRelocatable {
    if (tag === TAG_INT) return smallToBig(num);
    if (tag === TAG_BIG) return big;
    return { segment: relSegment(num), offset: relOffset(num) };
  }

  get(addr: Relocatable): MaybeRelocatable | undefined {
    return this.decode(this.segment(addr.segment), addr.offset);
  }

  /** Reads a felt; throws UNKNOWN_MEMORY when empty and MEMORY_TYPE_MISMATCH for a pointer. */
  getFelt(addr: Relocatable): bigint {
    const v = this.get(addr);
    if (v === undefined) throw vmError('UNKNOWN_MEMORY', `unknown value at ${addr.segment}:${addr.offset}`);
    if (typeof v !== 'bigint') {
      throw vmError('MEMORY_TYPE_MISMATCH', `expected a felt at ${addr.segment}:${addr.offset}`);
    }
    return v;
  }

  /** Reads a pointer; throws UNKNOWN_MEMORY when empty and MEMORY_TYPE_MISMATCH for a felt. */
  getRel(addr: Relocatable): Relocatable {
    const v = this.get(addr);
    if (v === undefined) throw vmError('UNKNOWN_MEMORY', `unknown value at ${addr.segment}:${addr.offset}`);
    if (typeof v === 'bigint') {
      throw vmError('MEMORY_TYPE_MISMATCH', `expected a pointer at ${addr.segment}:${addr.offset}`);
    }
    return v;
  }

  /** Reads `n` felts starting at `addr`. */
  getFelts(addr: Relocatable, n: number): bigint[] {
    const out: bigint[] = [];
    for (let i = 0; i < n; i++) out.push(this.getFelt({ segment: addr.segment, offset: addr.offset + i }));
    return out;
  }

  markAccessed(addr: Relocatable): void {
    const s = this.segment(addr.segment);
    if (addr.offset >= s.accessed.length) s.grow(addr.offset);
    s.accessed[addr.offset] = 1;
  }

  /** Records that temporary segment `src` (negative) must be moved to `dst`. */
  addRelocationRule(src: number, dst: Relocatable): void {
    if (src >= 0) throw vmError('RELOCATION', `relocation source ${src} is not a temporary segment`);
    if (this.rules.has(src)) throw vmError('RELOCATION', `segment ${src} already has a relocation rule`);
    this.rules.set(src, dst);
  }

  /** Applies the relocation rules: moves temporary segments and rewrites pointers into them. */
  relocateTemporary(): void {
    if (this.temp.length === 0) return;
    const target = (seg: number): Relocatable | undefined => {
      let r = this.rules.get(seg);
      // Follow chains of rules (a temporary segment relocated into another temporary one).
      while (r !== undefined && r.segment < 0 && this.rules.has(r.segment)) {
        const next = this.rules.get(r.segment) as Relocatable;
        r = { segment: next.segment, offset: next.offset + r.offset };
      }
      return r;
    };
    const fix = (s: Segment): void => {
      for (let i = 0; i < s.size; i++) {
        if (s.tags[i] !== TAG_REL) continue;
        const v = s.vals[i] as number;
        const seg = relSegment(v);
        if (seg >= 0) continue;
        const t = target(seg);
        if (t !== undefined) s.vals[i] = packRel(t.segment, t.offset + relOffset(v));
      }
    };
    for (const s of this.segments) fix(s);
    for (const s of this.temp) fix(s);
    for (const s of this.temp) {
      const t = target(s.index);
      if (t === undefined || t.segment < 0) continue;
      const dst = this.segment(t.segment);
      for (let i = 0; i < s.size; i++) {
        const tag = s.tags[i] as number;
        if (tag === TAG_EMPTY) continue;
        this.writeCell(dst, t.offset + i, tag, s.vals[i] as number, s.bigAt(i));
        if (s.accessed[i] === 1) dst.accessed[t.offset + i] = 1;
      }
      s.size = 0;
      s.tags.fill(0);
    }
  }
}

function fmt(v: MaybeRelocatable | undefined): string {
  if (v === undefined) return 'empty';
  return typeof v === 'bigint' ? `0x${v.toString(16)}` : `${v.segment}:${v.offset}`;
}

export { SEG_SHIFT };
