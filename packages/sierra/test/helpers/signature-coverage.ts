import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProgramRegistry } from '../../src/compiler/registry.ts';
import { libfuncSignature } from '../../src/compiler/signatures.ts';
import { readContractClass } from '../../src/contract/contract-class.ts';
import { type Program, parseSierraText } from '../../src/index.ts';
import { listE2eFiles, readGoldenFile, sierraVectors } from './golden.ts';

export const hyperlaneDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../node_modules/@hyperlane-xyz/starknet-core/dist/artifacts',
);

/** Every golden program: the e2e cases, the contract pairs and (when installed) the hyperlane classes. */
export async function corpusPrograms(): Promise<Program[]> {
  const out: Program[] = [];
  for (const file of listE2eFiles()) {
    for (const c of readGoldenFile(join(sierraVectors, 'e2e', file))) {
      try {
        out.push(parseSierraText(c.sections.get('sierra_code') ?? ''));
      } catch {
        // Cases of invalid programs are not part of the corpus.
      }
    }
  }
  const cdir = join(sierraVectors, 'contracts');
  for (const f of readdirSync(cdir).filter((f) => f.endsWith('.contract_class.json')))
    out.push(readContractClass(readFileSync(join(cdir, f), 'utf8')).program);
  if (existsSync(hyperlaneDir)) {
    for (const f of readdirSync(hyperlaneDir).filter((f) => f.endsWith('.contract_class.js'))) {
      const cls = Object.values(await import(join(hyperlaneDir, f)))[0] as Record<string, unknown>;
      out.push(readContractClass(cls).program);
    }
  }
  return out;
}

export interface Coverage {
  invocations: number;
  derived: number;
  /** Invocation counts of the libfunc families whose signature is not (fully) derived. */
  missing: Map<string, number>;
}

/** Fraction of libfunc invocations whose full signature (every parameter and output) the table derives. */
export function signatureCoverage(programs: Program[]): Coverage {
  const cov: Coverage = { invocations: 0, derived: 0, missing: new Map() };
  for (const p of programs) {
    let reg: ProgramRegistry;
    try {
      reg = new ProgramRegistry(p);
    } catch {
      continue;
    }
    const known = new Map<string, boolean>();
    for (const st of p.statements) {
      if (st.kind === 'return') continue;
      cov.invocations++;
      let ok = known.get(st.libfuncId);
      if (ok === undefined) {
        let sig: ReturnType<typeof libfuncSignature>;
        try {
          sig = libfuncSignature(reg, reg.libfunc(st.libfuncId));
        } catch {
          sig = undefined;
        }
        const branches = sig?.branches ?? [];
        ok =
          (sig?.params.every((t) => t !== undefined) ?? false) &&
          branches.length === st.branches.length &&
          branches.every(
            (b, i) => b.length === st.branches[i]!.results.length && b.every((t) => t !== undefined),
          );
        known.set(st.libfuncId, ok);
      }
      if (ok) cov.derived++;
      else {
        const g = reg.libfunc(st.libfuncId).genericId;
        cov.missing.set(g, (cov.missing.get(g) ?? 0) + 1);
      }
    }
  }
  return cov;
}
