import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ProgramRegistry } from '../../src/compiler/registry.ts';
import { libfuncSignature } from '../../src/compiler/signatures.ts';
import { readContractClass } from '../../src/contract/contract-class.ts';
import { compileProgram, type Program, parseSierraText, SierraError } from '../../src/index.ts';
import { listE2eFiles, readGoldenFile, sierraVectors } from '../helpers/golden.ts';
import { corpusPrograms, signatureCoverage } from '../helpers/signature-coverage.ts';

const TYPE_MISMATCH = /does not match the expected type of the libfunc or return statement/;
// The value-moving families checked before the table covered the whole library; mutations target the rest.
const BASIC = new Set([
  'store_temp',
  'rename',
  'store_local',
  'alloc_local',
  'dup',
  'drop',
  'function_call',
  'enum_init',
  'enum_match',
  'struct_construct',
  'struct_deconstruct',
  'unwrap_non_zero',
  'felt252_is_zero',
  'felt252_add',
  'felt252_sub',
  'felt252_mul',
  'felt252_div',
  'array_new',
  'array_append',
]);
// Fraction of libfunc invocations of the golden corpus (e2e cases, contract pairs, hyperlane classes)
// whose full signature the table derives: all of them.
const COVERAGE_FLOOR = 1;

const texts = () =>
  listE2eFiles()
    .filter((f) => f.startsWith('libfuncs/'))
    .flatMap((f) => readGoldenFile(join(sierraVectors, 'e2e', f)))
    .map((c) => c.sections.get('sierra_code') ?? '')
    .concat([readFileSync(new URL('../fixtures/wasm-cairo/programs.sierra', import.meta.url), 'utf8')]);

// Mid-size contract pairs: they mix many families with several instantiations each.
const CONTRACTS = ['test_contract__test_contract', 'account__account', 'token_bridge__token_bridge'];

/** The golden programs that compile (libfunc cases, a wasm-cairo program, some contracts) with their registries. */
function basePrograms(): [Program, ProgramRegistry][] {
  const out: [Program, ProgramRegistry][] = [];
  const contracts = CONTRACTS.map(
    (n) =>
      readContractClass(readFileSync(join(sierraVectors, 'contracts', `${n}.contract_class.json`), 'utf8'))
        .program,
  );
  for (const src of [...texts(), ...contracts]) {
    try {
      const p = typeof src === 'string' ? parseSierraText(src) : src;
      compileProgram(p, { gasUsageCheck: true });
      out.push([p, new ProgramRegistry(p)]);
    } catch {
      // Cases of invalid programs are not mutated.
    }
  }
  return out;
}

/** The family of a generic libfunc, with the integer width left out (`u32_to_felt252` → `N_to_felt252`). */
const family = (g: string) => g.replace(/^[ui](8|16|32|64|128)_/, 'N_');

const rejectsAt = (idx: number) => (e: unknown) =>
  e instanceof SierraError && TYPE_MISMATCH.test(e.message) && e.message.startsWith(`#${idx}:`);

describe('libfunc signature table', () => {
  it('derives the signature of nearly every libfunc invocation of the golden corpus', async (t) => {
    const programs = await corpusPrograms();
    const cov = signatureCoverage(programs);
    const fraction = cov.derived / cov.invocations;
    const missing = [...cov.missing].sort((a, b) => b[1] - a[1]).slice(0, 12);
    t.diagnostic(`${programs.length} programs, ${cov.derived}/${cov.invocations} = ${fraction.toFixed(5)}`);
    t.diagnostic(`most used underived: ${missing.map(([g, n]) => `${g} ${n}`).join(', ')}`);
    assert.ok(programs.length > 400);
    assert.ok(fraction >= COVERAGE_FLOOR, `coverage ${fraction} < ${COVERAGE_FLOOR}`);
  });

  it('swapping two arguments of different expected types is a type error at that statement', (t) => {
    const perFamily = new Map<string, number>();
    for (const [base, reg] of basePrograms()) {
      base.statements.forEach((st, idx) => {
        if (st.kind !== 'invocation') return;
        const l = reg.libfunc(st.libfuncId);
        if (BASIC.has(l.genericId) || (perFamily.get(l.genericId) ?? 0) >= 2) return;
        const params = libfuncSignature(reg, l)?.params ?? [];
        // The first pair of positions whose expected types are known and differ.
        let pair: [number, number] | undefined;
        for (let i = 0; i < params.length && !pair; i++)
          for (let j = i + 1; j < params.length && !pair; j++)
            if (params[i] && params[j] && params[i] !== params[j]) pair = [i, j];
        if (!pair) return;
        const p: Program = structuredClone(base);
        const args = (p.statements[idx] as { args: string[] }).args;
        [args[pair[0]], args[pair[1]]] = [args[pair[1]]!, args[pair[0]]!];
        perFamily.set(l.genericId, (perFamily.get(l.genericId) ?? 0) + 1);
        assert.throws(
          () => compileProgram(p, { gasUsageCheck: true }),
          rejectsAt(idx),
          `${l.genericId} at #${idx}: arguments ${pair.join(' and ')} swapped`,
        );
      });
    }
    const families = [...perFamily.keys()].sort();
    t.diagnostic(`${families.length} families mutated: ${families.join(', ')}`);
    for (const g of [
      'u32_safe_divmod',
      'u128_overflowing_add',
      'array_get',
      'pedersen',
      'withdraw_gas',
      'ec_state_add_mul',
      'felt252_dict_entry_get',
      'bounded_int_div_rem',
    ])
      assert.ok(families.includes(g), `${g} not mutated`);
    assert.ok(families.length >= 40, `${families.length} families: ${families.join(', ')}`);
  });

  it('a libfunc of the same shape expecting other argument types is a type error at that statement', (t) => {
    const perFamily = new Map<string, number>();
    for (const [base, reg] of basePrograms()) {
      const sigs = new Map(base.libfuncs.map((l) => [l.id, libfuncSignature(reg, l.longId)]));
      base.statements.forEach((st, idx) => {
        if (st.kind !== 'invocation') return;
        const l = reg.libfunc(st.libfuncId);
        const sig = sigs.get(st.libfuncId);
        if (!sig || BASIC.has(l.genericId) || (perFamily.get(l.genericId) ?? 0) >= 2) return;
        // Another declared libfunc with the same branch and output counts whose parameters differ.
        const other = base.libfuncs.find((o) => {
          const s = sigs.get(o.id);
          return (
            o.id !== st.libfuncId &&
            family(o.longId.genericId) === family(l.genericId) &&
            s !== undefined &&
            s.params.length === sig.params.length &&
            s.params.every((x, i) => x !== undefined && sig.params[i] !== undefined) &&
            s.params.some((x, i) => x !== sig.params[i]) &&
            s.branches.length === sig.branches.length &&
            s.branches.every((b, i) => b.length === sig.branches[i]!.length)
          );
        });
        if (!other) return;
        const p: Program = structuredClone(base);
        (p.statements[idx] as { libfuncId: string }).libfuncId = other.id;
        perFamily.set(l.genericId, (perFamily.get(l.genericId) ?? 0) + 1);
        assert.throws(
          () => compileProgram(p, { gasUsageCheck: true }),
          rejectsAt(idx),
          `${l.genericId} at #${idx} replaced by ${other.longId.genericId}`,
        );
      });
    }
    const families = [...perFamily.keys()].sort();
    t.diagnostic(`${families.length} families mutated: ${families.join(', ')}`);
    for (const g of ['unbox', 'snapshot_take', 'array_len', 'u64_to_felt252', 'struct_boxed_deconstruct'])
      assert.ok(families.includes(g), `${g} not mutated`);
    assert.ok(families.length >= 12, `${families.length} families`);
  });
});
