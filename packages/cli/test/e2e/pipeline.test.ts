import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { vectorsDir } from '../../../../scripts/shared-paths.ts';

const starling = new URL('../../bin/starling.js', import.meta.url).pathname;
const fibLoop = join(vectorsDir, 'cairo-vm', 'cairo-examples', 'fib_loop.casm');
// Sierra from wasm-cairo (Cairo 2.8.2): fib over u128 with recursion (gas) and range checks.
const fibSierra = new URL('../../fixtures/proof/fib_u128.sierra', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'starling-pipeline-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [starling, ...args], { encoding: 'utf8', cwd: dir });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// The whole toolchain through the built CLI: run a compiler-produced CASM program on the VM in
// proof mode, prove the execution, verify the proof, and reject a tampered one.
describe('starling run → prove → verify', () => {
  it('fib_loop(1, 1, 7) returns 21, as the upstream example test expects', () => {
    const r = cli('run', fibLoop, '--args', '1,1,7');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).return_values, ['0x15']);
  });

  it('proves the proof-mode run and verifies the proof; a tampered proof fails', () => {
    const run = cli(
      'run',
      fibLoop,
      '--args',
      '1,1,7',
      '--proof-mode',
      '--trace-file',
      't.bin',
      '--memory-file',
      'm.bin',
      '--air-public-input',
      'pub.json',
      '--air-private-input',
      'priv.json',
    );
    assert.equal(run.status, 0, run.stderr);
    const prove = cli(
      'prove',
      '--trace',
      't.bin',
      '--memory',
      'm.bin',
      '--public-input',
      'pub.json',
      '--private-input',
      'priv.json',
      '--out',
      'proof.json',
    );
    assert.equal(prove.status, 0, prove.stderr);
    assert.equal(cli('verify', 'proof.json').status, 0);

    const proof = JSON.parse(readFileSync(join(dir, 'proof.json'), 'utf8'));
    proof.proof.powNonce += 1;
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(proof));
    assert.notEqual(cli('verify', 'tampered.json').status, 0);
    assert.notEqual(cli('verify', 'missing.json').status, 0);
  });

  // The small layout's CPU component needs at least 512 steps (cairo-lang's layout definition): a run
  // of a few dozen steps fails a capacity check and is padded to 512 rows for Stone.
  it('--layout-capacity check fails a run the layout cannot hold; pad grows the trace to fit', () => {
    const base = ['run', fibLoop, '--args', '1,1,7', '--proof-mode', '--layout', 'small'];
    const checked = cli(...base, '--layout-capacity', 'check', '--trace-file', 'c.bin');
    assert.notEqual(checked.status, 0);
    assert.match(checked.stderr, /INSUFFICIENT_ALLOCATED_CELLS/);
    const padded = cli(...base, '--layout-capacity', 'pad', '--trace-file', 'p.bin');
    assert.equal(padded.status, 0, padded.stderr);
    assert.ok(readFileSync(join(dir, 'p.bin')).length / 24 >= 512);
    assert.notEqual(cli(...base, '--layout-capacity', 'bogus').status, 0);
  });
});

// Cairo source → Sierra (wasm-cairo, committed) → `starling compile --proof-mode` → proof-mode run →
// prove → verify: the proof-mode entry code writes the value to the output builtin.
describe('starling compile --proof-mode → run → prove → verify', () => {
  it('proves fib(0, 1, 50) and the output segment holds Ok(fib(50))', () => {
    const compile = cli('compile', fibSierra, '--proof-mode', '--out', 'fib.json');
    assert.equal(compile.status, 0, compile.stderr);
    const run = cli(
      'run',
      'fib.json',
      '--proof-mode',
      '--trace-file',
      'ft.bin',
      '--memory-file',
      'fm.bin',
      '--air-public-input',
      'fpub.json',
      '--air-private-input',
      'fpriv.json',
    );
    assert.equal(run.status, 0, run.stderr);
    // PanicResult::Ok: variant 0, one padding cell (the Err payload is two cells), then the value.
    // fib(50) = 12586269025, as the recurrence gives.
    let [a, b] = [0n, 1n];
    for (let i = 0; i < 50; i++) [a, b] = [b, a + b];
    assert.deepEqual(JSON.parse(run.stdout).output, ['0x0', '0x0', `0x${a.toString(16)}`]);
    const pub = JSON.parse(readFileSync(join(dir, 'fpub.json'), 'utf8'));
    assert.ok(pub.memory_segments.output, 'the public input has an output segment');
    const prove = cli(
      'prove',
      '--trace',
      'ft.bin',
      '--memory',
      'fm.bin',
      '--public-input',
      'fpub.json',
      '--private-input',
      'fpriv.json',
      '--out',
      'fproof.json',
    );
    assert.equal(prove.status, 0, prove.stderr);
    assert.equal(cli('verify', 'fproof.json').status, 0);
  });

  it('runs the same program plainly: Ok value, remaining gas, and a typed error without --available-gas', () => {
    const compile = cli('compile', fibSierra, '--out', 'fib-run.json');
    assert.equal(compile.status, 0, compile.stderr);
    const missing = cli('run', 'fib-run.json');
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /INVALID_PROGRAM.*--available-gas/);
    const run = cli('run', 'fib-run.json', '--available-gas', '1000000');
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.panicked, false);
    assert.deepEqual(report.values, ['0x2ee333961']);
    const left = BigInt(report.remaining_gas);
    assert.ok(left > 0n && left < 1_000_000n);
    // Too little gas: the program panics with 'Out of gas' and the panic data is decoded.
    const poor = JSON.parse(cli('run', 'fib-run.json', '--available-gas', '20000').stdout);
    assert.equal(poor.panicked, true);
    assert.match(poor.output, /^Run panicked with \[0x4f7574206f6620676173 \('Out of gas'\)\]\./);
  });

  it('a function with arguments needs them all: without --args it is a typed error', () => {
    const r = cli('compile', fibSierra, '--proof-mode', '--function', 'fib', '--out', 'bad.json');
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /SIERRA_INVALID_ARGUMENTS/);
  });

  it('fib(0, 1, 50) with --args in proof mode writes Ok(fib(50)) to the output, as main() does', () => {
    const built = cli(
      'compile',
      fibSierra,
      '--proof-mode',
      '--function',
      'fib',
      '--args',
      '0 1 50',
      '--out',
      'fib-args.json',
    );
    assert.equal(built.status, 0, built.stderr);
    const run = JSON.parse(cli('run', 'fib-args.json', '--proof-mode').stdout) as { output: string[] };
    // Ok, padding, then fib(50) = 12586269025 (main() = fib(0, 1, 50)).
    assert.equal(BigInt(run.output[0] ?? -1), 0n);
    assert.equal(BigInt(run.output.at(-1) ?? -1), 12586269025n);
  });
});
