// Real Sierra + CASM classes compiled by Cairo 2.10.1, shipped by @hyperlane-xyz/starknet-core.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
export const artifactsDir = join(dirname(require.resolve('@hyperlane-xyz/starknet-core')), 'artifacts');

/** Names of the artifacts that have both a Sierra and a CASM file. */
export function artifactNames(): string[] {
  return readdirSync(artifactsDir)
    .filter((f) => f.endsWith('.contract_class.js'))
    .map((f) => f.slice(0, -'.contract_class.js'.length));
}

async function load(file: string): Promise<unknown> {
  const mod = (await import(pathToFileURL(join(artifactsDir, file)).href)) as Record<string, unknown>;
  return Object.values(mod)[0];
}

/** The Sierra class JSON and the CASM JSON of one artifact. */
export async function loadArtifact(name: string): Promise<{ sierra: unknown; casm: unknown }> {
  return {
    sierra: await load(`${name}.contract_class.js`),
    casm: await load(`${name}.compiled_contract_class.js`),
  };
}
