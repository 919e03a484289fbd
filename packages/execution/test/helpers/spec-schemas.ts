// Validates values against the RPC 0.10.3 OpenRPC component schemas (ajv). The spec's oneOf
// alternatives overlap (open objects), so they are read as anyOf, as the rpc package does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { specsDir } from '../../../../scripts/shared-paths.ts';

const dir = join(specsDir, '0.10.3');
const ajv = new Ajv({ strict: false, validateSchema: false, validateFormats: false });

function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k === 'oneOf' ? 'anyOf' : k] = rewrite(v);
  return out;
}

for (const [file, uri] of [
  ['starknet_api_openrpc.json', 'spec:/api/starknet_api_openrpc.json'],
  ['starknet_trace_api_openrpc.json', 'spec:/starknet_trace_api_openrpc.json'],
]) {
  ajv.addSchema(rewrite(JSON.parse(readFileSync(join(dir, file as string), 'utf8'))) as object, uri);
}

const cache = new Map<string, ValidateFunction>();

/** Returns null when `value` matches the named schema, else ajv's errors. */
export function checkSchema(name: string, value: unknown, api: 'api' | 'trace' = 'api'): string | null {
  const ref =
    api === 'api'
      ? `spec:/api/starknet_api_openrpc.json#/components/schemas/${name}`
      : `spec:/starknet_trace_api_openrpc.json#/components/schemas/${name}`;
  let fn = cache.get(ref);
  if (fn === undefined) {
    fn = ajv.compile({ $ref: ref });
    cache.set(ref, fn);
  }
  return fn(value) ? null : ajv.errorsText(fn.errors);
}
