import { isStarknetErrorName, type StarknetErrorName } from '../errors/starknet-errors.js';
import type { SpecBundle } from './spec-bundle.js';

/** One parameter of a spec method, with the JSON pointer of its schema. */
export interface ParamSpec {
  name: string;
  required: boolean;
  pointer: string;
}

/** What the spec says about one method: where it lives, its parameters, result schema and allowed errors. */
export interface MethodSpec {
  name: string;
  file: string;
  params: ParamSpec[];
  resultPointer: string | undefined;
  errors: StarknetErrorName[];
}

/** Which API a spec file belongs to. */
export const API_FILES = {
  read: 'starknet_api_openrpc.json',
  write: 'starknet_write_api.json',
  trace: 'starknet_trace_api_openrpc.json',
  executables: 'starknet_executables.json',
  ws: 'starknet_ws_api.json',
} as const;

/** The method table of a spec bundle, keyed by full method name (`starknet_…`). */
export function buildMethodTable(bundle: SpecBundle): Map<string, MethodSpec> {
  const table = new Map<string, MethodSpec>();
  for (const file of Object.values(API_FILES)) {
    const methods = bundle.documents[file]?.methods ?? [];
    methods.forEach((m, i) => {
      const errors = (m.errors ?? [])
        .map((e) => e.$ref.split('/').pop() ?? '')
        .filter((n): n is StarknetErrorName => isStarknetErrorName(n));
      table.set(m.name, {
        name: m.name,
        file,
        params: m.params.map((p, j) => ({
          name: p.name,
          required: p.required === true,
          pointer: `/methods/${i}/params/${j}/schema`,
        })),
        resultPointer: m.result ? `/methods/${i}/result/schema` : undefined,
        errors,
      });
    });
  }
  return table;
}
