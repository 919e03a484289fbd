import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vectorsDir } from '../../../../scripts/shared-paths.ts';

/** Reads and parses a JSON file under the official vectors directory. */
export function readVector<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(vectorsDir, ...parts), 'utf8')) as T;
}

export { vectorsDir };
