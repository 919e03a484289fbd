// Compiles the Cairo sources in ../cairo to Sierra contract classes (fixtures/*.contract_class.json)
// with the wasm-cairo npm package. Each compile takes 10-13 s; the output is committed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileStarknetContract, initSync } from 'wasm-cairo';

const require = createRequire(import.meta.url);
initSync(readFileSync(require.resolve('wasm-cairo/wasm-cairo_bg.wasm')));

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
for (const file of readdirSync(join(root, 'cairo'))) {
  if (!file.endsWith('.cairo')) continue;
  const name = file.replace(/\.cairo$/, '');
  if (only.length > 0 && !only.includes(name)) continue;
  const source = readFileSync(join(root, 'cairo', file), 'utf8');
  const t0 = Date.now();
  const out = compileStarknetContract(source, false, true);
  const json = JSON.parse(out);
  writeFileSync(join(root, 'fixtures', `${name}.contract_class.json`), `${JSON.stringify(json)}\n`);
  console.log(`${name}: ${json.sierra_program.length} felts in ${Date.now() - t0} ms`);
}
