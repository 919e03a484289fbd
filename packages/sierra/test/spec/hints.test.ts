import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { hintFromJson } from '../../src/casm/hint-json.ts';
import { hintToPython } from '../../src/casm/hint-python.ts';
import { hintToJson } from '../../src/casm/hints.ts';
import { sierraVectors } from '../helpers/golden.ts';

const dir = join(sierraVectors, 'contracts');
const files = readdirSync(dir).filter((f) => f.endsWith('.compiled_contract_class.json'));

describe('hint JSON and pythonic text against compiled classes', () => {
  for (const f of files) {
    it(f, () => {
      const cc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
        hints: [number, unknown[]][];
        pythonic_hints: [number, string[]][];
      };
      assert.equal(cc.hints.length, cc.pythonic_hints.length);
      cc.hints.forEach(([pc, hs], i) => {
        const [ppc, texts] = cc.pythonic_hints[i]!;
        assert.equal(pc, ppc);
        hs.forEach((h, j) => {
          const parsed = hintFromJson(h);
          assert.deepEqual(hintToJson(parsed), h);
          assert.equal(hintToPython(parsed), texts[j], `pc ${pc}`);
        });
      });
    });
  }
});
