// Lists files under packages/*/<folder> whose names end with a suffix, sorted.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir, suffix, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, suffix, out);
    else if (name.endsWith(suffix)) out.push(path);
  }
}

export function findPackageFiles(folder, suffix) {
  const out = [];
  for (const pkg of readdirSync('packages').sort()) walk(join('packages', pkg, folder), suffix, out);
  return out.sort();
}
