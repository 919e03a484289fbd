import { mod } from '@starling/felt';
import { vmError } from '../errors.js';
import type { CellRef, CellRefJson, CompiledHint, HintJson, Operand } from './hint-types.js';

export const CORE_HINTS = new Set([
  'AllocSegment',
  'TestLessThan',
  'TestLessThanOrEqual',
  'TestLessThanOrEqualAddress',
  'WideMul128',
  'DivMod',
  'Uint256DivMod',
  'Uint512DivModByUint256',
  'SquareRoot',
  'Uint256SquareRoot',
  'LinearSplit',
  'AllocFelt252Dict',
  'Felt252DictEntryInit',
  'Felt252DictEntryUpdate',
  'GetSegmentArenaIndex',
  'InitSquashData',
  'GetCurrentAccessIndex',
  'ShouldSkipSquashLoop',
  'GetCurrentAccessDelta',
  'ShouldContinueSquashLoop',
  'GetNextDictKey',
  'AssertLeFindSmallArcs',
  'AssertLeIsFirstArcExcluded',
  'AssertLeIsSecondArcExcluded',
  'RandomEcPoint',
  'FieldSqrt',
  'DebugPrint',
  'AllocConstantSize',
  'U256InvModN',
  'EvalCircuit',
]);

export const DEPRECATED_HINTS = new Set([
  'AssertCurrentAccessIndicesIsEmpty',
  'AssertAllAccessesUsed',
  'AssertAllKeysUsed',
  'AssertLeAssertThirdArcExcluded',
  'AssertLtAssertValidInput',
  'Felt252DictRead',
  'Felt252DictWrite',
]);

export const STARKNET_HINTS = new Set(['SystemCall', 'Cheatcode']);
export const EXTERNAL_HINTS = new Set(['AddRelocationRule', 'WriteRunParam', 'AddMarker', 'AddTrace']);

function parseBig(v: unknown): bigint {
  if (typeof v === 'number') return mod(BigInt(v));
  if (typeof v === 'string') {
    const neg = v.startsWith('-');
    const b = BigInt(neg ? v.slice(1) : v);
    return mod(neg ? -b : b);
  }
  throw vmError('UNKNOWN_HINT', `bad immediate ${JSON.stringify(v)}`);
}

function cell(j: CellRefJson): CellRef {
  if (j.register !== 'AP' && j.register !== 'FP') throw vmError('UNKNOWN_HINT', 'bad cell register');
  return { fp: j.register === 'FP', offset: j.offset };
}

function operand(j: Record<string, unknown>): Operand {
  if ('Deref' in j) return { k: 'deref', cell: cell(j.Deref as CellRefJson) };
  if ('DoubleDeref' in j) {
    const [c, o] = j.DoubleDeref as [CellRefJson, number];
    return { k: 'dderef', cell: cell(c), offset: o };
  }
  if ('Immediate' in j) return { k: 'imm', value: parseBig(j.Immediate) };
  if ('BinOp' in j) {
    const b = j.BinOp as { op: string; a: CellRefJson; b: Record<string, unknown> };
    return { k: 'binop', mul: b.op === 'Mul', a: cell(b.a), b: operand(b.b) };
  }
  throw vmError('UNKNOWN_HINT', `bad hint operand ${JSON.stringify(j)}`);
}

/** Compiles a hint's JSON form, classifying it; unknown variants are UNKNOWN_HINT. */
export function compileHint(json: HintJson): CompiledHint {
  const keys = Object.keys(json);
  const name = keys[0];
  if (keys.length !== 1 || name === undefined) {
    throw vmError('UNKNOWN_HINT', `malformed hint ${JSON.stringify(json).slice(0, 200)}`);
  }
  const family = CORE_HINTS.has(name)
    ? 'core'
    : DEPRECATED_HINTS.has(name)
      ? 'deprecated'
      : STARKNET_HINTS.has(name)
        ? 'starknet'
        : EXTERNAL_HINTS.has(name)
          ? 'external'
          : undefined;
  if (family === undefined) throw vmError('UNKNOWN_HINT', `unknown hint ${name}`);
  const body = json[name];
  const args: Record<string, CellRef | Operand | bigint> = {};
  if (body !== null && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (typeof v === 'string' || typeof v === 'number') args[k] = parseBig(v);
      else if (v !== null && typeof v === 'object' && 'register' in v) args[k] = cell(v as CellRefJson);
      else if (v !== null && typeof v === 'object') args[k] = operand(v as Record<string, unknown>);
    }
  }
  return { name, family, args };
}
