import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  compileContractClass,
  compileProgram,
  type Program,
  parseSierraText,
  SierraError,
} from '../../src/index.ts';
import { readGoldenFile, sierraVectors } from '../helpers/golden.ts';

// Invalid programs made by mutating real ones (the upstream golden programs, a wasm-cairo program and
// an upstream contract class): each must fail with a typed SierraError, never a crash or a hang.

const TYPE_MISMATCH = /does not match the expected type of the libfunc or return statement/;
const real = readFileSync(new URL('../fixtures/wasm-cairo/programs.sierra', import.meta.url), 'utf8');
const golden = [
  'enum',
  'u128',
  'u64',
  'u32',
  'u8',
  'i8',
  'array',
  'felt252',
  'box',
  'bool',
  'nullable',
  'casts',
]
  .map((f) => `libfuncs/${f}`)
  .flatMap((f) => readGoldenFile(join(sierraVectors, 'e2e', f)))
  .map((c) => c.sections.get('sierra_code')!)
  .concat([real]);

const compile = (p: Program) => compileProgram(p, { gasUsageCheck: true });
const compiles = (p: Program) => {
  try {
    compile(p);
    return true;
  } catch {
    return false;
  }
};

/** The function whose body holds statement `idx` (the one with the greatest entry point ≤ idx). */
function owner(p: Program, idx: number) {
  return p.funcs.filter((f) => f.entryPoint <= idx).sort((a, b) => b.entryPoint - a.entryPoint)[0];
}

/** True when `v` at statement `idx` still holds the function parameter of that name. */
function isParam(p: Program, idx: number, v: string): string | undefined {
  const f = owner(p, idx);
  const param = f?.params.find((x) => x.id === v);
  if (!f || !param) return undefined;
  for (let k = f.entryPoint; k < idx; k++) {
    const st = p.statements[k]!;
    if (st.kind === 'return') return undefined;
    if (st.branches.some((b) => b.results.includes(v))) return undefined;
  }
  return param.ty;
}

describe('invalid programs from mutated real programs', () => {
  it('a value-moving libfunc applied to a parameter of another type is a type error', () => {
    let mutations = 0;
    for (const text of golden) {
      const base = parseSierraText(text);
      if (!compiles(base)) continue;
      base.statements.forEach((st, idx) => {
        if (st.kind !== 'invocation' || st.args.length !== 1) return;
        const ty = isParam(base, idx, st.args[0]!);
        const lf = base.libfuncs.find((l) => l.id === st.libfuncId)!;
        if (!ty || !['store_temp', 'rename', 'drop', 'dup'].includes(lf.longId.genericId)) return;
        // Same family, another type: e.g. store_temp<u128> on a felt252 parameter.
        const other = base.libfuncs.find(
          (l) =>
            l.longId.genericId === lf.longId.genericId &&
            l.longId.args[0]?.kind === 'type' &&
            l.longId.args[0].id !== ty,
        );
        if (!other) return;
        const p: Program = structuredClone(base);
        (p.statements[idx] as { libfuncId: string }).libfuncId = other.id;
        mutations++;
        assert.throws(
          () => compile(p),
          (e: unknown) => e instanceof SierraError && TYPE_MISMATCH.test(e.message),
          `#${idx}: ${lf.id} → ${other.id}`,
        );
      });
    }
    assert.ok(mutations >= 12, `${mutations} mutations`);
  });

  it('calls with swapped arguments of different types, and returns of the wrong type, are type errors', () => {
    const base = parseSierraText(real);
    let mutations = 0;
    base.statements.forEach((st, idx) => {
      const f = owner(base, idx);
      if (!f) return;
      if (st.kind === 'return') {
        // Return a parameter (of another type than the first return type) in place of the first value.
        const param = f.params.find((x) => x.ty !== f.retTypes[0] && isParam(base, idx, x.id));
        if (!param || st.vars.length === 0 || st.vars.includes(param.id)) return;
        const p: Program = structuredClone(base);
        (p.statements[idx] as { vars: string[] }).vars[0] = param.id;
        mutations++;
        assert.throws(() => compile(p), SierraError, `return at #${idx}`);
        return;
      }
      const lf = base.libfuncs.find((l) => l.id === st.libfuncId)!;
      if (lf.longId.genericId !== 'function_call' || st.args.length < 2) return;
      const callee = base.funcs.find(
        (g) => lf.longId.args[0]?.kind === 'userFunc' && g.id === lf.longId.args[0].id,
      );
      const [t0, t1] = callee?.paramTypes ?? [];
      if (!t0 || !t1 || t0 === t1) return;
      const p: Program = structuredClone(base);
      const args = (p.statements[idx] as { args: string[] }).args;
      [args[0], args[1]] = [args[1]!, args[0]!];
      mutations++;
      assert.throws(() => compile(p), SierraError, `call at #${idx}`);
    });
    assert.ok(mutations >= 10, `${mutations} mutations`);
  });

  it('unknown type, libfunc, function and variable ids are typed errors', () => {
    const cases: [string, (s: string) => string][] = [
      ['unknown type in a declaration', (s) => s.replace(/store_temp<felt252>/, 'store_temp<no_such_type>')],
      ['unknown libfunc in a statement', (s) => s.replace(/^felt252_add\(/m, 'no_such_libfunc(')],
      ['unknown generic libfunc', (s) => s.replace(/= felt252_add;/, '= felt252_frobnicate;')],
      ['unknown generic type', (s) => s.replace(/= felt252;/, '= felt253;')],
      ['unknown variable', (s) => s.replace(/felt252_add\(\[0\]/, 'felt252_add([77]')],
      ['unknown function', (s) => s.replace('main@0', 'main@999')],
    ];
    const src = `type felt252 = felt252;
libfunc felt252_add = felt252_add;
libfunc store_temp<felt252> = store_temp<felt252>;
felt252_add([0], [1]) -> ([2]);
store_temp<felt252>([2]) -> ([2]);
return ([2]);
main@0([0]: felt252, [1]: felt252) -> (felt252);`;
    assert.equal(compileProgram(parseSierraText(src)).statementOffsets.length, 4);
    for (const [what, edit] of cases) {
      const text = edit(src);
      assert.notEqual(text, src, what);
      assert.throws(() => compileProgram(parseSierraText(text)), SierraError, what);
    }
  });

  it('truncated and corrupted contract class felts are typed errors through the whole compile', () => {
    const file = join(sierraVectors, 'contracts', 'hello_starknet__hello_starknet.contract_class.json');
    const base = JSON.parse(readFileSync(file, 'utf8')) as { sierra_program: string[] };
    const n = base.sierra_program.length;
    let seed = 99;
    const rnd = (k: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % k;
    };
    const attempt = (program: string[]) => {
      try {
        compileContractClass({ ...base, sierra_program: program });
      } catch (e) {
        assert.ok(e instanceof SierraError, `untyped error: ${(e as Error).stack}`);
        return true;
      }
      return false;
    };
    for (let cut = 6; cut < n; cut += Math.max(1, Math.floor(n / 40))) {
      assert.ok(attempt(base.sierra_program.slice(0, cut)), `truncated to ${cut} felts compiled`);
    }
    let rejected = 0;
    for (let t = 0; t < 150; t++) {
      const prog = [...base.sierra_program];
      const at = 6 + rnd(n - 6);
      prog[at] = ['0x0', '0x1', '0x7', `0x${rnd(1 << 30).toString(16)}`][rnd(4)]!;
      if (attempt(prog)) rejected++;
    }
    assert.ok(rejected > 0);
  });
});
