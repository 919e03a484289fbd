import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compileProgram, parseSierraText } from '../../src/index.ts';
import { readGoldenFile, sierraVectors } from '../helpers/golden.ts';

/** Parses an `ap_solution_linear` dump: `#idx: value` lines, then `function: value` lines. */
function parseSolution(text: string) {
  const vars = new Map<number, number>();
  const funcs = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^#(\d+): (\d+)$/.exec(line.trim());
    if (m) vars.set(Number(m[1]), Number(m[2]));
    else {
      const f = /^(\S+): (\d+)$/.exec(line.trim());
      if (f) funcs.set(f[1]!, Number(f[2]));
    }
  }
  return { vars, funcs };
}

// The linear ap-change solver's output for the metadata-computation golden cases.
describe('ap-change solution (branch-align fixes and function ap changes)', () => {
  for (const c of readGoldenFile(join(sierraVectors, 'e2e', 'metadata_computation'))) {
    it(c.name, () => {
      const setCosts = new Map<string, number>();
      for (const line of (c.sections.get('enforced_costs') ?? '').split('\n')) {
        const m = /^(\S+) (\d+)$/.exec(line.trim());
        if (m) setCosts.set(m[1]!, Number(m[2]));
      }
      const compiled = compileProgram(parseSierraText(c.sections.get('sierra_code')!), {
        gasUsageCheck: true,
        functionSetCosts: setCosts,
      });
      const expected = parseSolution(c.sections.get('ap_solution_linear')!);
      const gotVars = new Map([...compiled.metadata.apVariables].filter(([, v]) => v !== 0));
      assert.deepEqual(gotVars, expected.vars);
      assert.deepEqual(compiled.metadata.functionApChange, expected.funcs);
      // Gas solution: builtin tokens and Const per statement variable and per function (the dump
      // also carries runtime Step/Hole/RangeCheck counts, which the compiler does not need).
      const tokens = [
        'Pedersen',
        'Poseidon',
        'Bitwise',
        'EcOp',
        'AddMod',
        'MulMod',
        'Blake',
        'Const',
      ] as const;
      for (const line of c.sections.get('gas_solution_linear')!.split('\n')) {
        const m = /^(#\d+|\S+): SmallOrderedMap\(\{(.*)\}\)$/.exec(line.trim());
        if (!m) continue;
        const entries = new Map(
          m[2]!
            .split(', ')
            .filter((x) => x)
            .map((kv) => kv.split(': ') as [string, string]),
        );
        const got = m[1]!.startsWith('#')
          ? compiled.metadata.gasVariables.get(Number(m[1]!.slice(1)))
          : compiled.metadata.functionCosts.get(m[1]!)?.toMap();
        for (const t of tokens) {
          assert.equal(got?.get(t) ?? 0, Number(entries.get(t) ?? 0), `${m[1]} ${t}`);
        }
      }
    });
  }
});
