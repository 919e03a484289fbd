// Runs the test suite with node's test runner on the TypeScript sources.
// Usage: node scripts/test.mjs [filter...]   (a filter keeps test files whose path contains it)
import { spawnSync } from 'node:child_process';
import { findPackageFiles } from './find-files.mjs';

const filters = process.argv.slice(2);
const files = findPackageFiles('test', '.test.ts').filter(
  (f) => filters.length === 0 || filters.some((flt) => f.includes(flt)),
);
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}
const args = ['--import', 'tsx', '--conditions=@starling/source', '--test', '--test-reporter=spec'];
const r = spawnSync(process.execPath, [...args, ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
