// Builds dist-wasm/felt.wasm from assembly/ with AssemblyScript (run by the root build before tsc).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';
import { generateMont } from './gen-mont.mjs';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Compiles one AssemblyScript entry file to a .wasm file (no runtime, no GC: kernels only). */
export async function compileWasm(entry, outFile, extraArgs = []) {
  mkdirSync(dirname(outFile), { recursive: true });
  const args = [
    entry,
    '--outFile',
    outFile,
    '--runtime',
    'stub',
    '--optimizeLevel',
    '3',
    '--shrinkLevel',
    '0',
    '--noAssert',
    '--converge',
    ...extraArgs,
  ];
  const { error, stderr } = await asc.main(args);
  if (error) {
    console.error(stderr.toString());
    throw error;
  }
}

generateMont();
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await compileWasm(join(pkg, 'assembly', 'index.ts'), join(pkg, 'dist-wasm', 'felt.wasm'));
}
