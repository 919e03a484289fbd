// Strict readers for JSON objects: each failure is a ProtocolError naming the offending field path.
import { FeltError, P, toBigIntStrict } from '@starling/felt';
import { ProtocolError } from './errors.js';

/** A plain JSON object, as produced by JSON.parse. */
export type JsonObject = Record<string, unknown>;

/** Wraps a felt-level error with the path of the field that caused it. */
function fieldError(path: string, e: unknown): ProtocolError {
  const message = e instanceof Error ? e.message : String(e);
  const code = e instanceof FeltError ? e.code : 'INVALID_FELT_INPUT';
  return new ProtocolError('INVALID_FIELD', `${path}: ${message}`, { path, cause: code }, { cause: e });
}

/** Requires `value` to be a JSON object. */
export function asObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProtocolError('INVALID_FIELD', `${path}: expected an object`, { path });
  }
  return value as JsonObject;
}

/** Returns obj[key], which must be present (not undefined). */
export function field(obj: JsonObject, key: string, path: string): unknown {
  const v = obj[key];
  if (v === undefined) throw new ProtocolError('MISSING_FIELD', `${path}.${key} is missing`, { path, key });
  return v;
}

/** Reads an unsigned integer below `bound` (a felt by default). */
export function readUint(value: unknown, path: string, bound: bigint = P): bigint {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') {
    throw new ProtocolError('INVALID_FIELD', `${path}: expected a number or numeric string`, { path });
  }
  let v: bigint;
  try {
    v = toBigIntStrict(value);
  } catch (e) {
    throw fieldError(path, e);
  }
  if (v >= bound) {
    throw new ProtocolError('INVALID_FIELD', `${path}: value ${v} is not below ${bound}`, { path });
  }
  return v;
}

/** Reads a felt (strict: hex or decimal string, number or bigint; below p). */
export function readFelt(value: unknown, path: string): bigint {
  return readUint(value, path, P);
}

/** Reads obj[key] as a felt. */
export function feltField(obj: JsonObject, key: string, path: string): bigint {
  return readFelt(field(obj, key, path), `${path}.${key}`);
}

/** Reads obj[key] as an unsigned integer below 2^bits. */
export function uintField(obj: JsonObject, key: string, path: string, bits: number): bigint {
  return readUint(field(obj, key, path), `${path}.${key}`, 1n << BigInt(bits));
}

/** Reads an array of felts. */
export function readFeltArray(value: unknown, path: string): bigint[] {
  if (!Array.isArray(value)) throw new ProtocolError('INVALID_FIELD', `${path}: expected an array`, { path });
  return value.map((x, i) => readFelt(x, `${path}[${i}]`));
}

/** Reads obj[key] as an array of felts. */
export function feltArrayField(obj: JsonObject, key: string, path: string): bigint[] {
  return readFeltArray(field(obj, key, path), `${path}.${key}`);
}

/** Reads obj[key] as an array (elements unchecked). */
export function arrayField(obj: JsonObject, key: string, path: string): unknown[] {
  const v = field(obj, key, path);
  if (!Array.isArray(v))
    throw new ProtocolError('INVALID_FIELD', `${path}.${key}: expected an array`, { path });
  return v;
}

/** Reads obj[key] as a string. */
export function stringField(obj: JsonObject, key: string, path: string): string {
  const v = field(obj, key, path);
  if (typeof v !== 'string')
    throw new ProtocolError('INVALID_FIELD', `${path}.${key}: expected a string`, { path });
  return v;
}

/** Reads obj[key] as a non-negative safe integer (counts, offsets, indices). */
export function safeIntField(obj: JsonObject, key: string, path: string): number {
  return readSafeInt(field(obj, key, path), `${path}.${key}`);
}

/** Reads a non-negative safe integer. */
export function readSafeInt(value: unknown, path: string): number {
  const v = readUint(value, path, BigInt(Number.MAX_SAFE_INTEGER) + 1n);
  return Number(v);
}
