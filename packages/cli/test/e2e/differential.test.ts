import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  compileProgram,
  hintToJson,
  parseSierraText,
  wrapProgramForProof,
  wrapProgramForRun,
} from '@starling/sierra';

// Differential test against wasm-cairo (the upstream Cairo 2.8.2 compiler and the Rust cairo-vm):
// fixtures/differential holds the Sierra it compiled from fixtures/cairo and the results its runner
// printed (scripts/gen-differential-fixtures.mjs). Each program is compiled by `starling compile`
// and run by `starling run`: the returned values or the panic data must match, and so must the result
// line and the remaining gas that wasm-cairo's runner printed for the program run alone.

const exec = promisify(execFile);
const starling = new URL('../../bin/starling.js', import.meta.url).pathname;
const fixtures = new URL('../../fixtures/differential/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'starling-differential-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Expected {
  program: string;
  sierra: string;
  function: string;
  panicked: boolean;
  values: string[];
  initial_gas: number;
  remaining_gas: string | null;
  /** What wasm-cairo's runner printed for the program run alone (result line, remaining gas). */
  output: string | null;
  /** Why wasm-cairo printed no result for the program run alone (its values come from the batch). */
  standalone_error?: string;
}

const cases = readdirSync(fixtures)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(fixtures, f), 'utf8')) as Expected);

async function cli(...args: string[]): Promise<string> {
  const r = await exec(process.execPath, [starling, ...args], { encoding: 'utf8', cwd: dir });
  return r.stdout;
}

// All fixtures share one Sierra program (see the generator). `starling compile` on it costs over a
// second per function, so the test compiles it once here with the same library calls as the compile
// command (the program uses gas, so with the gas check) and writes each function's entry-wrapped JSON;
// the first cases check that this JSON equals what `starling compile --function` writes.
const hex = (v: bigint) => `0x${v.toString(16)}`;
let compiled: ReturnType<typeof compileProgram> | undefined;

/** The JSON `starling compile <sierra> --function <f>` writes, and its `--returns`, built in process. */
function compiledFor(c: Expected): ReturnType<typeof compileProgram> {
  compiled ??= compileProgram(parseSierraText(readFileSync(join(fixtures, c.sierra), 'utf8')), {
    gasUsageCheck: true,
  });
  return compiled;
}

function wrapped(c: Expected): { json: string; builtins: string[]; returns: number } {
  const w = wrapProgramForRun(compiledFor(c), c.function);
  const json = {
    bytecode: w.bytecode.map(hex),
    hints: w.hints.map(([pc, hs]) => [pc, hs.map(hintToJson)]),
    builtins: w.builtins,
    entry: {
      function: w.function,
      arg_cells: w.argCells,
      return_cells: w.returnCells,
      code_offset: w.entrySize,
      panic_ok_cells: w.panicOkCells ?? null,
      required_gas: w.requiredGas,
    },
  };
  return { json: `${JSON.stringify(json, null, 2)}\n`, builtins: w.builtins, returns: w.returnCells };
}

interface RunReport {
  panicked: boolean;
  values: string[];
  remaining_gas: string | null;
  output: string;
}

/** Runs one fixture function with `starling run`, which reads the builtins and result layout from the JSON. */
async function runFixture(c: Expected): Promise<{ report: RunReport; line: string }> {
  const out = join(dir, `${c.program}.json`);
  const w = wrapped(c);
  writeFileSync(out, w.json);
  const args = ['run', out];
  if (w.builtins.includes('gas_builtin')) args.push('--available-gas', String(c.initial_gas));
  const run = await cli(...args);
  return { report: JSON.parse(run) as RunReport, line: args.join(' ') };
}

/** The JSON `starling compile <sierra> --function <f> --proof-mode` writes, built in process. */
function proofWrapped(c: Expected): string {
  const w = wrapProgramForProof(compiledFor(c), c.function);
  const json = {
    bytecode: w.bytecode.map(hex),
    hints: w.hints.map(([pc, hs]) => [pc, hs.map(hintToJson)]),
    builtins: w.builtins,
    proof_mode: { function: w.function, start: w.start, end: w.end, output_cells: w.outputCells },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

// Proof-mode runs of a sample across the families (builtins, the segment arena, u256, signed ints):
// the value the footer writes to the output segment must be the one wasm-cairo returned.
const PROOF_SAMPLE = [
  'bitwise_ops',
  'dict_counter',
  'pedersen_hash',
  'poseidon_hash',
  'signed_ints',
  'u128_wide_mul',
  'u256_arith',
];

// Remaining-gas differences that a documented cost change between Cairo 2.8.2 (wasm-cairo) and the
// pinned compiler explains; every other program must leave exactly the gas wasm-cairo's runner reports.
const GAS_DIFFERENCES: Record<string, string> = {};

describe('differential: starling compile + run vs wasm-cairo (Cairo 2.8.2)', { concurrency: 2 }, () => {
  it('has the fixtures, each with its standalone wasm-cairo output', () => {
    assert.ok(cases.length >= 50, `${cases.length} fixtures`);
    // A program wasm-cairo could not run alone carries the runner's error instead (documented below).
    const missing = cases.filter((c) => typeof c.output !== 'string' && c.standalone_error === undefined);
    assert.deepEqual(
      missing.map((c) => c.program),
      [],
    );
    assert.ok(cases.filter((c) => c.output).length >= 50, 'at least 50 programs with standalone output');
  });

  for (const c of cases.filter((x) => ['u256_arith', 'dict_counter', 'panic_felt'].includes(x.program))) {
    it(`starling compile --function ${c.function} writes the JSON the test runs`, async () => {
      const out = join(dir, `${c.program}.cli.json`);
      const printed = await cli('compile', join(fixtures, c.sierra), '--function', c.function, '--out', out);
      const w = wrapped(c);
      assert.equal(readFileSync(out, 'utf8'), w.json);
      if (w.builtins.includes('gas_builtin')) assert.ok(printed.includes('--available-gas <n>'), printed);
    });
  }

  for (const c of cases.filter((x) => PROOF_SAMPLE.includes(x.program))) {
    it(`${c.program} in proof mode writes Ok(value) to the output segment`, async () => {
      const out = join(dir, `${c.program}.proof.json`);
      writeFileSync(out, proofWrapped(c));
      const run = JSON.parse(await cli('run', out, '--proof-mode')) as { output: string[] };
      const expected = c.values.map(BigInt);
      const got = run.output.map(BigInt);
      // A PanicResult is [0, padding…, value] when Ok; a function that cannot panic returns the value.
      if (got.length > expected.length) assert.equal(got[0], 0n, `panicked: ${run.output.join(', ')}`);
      assert.deepEqual(got.slice(got.length - expected.length), expected);
    });
  }

  it('starling compile --proof-mode writes the JSON the proof-mode runs use', async () => {
    const c = cases.find((x) => x.program === 'u256_arith')!;
    const out = join(dir, 'u256_arith.proof.cli.json');
    await cli('compile', join(fixtures, c.sierra), '--function', c.function, '--proof-mode', '--out', out);
    assert.equal(readFileSync(out, 'utf8'), proofWrapped(c));
  });

  // Functions with arguments in proof mode: `starling compile --proof-mode --args` builds them into the
  // entry code. Each call below is one that a fixture's main makes, so wasm-cairo's result is the oracle.
  const withArgs = [
    // gcd_recursive: main() = gcd(1071 * 982451653, 462 * 982451653).
    {
      program: 'gcd_recursive',
      fn: 'gcd_recursive::gcd',
      args: '1052205720363 453892663686',
      ok: (v: bigint[]) => [v[0]!],
    },
    // option_array: main() = (find([4, 8, 15, 16, 23, 42], 23).unwrap(), …): Some(4).
    {
      program: 'option_array',
      fn: 'option_array::find',
      args: '[4 8 15 16 23 42] 23',
      ok: (v: bigint[]) => [0n, v[0]!],
    },
    // generic_max: main() = (max_of([3, 250, 7], 0), …) for u8, a Span argument and a felt.
    {
      program: 'generic_max',
      fn: 'max_of::<core::integer::u8, core::integer::U8PartialOrd, core::integer::u8Copy, core::integer::u8Drop>',
      args: '[3, 250, 7] 0',
      ok: (v: bigint[]) => [v[0]!],
    },
  ];
  for (const w of withArgs) {
    it(`${w.fn.split('::<')[0]} ${w.args} in proof mode: arguments built into the entry code`, async () => {
      const c = cases.find((x) => x.program === w.program)!;
      const out = join(dir, `${c.program}.args.proof.json`);
      await cli(
        'compile',
        join(fixtures, c.sierra),
        '--function',
        w.fn,
        '--proof-mode',
        '--args',
        w.args,
        '--out',
        out,
      );
      const run = JSON.parse(await cli('run', out, '--proof-mode')) as { output: string[] };
      // Ok (0), padding, then the value (Some is variant 0 of an Option).
      const got = run.output.map(BigInt);
      const tail = w.ok(c.values.map(BigInt));
      assert.equal(got[0], 0n, `panicked: ${run.output.join(', ')}`);
      assert.deepEqual(got.slice(got.length - tail.length), tail);
    });
  }

  it('compile --proof-mode --args rejects arguments that do not fill the parameters, with a typed error', async () => {
    const c = cases.find((x) => x.program === 'gcd_recursive')!;
    for (const args of ['1 2 3', 'x']) {
      await assert.rejects(
        cli(
          'compile',
          join(fixtures, c.sierra),
          '--function',
          'gcd_recursive::gcd',
          '--proof-mode',
          '--args',
          args,
          '--out',
          join(dir, 'bad.json'),
        ),
        (e: { stderr: string }) => /SIERRA_INVALID_ARGUMENTS/.test(e.stderr),
      );
    }
  });

  for (const c of cases) {
    const what = c.panicked ? `panics with [${c.values.join(', ')}]` : `returns [${c.values.join(', ')}]`;
    it(`${c.program} ${what}`, async () => {
      const { report, line } = await runFixture(c);
      assert.equal(report.panicked, c.panicked, `${report.output} (${line})`);
      // Success: the Ok value's cells equal the serialized result (no program returns an array or
      // enum, whose cells and serialization differ). Panic: the panic data read from memory.
      assert.deepEqual(report.values.map(BigInt), c.values.map(BigInt), report.output);
      if (c.output === null || c.output === undefined) return;
      // The result line as wasm-cairo's runner printed it for the program run alone.
      const [theirs] = c.output.split('\n');
      const [ours] = report.output.split('\n');
      assert.equal(ours, theirs);
      const gasNote = GAS_DIFFERENCES[c.program];
      if (c.remaining_gas !== null && gasNote === undefined)
        assert.equal(report.remaining_gas, c.remaining_gas);
      if (c.remaining_gas === null) assert.equal(report.remaining_gas, null, 'wasm-cairo reported no gas');
    });
  }
});
