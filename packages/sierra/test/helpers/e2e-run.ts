import { join } from 'node:path';
import { casmProgramToString, compileProgram, parseSierraText } from '../../src/index.ts';
import { readGoldenFile, sierraVectors } from './golden.ts';

export interface CaseResult {
  name: string;
  casmOk: boolean;
  costsOk: boolean;
  error?: string;
  diff?: string;
}

/** Formats function costs like the golden `function_costs` section. */
export function formatCosts(costs: Map<string, { entries(): [string, number][] }>, funcs: string[]): string {
  return funcs
    .map((f) => {
      const entries = costs.get(f)?.entries() ?? [];
      return `${f}: SmallOrderedMap({${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}})`;
    })
    .join('\n');
}

function firstDiff(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) return `line ${i + 1}: expected '${al[i]}' got '${bl[i]}'`;
  }
  return '';
}

/** Compiles every case of a golden e2e file and compares CASM text and function costs. */
export function runE2eFile(file: string): CaseResult[] {
  const out: CaseResult[] = [];
  for (const c of readGoldenFile(join(sierraVectors, 'e2e', file))) {
    const expected = (c.sections.get('casm') ?? '').trim();
    const expectedCosts = (c.sections.get('function_costs') ?? '').trim();
    try {
      const program = parseSierraText(c.sections.get('sierra_code') ?? '');
      const setCosts = new Map<string, number>();
      for (const line of (c.sections.get('enforced_costs') ?? '').split('\n')) {
        const m = /^(\S+) (\d+)$/.exec(line.trim());
        if (m) setCosts.set(m[1]!, Number(m[2]));
      }
      const compiled = compileProgram(program, { gasUsageCheck: true, functionSetCosts: setCosts });
      const casm = casmProgramToString(compiled).trim();
      const costs = formatCosts(
        compiled.metadata.functionCosts,
        program.funcs.map((f) => f.id),
      );
      out.push({
        name: c.name,
        casmOk: casm === expected,
        // Metadata-computation cases have no function_costs section (solver dumps instead).
        costsOk: !c.sections.has('function_costs') || costs === expectedCosts,
        ...(casm === expected ? {} : { diff: firstDiff(expected, casm) }),
      });
    } catch (e) {
      out.push({ name: c.name, casmOk: false, costsOk: false, error: (e as Error).message });
    }
  }
  return out;
}
