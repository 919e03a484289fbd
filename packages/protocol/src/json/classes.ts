// Parses and validates the JSON forms of Sierra contract classes and CASM compiled classes.
import { P } from '@starling/felt';
import { ProtocolError } from '../errors.js';
import {
  arrayField,
  asObject,
  feltArrayField,
  feltField,
  field,
  type JsonObject,
  readFelt,
  readSafeInt,
  safeIntField,
  stringField,
} from '../parse.js';
import type {
  CasmClass,
  CasmEntryPoint,
  CasmEntryPoints,
  NestedIntList,
  SierraClass,
  SierraEntryPoint,
  SierraEntryPoints,
} from '../types.js';
import { abiString } from './abi-string.js';

const TYPES = ['EXTERNAL', 'L1_HANDLER', 'CONSTRUCTOR'] as const;

function entryPointLists<T>(value: unknown, path: string, read: (v: unknown, p: string) => T) {
  const o = asObject(value, path);
  const out = {} as Record<(typeof TYPES)[number], T[]>;
  for (const t of TYPES) {
    const list = o[t] === undefined ? [] : arrayField(o, t, path);
    out[t] = list.map((e, i) => read(e, `${path}.${t}[${i}]`));
  }
  return out;
}

function sierraEntryPoint(value: unknown, path: string): SierraEntryPoint {
  const o = asObject(value, path);
  return { selector: feltField(o, 'selector', path), functionIdx: safeIntField(o, 'function_idx', path) };
}

function casmEntryPoint(value: unknown, path: string): CasmEntryPoint {
  const o = asObject(value, path);
  const builtins = o.builtins === undefined ? [] : arrayField(o, 'builtins', path);
  return {
    selector: feltField(o, 'selector', path),
    offset: safeIntField(o, 'offset', path),
    builtins: builtins.map((b, i) => {
      if (typeof b !== 'string' || b.length === 0 || b.length > 31) {
        throw new ProtocolError('INVALID_CLASS', `${path}.builtins[${i}]: expected a builtin name`, { path });
      }
      return b;
    }),
  };
}

/** Parses a Sierra contract class (`sierra_program`, `entry_points_by_type`, `abi`, …). */
export function parseSierraClass(value: unknown, path = 'class'): SierraClass {
  const o = asObject(value, path);
  const abi = o.abi === undefined ? '' : abiString(o.abi);
  return {
    sierraProgram: feltArrayField(o, 'sierra_program', path),
    contractClassVersion:
      o.contract_class_version === undefined ? '0.1.0' : stringField(o, 'contract_class_version', path),
    entryPointsByType: entryPointLists(
      field(o, 'entry_points_by_type', path),
      `${path}.entry_points_by_type`,
      sierraEntryPoint,
    ) as SierraEntryPoints,
    abi,
  };
}

function nestedIntList(value: unknown, path: string, depth: number): NestedIntList {
  if (depth > 64) throw new ProtocolError('INVALID_BYTECODE_SEGMENTS', `${path}: nesting too deep`, { path });
  if (Array.isArray(value)) return value.map((v, i) => nestedIntList(v, `${path}[${i}]`, depth + 1));
  return readSafeInt(value, path);
}

/** Parses a CASM compiled class (`bytecode`, `bytecode_segment_lengths`, `entry_points_by_type`, …). */
export function parseCasmClass(value: unknown, path = 'casm'): CasmClass {
  const o: JsonObject = asObject(value, path);
  const prime = o.prime === undefined ? P : readUintAny(o.prime, `${path}.prime`);
  if (prime !== P) throw new ProtocolError('INVALID_CLASS', `${path}.prime is not the Stark prime`, { path });
  const bytecode = feltArrayField(o, 'bytecode', path);
  const casm: CasmClass = {
    prime,
    compilerVersion: o.compiler_version === undefined ? '' : stringField(o, 'compiler_version', path),
    bytecode,
    hints: o.hints === undefined ? [] : arrayField(o, 'hints', path),
    entryPointsByType: entryPointLists(
      field(o, 'entry_points_by_type', path),
      `${path}.entry_points_by_type`,
      casmEntryPoint,
    ) as CasmEntryPoints,
  };
  if (o.bytecode_segment_lengths !== undefined && o.bytecode_segment_lengths !== null) {
    casm.bytecodeSegmentLengths = nestedIntList(
      o.bytecode_segment_lengths,
      `${path}.bytecode_segment_lengths`,
      0,
    );
  }
  for (const t of TYPES) {
    for (const ep of casm.entryPointsByType[t]) {
      if (ep.offset >= bytecode.length) {
        throw new ProtocolError(
          'INVALID_CLASS',
          `${path}: entry point offset ${ep.offset} is outside the bytecode`,
          {
            path,
          },
        );
      }
    }
  }
  return casm;
}

// The prime itself is not a felt, so it is read without the felt bound.
function readUintAny(value: unknown, path: string): bigint {
  if (typeof value === 'string' && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value)) return BigInt(value);
  if (typeof value === 'bigint') return value;
  return readFelt(value, path);
}
