// Real classes for tests: Cairo 2.10.1 Sierra + CASM shipped by @hyperlane-xyz/starknet-core, and our
// own Cairo sources compiled to Sierra by wasm-cairo (fixtures/).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type CasmClass, parseCasmClass, parseSierraClass, type SierraClass } from '@starling/protocol';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../..');
export const artifactsDir = join(repoRoot, 'node_modules/@hyperlane-xyz/starknet-core/dist/artifacts');
export const fixturesDir = resolve(here, '../../fixtures');

/** The raw JSON of an artifact (kind: contract_class | compiled_contract_class). */
export async function rawArtifact(name: string, kind: string): Promise<Record<string, unknown>> {
  const mod = (await import(pathToFileURL(join(artifactsDir, `${name}.${kind}.js`)).href)) as Record<
    string,
    Record<string, unknown>
  >;
  return mod[name] as Record<string, unknown>;
}

export interface TestClass {
  sierra: SierraClass;
  casm: CasmClass;
  rawSierra: Record<string, unknown>;
  rawCasm: Record<string, unknown>;
}

const cache = new Map<string, TestClass>();

/** Sierra and CASM of an artifact. */
export async function testClass(name: string): Promise<TestClass> {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const rawSierra = await rawArtifact(name, 'contract_class');
  const rawCasm = await rawArtifact(name, 'compiled_contract_class');
  const c = { sierra: parseSierraClass(rawSierra), casm: parseCasmClass(rawCasm), rawSierra, rawCasm };
  cache.set(name, c);
  return c;
}

/** A Sierra fixture compiled from packages/execution/cairo by scripts/compile-cairo.mjs. */
export function sierraFixture(name: string): { sierra: SierraClass; raw: Record<string, unknown> } {
  const raw = JSON.parse(readFileSync(join(fixturesDir, `${name}.contract_class.json`), 'utf8')) as Record<
    string,
    unknown
  >;
  return { sierra: parseSierraClass(raw), raw };
}
