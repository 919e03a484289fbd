import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseSierraJson, parseSierraText, SierraError } from '../../src/index.ts';
import { readGoldenFile, sierraVectors } from '../helpers/golden.ts';

// The compiler's JSON dump of fib_jumps / fib_no_gas must read as the same program as the text form.
describe('Sierra program JSON reader', () => {
  for (const name of ['fib_jumps', 'fib_no_gas']) {
    it(name, () => {
      const [c] = readGoldenFile(join(sierraVectors, 'other', `sierra_serde.${name}.txt`));
      const fromJson = parseSierraJson(c!.sections.get('pretty_json')!);
      const fromText = parseSierraText(readFileSync(join(sierraVectors, 'other', `${name}.sierra`), 'utf8'));
      assert.deepEqual(fromJson, fromText);
    });
  }
  it('rejects malformed JSON with a typed error', () => {
    for (const bad of [
      '{',
      '[]',
      '{"type_declarations": 5}',
      '{"type_declarations": [], "libfunc_declarations": [], "statements": [{"X": 1}], "funcs": []}',
    ]) {
      assert.throws(() => parseSierraJson(bad), SierraError, bad);
    }
  });
});
