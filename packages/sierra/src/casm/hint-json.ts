import { SierraError } from '../errors.js';
import { HINT_SCHEMAS, type Hint } from './hints.js';
import type { CellRef, DerefOrImmediate, ResOperand } from './operand.js';

function bad(why: string): SierraError {
  return new SierraError('SIERRA_DESERIALIZATION_ERROR', `invalid hint JSON: ${why}`);
}

function cellFrom(v: unknown): CellRef {
  const o = v as { register?: unknown; offset?: unknown } | null;
  if (!o || (o.register !== 'AP' && o.register !== 'FP') || typeof o.offset !== 'number') throw bad('cell');
  return { register: o.register === 'AP' ? 'ap' : 'fp', offset: o.offset };
}
function bigFrom(v: unknown): bigint {
  if (typeof v !== 'string') throw bad('immediate');
  return v.startsWith('-') ? -BigInt(v.slice(1)) : BigInt(v);
}
function doiFrom(v: unknown): DerefOrImmediate {
  const o = v as Record<string, unknown>;
  if (o && 'Deref' in o) return { kind: 'deref', cell: cellFrom(o.Deref) };
  if (o && 'Immediate' in o) return { kind: 'imm', value: bigFrom(o.Immediate) };
  throw bad('deref or immediate');
}
function resFrom(v: unknown): ResOperand {
  const o = v as Record<string, unknown>;
  if (!o || typeof o !== 'object') throw bad('res operand');
  if ('DoubleDeref' in o) {
    const [cl, off] = o.DoubleDeref as [unknown, number];
    return { kind: 'double_deref', cell: cellFrom(cl), offset: off };
  }
  if ('BinOp' in o) {
    const b = o.BinOp as { op: string; a: unknown; b: unknown };
    return { kind: 'binop', op: b.op === 'Add' ? '+' : '*', a: cellFrom(b.a), b: doiFrom(b.b) };
  }
  return doiFrom(o);
}

/** Reads a hint from its compiled class JSON form. */
export function hintFromJson(v: unknown): Hint {
  if (!v || typeof v !== 'object') throw bad('not an object');
  const [name, body] = Object.entries(v as Record<string, unknown>)[0] ?? [];
  const schema = name === undefined ? undefined : HINT_SCHEMAS[name];
  if (!schema || !body || typeof body !== 'object') throw bad(`unknown hint ${name}`);
  const args: Hint['args'] = {};
  for (const [f, kind] of schema) {
    const fv = (body as Record<string, unknown>)[f];
    args[f] = kind === 'cell' ? cellFrom(fv) : resFrom(fv);
  }
  return { name: name!, args };
}
