// Builds the spec bundles under spec/: the OpenRPC documents of one spec version, minified, with the
// cross-file `./api/<file>` references rewritten to `<file>` so that they resolve beside each other, and
// the few component schemas that the ws spec wraps in a non-standard `{ schema: {...} }` unwrapped (as
// written they would constrain nothing).
// Usage: npx tsx packages/rpc/scripts/spec-bundle.ts   (reads ../shared/starknet-specs/<version>/)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SPEC_FILES = [
  'starknet_api_openrpc.json',
  'starknet_write_api.json',
  'starknet_trace_api_openrpc.json',
  'starknet_executables.json',
  'starknet_ws_api.json',
] as const;

export const BUNDLED_VERSIONS = ['0.10.3', '0.9.0'] as const;

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === '$ref' && typeof v === 'string' ? v.replace(/^\.\/api\//, '') : rewriteRefs(v);
  }
  return out;
}

function unwrapComponents(doc: Record<string, unknown>): void {
  const schemas = (doc.components as { schemas?: Record<string, Record<string, unknown>> } | undefined)
    ?.schemas;
  for (const [name, s] of Object.entries(schemas ?? {})) {
    const inner = s.schema;
    if (inner && typeof inner === 'object' && !('type' in s) && !('$ref' in s)) {
      const { schema: _, ...rest } = s;
      schemas![name] = { ...rest, ...(inner as Record<string, unknown>) };
    }
  }
}

/** The bundle text for one version folder of the official spec files. */
export function bundleSpec(versionDir: string, version: string): string {
  const documents: Record<string, unknown> = {};
  for (const file of SPEC_FILES) {
    const doc = rewriteRefs(JSON.parse(readFileSync(join(versionDir, file), 'utf8'))) as Record<
      string,
      unknown
    >;
    unwrapComponents(doc);
    documents[file] = doc;
  }
  return `${JSON.stringify({ version, documents })}\n`;
}

if (process.argv[1]?.endsWith('spec-bundle.ts')) {
  const { specsDir } = await import('../../../scripts/shared-paths.ts');
  for (const version of BUNDLED_VERSIONS) {
    const out = new URL(`../spec/${version}.json`, import.meta.url);
    writeFileSync(out, bundleSpec(join(specsDir, version), version));
    console.log(`wrote ${out.pathname}`);
  }
}
