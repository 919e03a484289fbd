import { RpcError } from '../errors/rpc-error.js';
import type { StarknetApi } from '../generated/starknet-api.js';
import type { MethodEntry } from '../jsonrpc/method-entry.js';
import { API_FILES, buildMethodTable } from '../spec/method-table.js';
import type { SpecBundle } from '../spec/spec-bundle.js';
import type { SpecValidator } from '../spec/spec-validator.js';

type ApiMethod = (params: Record<string, unknown>, ctx: unknown) => unknown;

/** The read, write, trace and executables methods of a spec version, dispatched to `api`. */
export function starknetMethods(
  bundle: SpecBundle,
  validators: { params: SpecValidator; results: SpecValidator },
  api: StarknetApi,
): MethodEntry[] {
  const entries: MethodEntry[] = [];
  for (const spec of buildMethodTable(bundle).values()) {
    if (spec.file === API_FILES.ws) continue;
    const short = spec.name.replace(/^starknet_/, '');
    const params = spec.params.map((p) => ({
      name: p.name,
      required: p.required,
      validate: (v: unknown) => validators.params.check(spec.file, p.pointer, v, `param '${p.name}'`),
    }));
    const resultPointer = spec.resultPointer;
    const validateResult = resultPointer
      ? (r: unknown) => validators.results.check(spec.file, resultPointer, r, 'result')
      : undefined;
    if (short === 'specVersion') {
      const version = bundle.documents[spec.file]?.info.version ?? bundle.version;
      entries.push({ name: spec.name, params, handler: () => version, validateResult });
      continue;
    }
    const fn = (api as unknown as Record<string, ApiMethod | undefined>)[short];
    if (typeof fn !== 'function') {
      throw new RpcError('INVALID_CONFIGURATION', `StarknetApi lacks ${short}`, { method: spec.name });
    }
    entries.push({ name: spec.name, params, handler: (p, ctx) => fn.call(api, p, ctx), validateResult });
  }
  return entries;
}
