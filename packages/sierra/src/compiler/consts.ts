import { compileError } from '../errors.js';
import type { Program } from '../program/types.js';
import { asType, type ProgramRegistry, valueArg } from './registry.js';

/** Selector value of an enum variant as the CASM encodes it. */
export function variantSelector(nVariants: number, index: number): number {
  return nVariants <= 2 ? index : (nVariants - index) * 2 - 1;
}

/** Flattens a `Const<T, …>` type into its cell values (port of `extract_const_value`). */
export function constValues(reg: ProgramRegistry, ty: string): bigint[] {
  const values: bigint[] = [];
  const stack = [ty];
  while (stack.length) {
    const t = stack.pop()!;
    const c = reg.type(t);
    if (c.genericId !== 'Const') throw compileError('Unsupported const type.');
    const innerTy = asType(c.args[0], t);
    const data = c.args.slice(1);
    const inner = reg.type(innerTy);
    switch (inner.genericId) {
      case 'Struct':
        for (let i = data.length - 1; i >= 0; i--) stack.push(asType(data[i], t));
        break;
      case 'Enum': {
        const [sel, vt] = data;
        if (sel?.kind !== 'value' || vt?.kind !== 'type')
          throw compileError('Const data does not match the declared const type.');
        const variants = reg.enumVariants(innerTy);
        const index = Number(sel.value);
        const variant = variants[index];
        if (variant === undefined) throw compileError('Const data does not match the declared const type.');
        values.push(BigInt(variantSelector(variants.length, index)));
        const pad = reg.size(innerTy) - reg.size(variant) - 1;
        for (let i = 0; i < pad; i++) values.push(0n);
        stack.push(vt.id);
        break;
      }
      case 'NonZero':
        stack.push(asType(data[0], t));
        break;
      case 'EcPoint':
        values.push(valueArg(data, 0, t), valueArg(data, 1, t));
        break;
      default:
        if (data.length !== 1) throw compileError('Const data does not match the declared const type.');
        values.push(valueArg(data, 0, t));
    }
  }
  return values;
}

interface Segment {
  values: bigint[];
  constOffset: Map<string, number>;
  offset: number;
}

/** The const segments appended after the code (each preceded by a `ret`). */
export class ConstSegments {
  readonly segments: Segment[] = [];
  readonly circuitSegments = new Map<string, number>();
  totalSize = 0;

  segmentStart(id: number): number {
    const s = this.segments[id];
    if (!s) throw compileError('Segment not found.');
    return s.offset;
  }
  constStart(id: number, ty: string): number {
    const s = this.segments[id];
    const o = s?.constOffset.get(ty);
    if (!s || o === undefined) throw compileError('Const type not found in const segments.');
    return s.offset + o;
  }
  circuitStart(ty: string): number {
    const id = this.circuitSegments.get(ty);
    if (id === undefined) throw compileError('Circuit not found');
    return this.constStart(id, ty);
  }
}

/** Collects `const_as_box` constants (and circuit descriptors) into segments. */
export function buildConstSegments(
  reg: ProgramRegistry,
  program: Program,
  maxSize: number,
  circuitValues?: (ty: string) => bigint[],
): ConstSegments {
  const out = new ConstSegments();
  const byId = new Map<number, Segment>();
  let dataSize = 0;
  const add = (segId: number, ty: string, data: bigint[]) => {
    let seg = byId.get(segId);
    if (!seg) {
      seg = { values: [], constOffset: new Map(), offset: 0 };
      byId.set(segId, seg);
    }
    dataSize += data.length;
    seg.constOffset.set(ty, seg.values.length);
    seg.values.push(...data);
    if (dataSize + byId.size > maxSize) throw compileError('Code size limit exceeded.');
  };
  for (const l of program.libfuncs) {
    if (l.longId.genericId !== 'const_as_box') continue;
    const ty = asType(l.longId.args[0], l.id);
    const seg = Number(valueArg(l.longId.args, 1, l.id));
    add(seg, ty, constValues(reg, ty));
  }
  [...byId.keys()].forEach((k, i) => {
    if (k !== i) throw compileError('Const segments must appear in ascending order without holes.');
  });
  let next = byId.size;
  for (const l of program.libfuncs) {
    if (l.longId.genericId !== 'get_circuit_descriptor' || !circuitValues) continue;
    const ty = asType(l.longId.args[0], l.id);
    add(next, ty, circuitValues(ty));
    out.circuitSegments.set(ty, next);
    next++;
  }
  for (const seg of byId.values()) {
    seg.offset = out.totalSize;
    out.totalSize += 1 + seg.values.length;
    out.segments.push(seg);
  }
  return out;
}
