// Builds every package: WASM kernels first (packages/*/scripts/build-wasm.mjs), then TypeScript.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

for (const pkg of readdirSync('packages')) {
  const script = `packages/${pkg}/scripts/build-wasm.mjs`;
  if (existsSync(script)) run(process.execPath, [script]);
}
run(process.execPath, ['node_modules/typescript/bin/tsc', '-b']);
