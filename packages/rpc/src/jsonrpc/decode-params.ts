import { RpcError } from '../errors/rpc-error.js';
import type { MethodEntry } from './method-entry.js';

/** Decodes positional or named params into a named object, checking arity, names, required ones and schemas. */
export function decodeParams(entry: MethodEntry, params: unknown): Record<string, unknown> {
  const defs = entry.params;
  const named: Record<string, unknown> = {};
  if (params === undefined) {
    // No params member: same as an empty list.
  } else if (Array.isArray(params)) {
    if (params.length > defs.length) {
      throw new RpcError(
        'INVALID_PARAMS',
        `${entry.name} takes at most ${defs.length} params, got ${params.length}`,
      );
    }
    for (let i = 0; i < params.length; i++) {
      const def = defs[i]!;
      if (params[i] !== undefined) named[def.name] = params[i];
    }
  } else if (params !== null && typeof params === 'object') {
    for (const key of Object.keys(params)) {
      if (!defs.some((d) => d.name === key)) {
        throw new RpcError('INVALID_PARAMS', `unexpected param '${truncate(key)}' for ${entry.name}`);
      }
      named[key] = (params as Record<string, unknown>)[key];
    }
  } else {
    throw new RpcError('INVALID_PARAMS', 'params must be an array or an object');
  }
  for (const def of defs) {
    const value = named[def.name];
    // An explicit null for an optional param means "absent", as several clients send it.
    if (value === undefined || (value === null && !def.required)) {
      delete named[def.name];
      if (def.required) throw new RpcError('INVALID_PARAMS', `missing required param '${def.name}'`);
      continue;
    }
    const reason = def.validate?.(value);
    if (reason) throw new RpcError('INVALID_PARAMS', reason, { param: def.name });
  }
  return named;
}

/** Shortens client-supplied text before it is echoed in an error reason. */
export function truncate(text: string, max = 64): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
