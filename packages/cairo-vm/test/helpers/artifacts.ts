import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type CompiledClass, loadCompiledClass } from '../../src/index.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const artifactsDir = join(repoRoot, 'node_modules/@hyperlane-xyz/starknet-core/dist/artifacts');
const cache = new Map<string, CompiledClass>();

/** Raw JSON object of a real Cairo 2.10.1 class shipped by @hyperlane-xyz/starknet-core. */
export async function rawArtifact(
  name: string,
  kind = 'compiled_contract_class',
): Promise<Record<string, unknown>> {
  const url = pathToFileURL(join(artifactsDir, `${name}.${kind}.js`)).href;
  const mod = (await import(url)) as Record<string, Record<string, unknown>>;
  return mod[name] as Record<string, unknown>;
}

/** Loads a compiled class by artifact name (e.g. contracts_TestERC20). */
export async function artifact(name: string): Promise<CompiledClass> {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const cls = loadCompiledClass(await rawArtifact(name));
  cache.set(name, cls);
  return cls;
}
