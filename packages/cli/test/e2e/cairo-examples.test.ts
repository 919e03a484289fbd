import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { vectorsDir } from '../../../../scripts/shared-paths.ts';

const starling = new URL('../../bin/starling.js', import.meta.url).pathname;
const examples = join(vectorsDir, 'cairo-vm', 'cairo-examples');
const dir = mkdtempSync(join(tmpdir(), 'starling-examples-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [starling, ...args], { encoding: 'utf8', cwd: dir });
  assert.equal(r.status, 0, `starling ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

// The upstream example test's expected results, read from the vectors README table: the rows with
// plain felt arguments and a plain Success result.
const ROW = /^\| (\w+) \| ([0-9, ]+) \| Success \[([0-9a-fx, ]+)\] \|$/;
const rows = readFileSync(join(vectorsDir, 'README.md'), 'utf8')
  .split('\n')
  .map((line) => ROW.exec(line.trim()))
  .filter((m): m is RegExpExecArray => m !== null)
  .map(([, program, args, result]) => ({
    program: program!,
    args: args!.split(',').map((s) => s.trim()),
    expected: result!.split(',').map((s) => BigInt(s.trim())),
  }));

describe('Cairo examples: starling compile (Sierra → CASM with entry code) then starling run', () => {
  it('the README table yields the cases', () => assert.ok(rows.length >= 8, `${rows.length} rows`));

  for (const { program, args, expected } of rows) {
    it(`${program}(${args.join(', ')}) = [${expected.join(', ')}]`, () => {
      const out = join(dir, `${program}.casm.json`);
      const compiled = cli('compile', join(examples, `${program}.sierra`), '--out', out);
      // The compiler prints the run line; it names the builtins the program takes, if any.
      const builtins = /--builtins (\S+)/.exec(compiled)?.[1];
      const run = cli(
        'run',
        out,
        '--args',
        args.join(','),
        '--returns',
        String(expected.length),
        ...(builtins ? ['--builtins', builtins] : []),
      );
      assert.deepEqual((JSON.parse(run).return_values as string[]).map(BigInt), expected);
    });
  }
});
