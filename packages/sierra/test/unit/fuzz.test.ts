import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compileProgram, parseSierraText, SierraError } from '../../src/index.ts';
import { readGoldenFile, sierraVectors } from '../helpers/golden.ts';

// Mutated golden programs (dropped lines, swapped variables, changed numbers) must either compile
// or fail with a typed error: never a crash or a hang.
describe('mutated Sierra programs fail with typed errors', () => {
  const sources = [
    'libfuncs/enum',
    'libfuncs/array',
    'libfuncs/u128',
    'libfuncs/gas',
    'libfuncs/felt252_dict',
  ]
    .flatMap((f) => readGoldenFile(join(sierraVectors, 'e2e', f)))
    .map((c) => c.sections.get('sierra_code')!);
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const mutate = (text: string): string => {
    const lines = text.split('\n');
    switch (rnd(4)) {
      case 0:
        lines.splice(rnd(lines.length), 1);
        return lines.join('\n');
      case 1:
        return text.replace(/\[(\d+)\]/g, (m, d) => (rnd(6) === 0 ? `[${Number(d) + 1}]` : m));
      case 2:
        return text.replace(/\b(\d+)\b/g, (m) => (rnd(8) === 0 ? String(rnd(300)) : m));
      default: {
        const i = rnd(lines.length);
        const j = rnd(lines.length);
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        return lines.join('\n');
      }
    }
  };
  it('400 mutations', () => {
    let typed = 0;
    for (let k = 0; k < 400; k++) {
      const text = mutate(sources[rnd(sources.length)]!);
      try {
        compileProgram(parseSierraText(text), { gasUsageCheck: true });
      } catch (e) {
        assert.ok(e instanceof SierraError, `untyped error: ${(e as Error).stack}`);
        typed++;
      }
    }
    assert.ok(typed > 0);
  });
});
