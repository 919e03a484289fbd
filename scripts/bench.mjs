// Runs benchmarks: every packages/*/bench/*.bench.ts, or those whose path or figure names match the filter.
// Usage: npm run bench [-- filter]   Each bench prints `<name>: <value> <unit> (ratio)` lines.
import { spawnSync } from 'node:child_process';
import { findPackageFiles } from './find-files.mjs';

const filter = process.argv[2] ?? '';
const files = findPackageFiles('bench', '.bench.ts');
const args = ['--import', 'tsx', '--conditions=@starling/source', '--expose-gc'];
let failed = 0;
for (const file of files) {
  // A filter that names a package or file selects it whole; otherwise benches filter their own figures.
  const env = { ...process.env, BENCH_FILTER: file.includes(filter) ? '' : filter };
  const r = spawnSync(process.execPath, [...args, file], { stdio: 'inherit', env });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
