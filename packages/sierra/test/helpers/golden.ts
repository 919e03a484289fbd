import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { vectorsDir } from '../../../../scripts/shared-paths.ts';

export const sierraVectors = join(vectorsDir, 'sierra-to-casm');

export interface GoldenCase {
  name: string;
  sections: Map<string, string>;
}

/** Splits a cairo test-data file into cases and `//! > section` bodies. */
export function readGoldenFile(path: string): GoldenCase[] {
  const text = readFileSync(path, 'utf8');
  const cases: GoldenCase[] = [];
  for (const chunk of text.split(/^\/\/! > =+\n/m)) {
    const lines = chunk.split('\n');
    const sections = new Map<string, string>();
    let name = '';
    let cur: string | undefined;
    let body: string[] = [];
    const flush = () => {
      if (cur !== undefined) sections.set(cur, body.join('\n').replace(/\n+$/, ''));
    };
    for (const line of lines) {
      const m = /^\/\/! > (.*)$/.exec(line);
      if (m) {
        if (name === '') {
          name = m[1]!;
          continue;
        }
        flush();
        cur = m[1]!;
        body = [];
      } else if (cur !== undefined) body.push(line);
    }
    flush();
    if (name) cases.push({ name, sections });
  }
  return cases;
}

/** Lists the golden e2e files relative to the e2e folder. */
export function listE2eFiles(): string[] {
  const root = join(sierraVectors, 'e2e');
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(root, p));
    }
  };
  walk(root);
  return out;
}
