import { readFileSync } from 'node:fs';
import { RpcError } from '../errors/rpc-error.js';
import type { SpecVersion } from '../types.js';

/** One OpenRPC method parameter. */
export interface OpenRpcParam {
  name: string;
  required?: boolean;
  schema: Record<string, unknown>;
}

/** One OpenRPC method. */
export interface OpenRpcMethod {
  name: string;
  summary?: string;
  params: OpenRpcParam[];
  result?: { name: string; schema: Record<string, unknown> };
  errors?: { $ref: string }[];
}

/** One OpenRPC document (a spec file). */
export interface OpenRpcDocument {
  openrpc: string;
  info: { version: string };
  methods: OpenRpcMethod[];
  components?: {
    schemas?: Record<string, Record<string, unknown>>;
    errors?: Record<string, { code: number; message: string; data?: unknown }>;
  };
}

/** The OpenRPC documents of one spec version, keyed by file name (see scripts/spec-bundle.ts). */
export interface SpecBundle {
  version: SpecVersion;
  documents: Record<string, OpenRpcDocument>;
}

const cache = new Map<SpecVersion, SpecBundle>();

/** Loads the committed spec bundle of a version (read once, then cached). */
export function loadSpecBundle(version: SpecVersion): SpecBundle {
  let bundle = cache.get(version);
  if (!bundle) {
    const url = new URL(`../../spec/${version}.json`, import.meta.url);
    try {
      bundle = JSON.parse(readFileSync(url, 'utf8')) as SpecBundle;
    } catch (cause) {
      throw new RpcError(
        'SPEC_NOT_FOUND',
        `spec bundle ${version} could not be read`,
        { version },
        { cause },
      );
    }
    cache.set(version, bundle);
  }
  return bundle;
}
